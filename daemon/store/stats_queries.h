#pragma once
// The ledger's figures (ledger/stats.h) read from SQLite: overall, per category and per problem,
// computed by SQL aggregates over the per-problem counts that triggers keep (schema step 2) and
// the open-work index, never a scan of every measure.

#include <string>

#include "core/model.h"
#include "core/result.h"
#include "ledger/stats.h"
#include "store/daily_stats.h"
#include "store/database.h"

namespace rectifyd::store {

/// `today` is the unit's local date, for "overdue".
Result<ledger::LedgerStats> compute_stats(Database& db, LocalDate today);

/// The measures' figures of compute_stats(...).overall (measures, closed, ongoing,
/// not_applicable, open, overdue, done_reported, on_time and the counters) from the kept counts
/// alone, without the per-problem pass: problems and problems_done are left 0. For the day's
/// row of the trend.
Result<ledger::Counts> measure_totals(Database& db, LocalDate today);

/// The row the daily figures keep for `day` (YYYY-MM-DD) from these counts, taken at `at`.
DailyStatsRow daily_stats_row(const std::string& day, const ledger::Counts& n, Instant at);

}  // namespace rectifyd::store
