#pragma once
// 办结率 day by day since the round began: the figures kept once a day (store/daily_stats.h)
// from the round's feedback date (the earliest, when there are several), and today's figures
// as they stand now as the last point.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "office/office.h"
#include "store/daily_stats.h"

namespace rectifyd::office {

struct StatsTrend {
  std::optional<LocalDate> round_began;    ///< the round's feedback date, when the ledger has one
  std::vector<store::DailyStatsRow> days;  ///< by day; the last one is today, as it stands now
};

Result<StatsTrend> stats_trend(Office& o);

}  // namespace rectifyd::office
