#pragma once
// The ledger's figures kept once a day (store/daily_stats.h), so the console's 总览 can draw
// 办结率 since the round began. It rides on the planner's wake like the daily backup: after each
// run, the first one of a local day in the unit's zone writes that day's row (the counts and
// the rate as they stand then), and the daemon is woken shortly after the next local midnight
// so a day with nothing else to do still gets its row.

#include <optional>

#include "app/service.h"
#include "core/result.h"
#include "store/database.h"

namespace rectifyd::app {

/// Writes the row of the unit's local day at `now` unless that day has one, reading the
/// figures and writing them in one transaction; true when this call wrote it.
Result<bool> take_daily_stats(store::Database& db, const config::Config& c, Instant now);

/// Five minutes after the next local midnight after `now`.
Instant next_daily_stats(const config::Config& c, Instant now);

/// Wraps `planner`: after each run, takes the day's figures when the day has none yet. A
/// failure is logged and tried again at the next wake. `db` must outlive it.
PlanHook with_daily_stats(PlanHook planner, store::Database& db);

}  // namespace rectifyd::app
