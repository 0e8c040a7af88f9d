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
  h.labels_.assign(columns.begin(), columns.end());
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

std::string normalise_header(std::string_view name) {
  std::string s(trim(name));
  for (auto [open, close] :
       {std::pair<std::string_view, std::string_view>{"（", "）"}, {"(", ")"}}) {
    if (s.ends_with(close)) {
      auto at = s.rfind(open);
      if (at != std::string::npos && at > 0) {
        s = std::string(trim(std::string_view(s).substr(0, at)));
        break;
      }
    }
  }
  std::transform(s.begin(), s.end(), s.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  return s;
}

Result<Header> Header::read(const CsvRecord& header, std::span<const ColumnSpec> columns,
                            std::span<const std::string_view> read_only, const std::string& source,
                            bool letters) {
  ErrorList errors(source);
  Header h;
  h.width_ = header.fields.size();
  h.positions_.assign(columns.size(), header.fields.size());
  h.labels_.resize(columns.size());
  auto letter = [](std::size_t i) {
    std::string s;
    for (++i; i > 0; i = (i - 1) / 26)
      s.insert(s.begin(), static_cast<char>('A' + (i - 1) % 26));
    return s;
  };
  auto where = [&](std::size_t i) {
    return letters ? "column " + letter(i) : "column " + std::to_string(i + 1);
  };
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = normalise_header(header.fields[i]);
    if (name.empty() && letters)
      continue;  // a spreadsheet's unused column
    auto matches = [&](std::string_view n) { return normalise_header(n) == name; };
    std::size_t found = columns.size();
    for (std::size_t c = 0; c < columns.size() && found == columns.size(); ++c) {
      if (matches(columns[c].name) ||
          std::any_of(columns[c].aliases.begin(), columns[c].aliases.end(), matches))
        found = c;
    }
    if (found == columns.size()) {
      if (std::none_of(read_only.begin(), read_only.end(), matches))
        errors.add(header.row, where(i) + ": unknown column '" + header.fields[i] + "'");
      continue;
    }
    auto& pos = h.positions_[found];
    if (pos != header.fields.size()) {
      errors.add(header.row, where(i) + ": column '" + header.fields[i] + "' appears twice (also " +
                                 where(pos) + ")");
      continue;
    }
    pos = i;
    h.labels_[found] = letters ? letter(i) + " (" + std::string(trim(header.fields[i])) + ")"
                               : std::string(trim(header.fields[i]));
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (h.positions_[c] != header.fields.size())
      continue;
    h.labels_[c] = std::string(columns[c].name);
    if (columns[c].required)
      errors.add(header.row, "missing column '" + std::string(columns[c].name) + "'" +
                                 (columns[c].aliases.empty()
                                      ? std::string()
                                      : " (or '" + std::string(columns[c].aliases.front()) + "')"));
  }
  if (!errors.empty()) {
    std::string expected;
    for (const auto& c : columns) {
      if (c.required)
        expected += (expected.empty() ? "" : ",") + std::string(c.name);
    }
    errors.add("the header must have at least: " + expected +
               " (in any order, in English or Chinese)");
    return errors.error();
  }
  return h;
}

bool blank_record(const CsvRecord& record) {
  return std::all_of(record.fields.begin(), record.fields.end(),
                     [](const std::string& f) { return trim(f).empty(); });
}

}  // namespace rectifyd::ledger_io
