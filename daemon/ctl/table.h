#pragma once
// Human output of rectifyctl: tables whose columns line up in a terminal even when cells mix
// Chinese (two columns wide) and ASCII, and JSON documents.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace rectifyd::ctl {

/// Terminal columns a UTF-8 string takes: East Asian wide characters count 2.
std::size_t display_width(std::string_view utf8);
/// Cuts a UTF-8 string to at most `width` columns, ending with "…" when cut.
std::string truncate_display(std::string_view utf8, std::size_t width);

class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }
  /// Columns separated by two spaces, a rule under the header, no trailing spaces.
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

/// One JSON document, pretty enough to read, then a newline.
void print_json(std::ostream& out, const boost::json::value& v);

}  // namespace rectifyd::ctl
