#pragma once
// RFC 4180 CSV: a reader that takes UTF-8 text (a leading byte order mark is skipped; quoted
// fields may hold commas, line breaks and doubled quotes; records end in CRLF or LF) and names
// the row and column of malformed input, and a writer that quotes only when it must.
//
// Rows are counted as a spreadsheet shows them: the first record (usually the header) is row 1,
// and a record whose quoted field spans several lines is still one row.

#include <cstddef>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace rectifyd::ledger_io {

/// A longer field is refused: no ledger text is this long, and a message carrying it could not
/// be sent (the platforms take a few KiB).
inline constexpr std::size_t kMaxCsvFieldBytes = 64 * 1024;

struct CsvRecord {
  std::size_t row = 0;   ///< 1-based record number
  std::size_t line = 0;  ///< 1-based line the record starts on
  std::vector<std::string> fields;
};

/// Reads records one at a time from text that stays alive while the reader is used.
class CsvReader {
 public:
  /// `source` names the input in errors ("ledger.csv").
  CsvReader(std::string_view text, std::string source);

  /// Reads the next record into `record`: true when one was read, false at the end of the
  /// input. An error ("ledger.csv: row 3, column 2 (line 4, character 7): …") stops the reader.
  Result<bool> next(CsvRecord& record);

 private:
  Error fail(std::size_t column, std::size_t at, std::size_t line, std::size_t line_start,
             std::string_view what) const;

  std::string_view text_;
  std::string source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t row_ = 0;
  bool failed_ = false;
};

/// Every record of `text`, or the first error.
Result<std::vector<CsvRecord>> read_csv(std::string_view text, const std::string& source);

/// Appends one field, quoted when it holds a comma, a quote, CR or LF, or begins or ends with a
/// space (which a spreadsheet would otherwise keep or lose unpredictably).
void append_csv_field(std::string& out, std::string_view field);

/// Writes one record ending in CRLF, as RFC 4180 asks.
void write_csv_record(std::ostream& out, std::span<const std::string> fields);

}  // namespace rectifyd::ledger_io
