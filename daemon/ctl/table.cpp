#include "ctl/table.h"

#include <algorithm>
#include <cstdint>

#include <boost/json.hpp>

#include "core/json_text.h"

namespace rectifyd::ctl {
namespace {

/// Decodes one code point at s[i], advancing i; invalid bytes count as one narrow character.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (i + static_cast<std::size_t>(len) > s.size())
    len = 1;
  char32_t cp = len == 1 ? b : b & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
  i += static_cast<std::size_t>(len);
  return cp;
}

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
         (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();)
    w += is_wide(next_code_point(s, i)) ? 2 : 1;
  return w;
}

std::string truncate_display(std::string_view s, std::size_t width) {
  if (display_width(s) <= width)
    return std::string(s);
  std::size_t w = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    std::size_t cw = is_wide(next_code_point(s, i)) ? 2 : 1;
    if (w + cw + 1 > width) {
      i = start;
      break;
    }
    w += cw;
  }
  return std::string(s.substr(0, i)) + "…";
}

void Table::print(std::ostream& out) const {
  std::vector<std::size_t> widths(headers_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], display_width(row[c]));
  };
  measure(headers_);
  for (const auto& r : rows_)
    measure(r);
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : "";
      line += cell;
      if (c + 1 < widths.size())
        line += std::string(widths[c] - display_width(cell) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out << line << "\n";
  };
  print_row(headers_);
  std::vector<std::string> rule;
  for (auto w : widths)
    rule.push_back(std::string(w, '-'));
  print_row(rule);
  for (const auto& r : rows_)
    print_row(r);
}

void print_json(std::ostream& out, const boost::json::value& v) {
  out << json_pretty(v) << "\n";
}

}  // namespace rectifyd::ctl
