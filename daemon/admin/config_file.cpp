#include "admin/config_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace rectifyd::admin {
namespace {

Error io_error(const std::string& what, const std::string& path, int err) {
  return Error{what + " " + path + ": " + std::strerror(err)};
}

Status fsync_directory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return io_error("cannot open the directory", dir, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0)
    return io_error("cannot flush the directory", dir, err);
  return ok_status();
}

/// Writes text to a fresh temporary file in `dir` with `mode`, flushed; returns its path.
Result<std::string> write_temp(const std::string& dir, const std::string& base,
                               std::string_view text, mode_t mode) {
  std::string tmpl = dir + "/." + base + ".XXXXXX";
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0)
    return io_error("cannot create a temporary file in", dir, errno);
  auto fail = [&](const std::string& what) -> Error {
    const int err = errno;
    ::close(fd);
    ::unlink(tmpl.c_str());
    return io_error(what, tmpl, err);
  };
  if (::fchmod(fd, mode) != 0)
    return fail("cannot set the mode of");
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return fail("cannot write");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0)
    return fail("cannot flush");
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmpl.c_str());
    return io_error("cannot close", tmpl, err);
  }
  return tmpl;
}

/// Renames a flushed temporary file over `path` and flushes the directory.
Status install(const std::string& tmp, const std::string& path, const std::string& dir) {
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return io_error("cannot rename over", path, err);
  }
  return fsync_directory(dir);
}

Status write_atomically(const std::string& path, std::string_view text, mode_t mode) {
  const std::filesystem::path p(path);
  std::string dir = p.parent_path().string();
  if (dir.empty())
    dir = ".";
  auto tmp = write_temp(dir, p.filename().string(), text, mode);
  if (!tmp)
    return tmp.error();
  return install(*tmp, path, dir);
}

}  // namespace

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return io_error("cannot read", path, errno);
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad())
    return io_error("cannot read", path, errno);
  return s.str();
}

Status replace_file_atomically(const std::string& path, std::string_view text) {
  mode_t mode = 0640;
  struct stat st {};
  std::optional<std::string> old;
  if (::stat(path.c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
    auto previous = read_text_file(path);
    if (!previous)
      return previous.error();
    old = std::move(*previous);
  }
  if (old) {
    if (auto s = write_atomically(path + ".bak", *old, mode); !s)
      return s;
  }
  return write_atomically(path, text, mode);
}

Status restore_backup(const std::string& path) {
  const std::string bak = path + ".bak";
  auto text = read_text_file(bak);
  if (!text)
    return text.error();
  struct stat st {};
  mode_t mode = 0640;
  if (::stat(bak.c_str(), &st) == 0)
    mode = st.st_mode & 07777;
  return write_atomically(path, *text, mode);
}

}  // namespace rectifyd::admin
