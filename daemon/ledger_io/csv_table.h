#pragma once
// A CSV file with a named header, as the importers read it: the header is checked against the
// documented columns (unknown, missing and repeated names are errors), fields are found by
// name, and errors are collected, each naming its row and column, and reported together.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ledger_io/csv.h"

namespace rectifyd::ledger_io {

/// Errors found while validating a file; the administrator wants every mistake at once.
class ErrorList {
 public:
  explicit ErrorList(std::string source) : source_(std::move(source)) {}

  /// "source: row 17, column due: what".
  void add(std::size_t row, std::string_view column, const std::string& what);
  /// "source: row 17: what".
  void add(std::size_t row, const std::string& what);
  /// "source: what".
  void add(const std::string& what);
  /// An error that already names its source and place.
  void add_raw(std::string line) { lines_.push_back(std::move(line)); }

  bool empty() const { return lines_.empty(); }
  std::size_t size() const { return lines_.size(); }
  /// One error per line; past the first 1000 a last line says how many more there are.
  Error error() const;

 private:
  std::string source_;
  std::vector<std::string> lines_;
};

/// A documented column as an office may head it: its name, other names for it, and whether a
/// file must have it.
struct ColumnSpec {
  std::string_view name;
  std::span<const std::string_view> aliases;
  bool required = true;
};

/// The positions of the documented columns in one file's header.
class Header {
 public:
  /// Checks the header record: every documented column present once, no other.
  static Result<Header> read(const CsvRecord& header, std::span<const std::string_view> columns,
                             const std::string& source);
  /// Checks a header in any order under any of each column's names (ASCII case and a unit in
  /// brackets at the end, "（元）", ignored): the required columns present, none twice, no
  /// unknown one; `read_only` names are accepted and their fields skipped. With
  /// `letters`, errors name a column by its spreadsheet letter and header: "I (完成时限)".
  static Result<Header> read(const CsvRecord& header, std::span<const ColumnSpec> columns,
                             std::span<const std::string_view> read_only, const std::string& source,
                             bool letters = false);

  std::size_t width() const { return width_; }
  /// Whether the file has documented column `column`.
  bool has(std::size_t column) const { return positions_[column] != width_; }
  /// The field of documented column `column` (an index into the documented list); empty when
  /// the file does not have the column.
  const std::string& field(const CsvRecord& record, std::size_t column) const {
    static const std::string kNone;
    return has(column) ? record.fields[positions_[column]] : kNone;
  }
  /// How errors name the column: as the file heads it (or by the documented name when absent).
  const std::string& label(std::size_t column) const { return labels_[column]; }

 private:
  std::vector<std::size_t> positions_;
  std::vector<std::string> labels_;
  std::size_t width_ = 0;
};

/// A header as the column lists compare it: trimmed, ASCII lower case, without a bracketed
/// unit at the end ("清退资金（元）" → "清退资金", "Due (date)" → "due").
std::string normalise_header(std::string_view name);

/// A record with no text at all (a blank line, or only commas), which importers skip.
bool blank_record(const CsvRecord& record);

}  // namespace rectifyd::ledger_io
