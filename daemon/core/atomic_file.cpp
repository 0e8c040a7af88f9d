#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace rectifyd {
namespace {

Error io_error(const std::string& what, const std::string& path, int err) {
  return Error{what + " " + path + "：" + std::strerror(err)};
}

Status fsync_directory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return io_error("无法打开目录", dir, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0)
    return io_error("无法将目录写入磁盘", dir, err);
  return ok_status();
}

/// Writes text to a fresh temporary file in `dir` with `mode`, flushed; returns its path.
Result<std::string> write_temp(const std::string& dir, const std::string& base,
                               std::string_view text, mode_t mode) {
  std::string tmpl = dir + "/." + base + ".XXXXXX";
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0)
    return io_error("无法在此目录创建临时文件", dir, errno);
  auto fail = [&](const std::string& what) -> Error {
    const int err = errno;
    ::close(fd);
    ::unlink(tmpl.c_str());
    return io_error(what, tmpl, err);
  };
  if (::fchmod(fd, mode) != 0)
    return fail("无法设置文件权限");
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return fail("无法写入文件");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0)
    return fail("无法将文件写入磁盘");
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmpl.c_str());
    return io_error("无法关闭文件", tmpl, err);
  }
  return tmpl;
}

}  // namespace

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return io_error("无法读取文件", path, errno);
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad())
    return io_error("无法读取文件", path, errno);
  return s.str();
}

Status write_file_atomically(const std::string& path, std::string_view text, mode_t mode) {
  const std::filesystem::path p(path);
  std::string dir = p.parent_path().string();
  if (dir.empty())
    dir = ".";
  auto tmp = write_temp(dir, p.filename().string(), text, mode);
  if (!tmp)
    return tmp.error();
  if (::rename(tmp->c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp->c_str());
    return io_error("无法替换文件", path, err);
  }
  return fsync_directory(dir);
}

}  // namespace rectifyd
