#include "notify/split.h"

namespace rectifyd::notify {

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes)
    return text;
  std::size_t end = max_bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  return text.substr(0, end);
}

std::vector<std::string> split_lines(std::string_view text, std::size_t max_bytes,
                                     std::string_view continued) {
  std::vector<std::string> parts;
  if (text.size() <= max_bytes) {
    parts.emplace_back(text);
    return parts;
  }
  if (max_bytes < continued.size() + 8)
    continued = {};
  std::string cur;
  auto prefix = [&] { return parts.empty() ? std::size_t{0} : continued.size(); };
  auto emit = [&] {
    if (cur.empty())
      return;
    parts.push_back(parts.empty() ? std::move(cur) : std::string(continued) + cur);
    cur.clear();
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto nl = text.find('\n', pos);
    auto line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    std::size_t sep = cur.empty() ? 0 : 1;
    if (prefix() + cur.size() + sep + line.size() <= max_bytes) {
      if (sep != 0)
        cur += '\n';
      cur += line;
      continue;
    }
    emit();
    // A line longer than a whole part is cut at character boundaries.
    while (prefix() + line.size() > max_bytes) {
      auto piece = utf8_prefix(line, max_bytes - prefix());
      if (piece.empty())
        piece = line.substr(0, 1);
      cur.assign(piece);
      emit();
      line.remove_prefix(piece.size());
    }
    cur.assign(line);
  }
  emit();
  return parts;
}

}  // namespace rectifyd::notify
