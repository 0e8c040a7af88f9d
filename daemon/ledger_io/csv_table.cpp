#include "ledger_io/csv_table.h"

#include <algorithm>

#include "ledger_io/utf8.h"

namespace rectifyd::ledger_io {
namespace {

/// One error per line: a quoted value with a line break (a quoted field may hold one) shows it
/// as ↵ instead of starting a line that names no row.
std::string one_line(const std::string& what) {
  std::string out;
  out.reserve(what.size());
  for (char c : what) {
    if (c == '\n')
      out += "↵";
    else if (c != '\r')
      out += c;
  }
  return out;
}

}  // namespace

void ErrorList::add(std::size_t row, std::string_view column, const std::string& what) {
  lines_.push_back(source_ + ": row " + std::to_string(row) + ", column " + std::string(column) +
                   ": " + one_line(what));
}

void ErrorList::add(std::size_t row, const std::string& what) {
  lines_.push_back(source_ + ": row " + std::to_string(row) + ": " + one_line(what));
}

void ErrorList::add(const std::string& what) {
  lines_.push_back(source_ + ": " + one_line(what));
}

Error ErrorList::error() const {
  constexpr std::size_t kShown = 1000;
  std::string all;
  for (std::size_t i = 0; i < lines_.size() && i < kShown; ++i) {
    if (i > 0)
      all += '\n';
    all += lines_[i];
  }
  if (lines_.size() > kShown)
    all += "\n" + source_ + ": … and " + std::to_string(lines_.size() - kShown) + " more errors";
  return Error{all};
}

Result<Header> Header::read(const CsvRecord& header, std::span<const std::string_view> columns,
                            const std::string& source) {
  ErrorList errors(source);
  Header h;
  h.width_ = header.fields.size();
  h.positions_.assign(columns.size(), header.fields.size());
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name(trim(header.fields[i]));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end()) {
      errors.add(header.row,
                 "column " + std::to_string(i + 1) + ": unknown column '" + header.fields[i] + "'");
      continue;
    }
    auto& pos = h.positions_[static_cast<std::size_t>(it - columns.begin())];
    if (pos != header.fields.size()) {
      errors.add(header.row, "column " + std::to_string(i + 1) + ": column '" + name +
                                 "' appears twice (also column " + std::to_string(pos + 1) + ")");
      continue;
    }
    pos = i;
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (h.positions_[c] == header.fields.size())
      errors.add(header.row, "missing column '" + std::string(columns[c]) + "'");
  }
  if (!errors.empty()) {
    std::string expected;
    for (auto c : columns)
      expected += (expected.empty() ? "" : ",") + std::string(c);
    errors.add("the header must be: " + expected);
    return errors.error();
  }
  return h;
}

bool blank_record(const CsvRecord& record) {
  return std::all_of(record.fields.begin(), record.fields.end(),
                     [](const std::string& f) { return trim(f).empty(); });
}

}  // namespace rectifyd::ledger_io
