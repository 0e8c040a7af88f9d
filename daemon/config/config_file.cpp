#include "config/config_file.h"

#include <sys/stat.h>

#include <optional>

#include "core/atomic_file.h"

namespace rectifyd::config {

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
    if (auto s = write_file_atomically(path + ".bak", *old, mode); !s)
      return s;
  }
  return write_file_atomically(path, text, mode);
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
  return write_file_atomically(path, *text, mode);
}

}  // namespace rectifyd::config
