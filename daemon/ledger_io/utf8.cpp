#include "ledger_io/utf8.h"

namespace rectifyd::ledger_io {
namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/// Length of a Unicode space at the start of `s`: U+00A0, U+2000–U+200B, U+202F, U+205F,
/// U+3000 and U+FEFF, which documents pasted from word processors often carry.
std::size_t unicode_space_prefix(std::string_view s) {
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  if (s.size() >= 2 && b(0) == 0xC2 && b(1) == 0xA0)
    return 2;
  if (s.size() < 3)
    return 0;
  if (b(0) == 0xE2 && b(1) == 0x80 && ((b(2) >= 0x80 && b(2) <= 0x8B) || b(2) == 0xAF))
    return 3;
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0x9F)
    return 3;
  if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80)
    return 3;
  if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF)
    return 3;
  return 0;
}

std::size_t unicode_space_suffix(std::string_view s) {
  for (std::size_t len : {2, 3}) {
    if (s.size() >= len && unicode_space_prefix(s.substr(s.size() - len)) == len)
      return len;
  }
  return 0;
}

}  // namespace

std::string_view trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && is_ascii_space(s.front())) {
      s.remove_prefix(1);
    } else if (auto n = unicode_space_prefix(s); n > 0) {
      s.remove_prefix(n);
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && is_ascii_space(s.back())) {
      s.remove_suffix(1);
    } else if (auto n = unicode_space_suffix(s); n > 0) {
      s.remove_suffix(n);
    } else {
      break;
    }
  }
  return s;
}

std::size_t char_column(std::string_view line, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < line.size(); ++i) {
    // Every byte that is not a continuation byte (10xxxxxx) starts a character.
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80)
      ++column;
  }
  return column;
}

std::optional<std::size_t> invalid_utf8_at(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      min = 0x80;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      min = 0x800;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      min = 0x10000;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n)
      return i;
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80)
        return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::nullopt;
}

std::size_t bom_length(std::string_view s) {
  return s.starts_with("\xEF\xBB\xBF") ? 3 : 0;
}

std::string replace_invalid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  while (auto bad = invalid_utf8_at(s)) {
    out.append(s.substr(0, *bad));
    out += "\xEF\xBF\xBD";
    s.remove_prefix(*bad + 1);
  }
  out.append(s);
  return out;
}

}  // namespace rectifyd::ledger_io
