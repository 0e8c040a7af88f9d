#pragma once
// The ledger as CSV, one row per measure (a problem without measures has one row with the
// measure columns empty). Columns (header required, any order):
//
//   category,problem_no,problem,leader,measure_no,measure,owner,due,status,progress,
//   planned_progress,evidence,na_reason,talks,regulations,funds_returned
//
//   category          the category's title, "在…方面"; categories are created in order of first use
//   problem_no        问题N; rows with the same number belong to the same problem, and must give
//                     the same title (and category, and leader when they give one)
//   leader, owner     people's names; they must exist already (import the people CSV first)
//   measure_no        一是 → 1; empty: the next free number of the problem
//   due               YYYY-MM-DD, or today / today+N / today-N: calendar days from the import date
//   status            open, in_progress, done_reported, closed, ongoing, not_applicable, or the
//                     Chinese labels 未开始, 整改中, 已报完成, 已销号, 长期坚持, 无需整改; empty:
//                     open
//   progress,         whole percent 0–100 ("60" or "60%")
//   planned_progress
//   na_reason         required when the status is not_applicable
//   talks,            whole numbers (约谈 person-times, 制度 made or revised)
//   regulations
//   funds_returned    清退资金 in yuan with up to two decimals: "1234.50"
//
// Import goes into the newest round (created when there is none) and is an upsert: a problem is
// found by its number, a measure by its problem and number. All or nothing: every row is checked
// first and every error reported; when there is any, nothing is written.

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"

namespace rectifyd::store {
class Database;
}

namespace rectifyd::ledger_io {

inline constexpr std::array<std::string_view, 16> kLedgerColumns = {
    "category",  "problem_no", "problem",     "leader",        "measure_no",       "measure",
    "owner",     "due",        "status",      "progress",      "planned_progress", "evidence",
    "na_reason", "talks",      "regulations", "funds_returned"};

struct LedgerImportOptions {
  std::string source = "ledger.csv";    ///< names the file in errors
  LocalDate today{};                    ///< the import date, for due = today±N
  Instant now{};                        ///< recorded as closed_at and in the audit log
  std::string actor = "import";         ///< recorded in the audit log
  std::string round_name = "巡察整改";  ///< the round created when the ledger has none
};

struct LedgerImportSummary {
  Id round_id = 0;
  std::size_t rows = 0;
  std::size_t categories_created = 0;
  std::size_t problems_created = 0;
  std::size_t measures_created = 0;
  std::size_t measures_updated = 0;
};

/// Imports ledger CSV text. An Error lists every problem, one per line, e.g.
/// "ledger.csv: row 17, column due: expected YYYY-MM-DD or today±N, got '2026-13-01'".
Result<LedgerImportSummary> import_ledger_csv(store::Database& db, std::string_view text,
                                              const LedgerImportOptions& options);

/// Writes the newest round's ledger with the header above, so that export → import gives the
/// same ledger. Dates are written as YYYY-MM-DD, statuses by their English names.
Status export_ledger_csv(store::Database& db, std::ostream& out);

/// "today", "today+3", "today-9" or "2026-03-14" (also "2026/3/14", as spreadsheets write it).
std::optional<LocalDate> parse_due(std::string_view text, LocalDate today);
/// "1234.5" yuan → 123450 fen; at most two decimals, not negative.
std::optional<std::int64_t> parse_yuan(std::string_view text);
/// 123450 fen → "1234.50"; whole yuan without decimals: "1234".
std::string format_yuan(std::int64_t fen);

}  // namespace rectifyd::ledger_io
