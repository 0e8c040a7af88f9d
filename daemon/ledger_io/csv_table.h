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

/// The positions of the documented columns in one file's header.
class Header {
 public:
  /// Checks the header record: every documented column present once, no other.
  static Result<Header> read(const CsvRecord& header, std::span<const std::string_view> columns,
                             const std::string& source);

  std::size_t width() const { return width_; }
  /// The field of documented column `column` (an index into the documented list).
  const std::string& field(const CsvRecord& record, std::size_t column) const {
    return record.fields[positions_[column]];
  }

 private:
  std::vector<std::size_t> positions_;
  std::size_t width_ = 0;
};

/// A record with no text at all (a blank line, or only commas), which importers skip.
bool blank_record(const CsvRecord& record);

}  // namespace rectifyd::ledger_io
