#pragma once
// What every fuzz target checks besides "no crash": an error names a place inside the input,
// and a fresh in-memory store to import into. A broken promise aborts with the input's
// offending message, so libFuzzer keeps the input as a crash.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "store/database.h"

namespace rectifyd::fuzz {

/// Stops the run: prints what promise broke and the detail, then aborts.
[[noreturn]] void fail(std::string_view promise, std::string_view detail);
inline void require(bool ok, std::string_view promise, std::string_view detail = {}) {
  if (!ok)
    fail(promise, detail);
}

/// The input as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Every line of `message` must read "source:LINE:COLUMN: …" with LINE a line of `text` and
/// COLUMN at most one past the end of that line (counted in bytes, an upper bound of the
/// character count the parsers report), or "source: …" for a problem of the whole input when
/// `file_wide_allowed`.
void require_line_columns(std::string_view message, std::string_view source, std::string_view text,
                          bool file_wide_allowed = false);

/// Every line of `message` must read "source: row N…" (or "source: …" for a file-wide
/// problem when `file_wide_allowed`) with N at most the number of line ends of `text` plus one,
/// since a CSV record spans at least one line.
void require_csv_rows(std::string_view message, std::string_view source, std::string_view text,
                      bool file_wide_allowed);

/// A migrated database in memory; aborts when it cannot be made.
std::unique_ptr<store::Database> memory_db();

/// Rows changed on this connection so far (sqlite3_total_changes): a refused import must not
/// move it.
long long total_changes(store::Database& db);

/// Lines of `text` (a final line without '\n' counts; an empty text has one).
std::size_t line_count(std::string_view text);

}  // namespace rectifyd::fuzz
