#include "office/stats_trend.h"

#include "core/dates.h"
#include "ledger/stats.h"
#include "store/ledger_store.h"
#include "store/stats_queries.h"

namespace rectifyd::office {

Result<StatsTrend> stats_trend(Office& o) {
  StatsTrend t;
  store::LedgerStore store(o.db());
  auto rounds = store.rounds();
  if (!rounds)
    return internal(rounds.error().message);
  for (const auto& r : *rounds) {
    if (r.feedback_date && (!t.round_began || *r.feedback_date < *t.round_began))
      t.round_began = r.feedback_date;
  }
  const LocalDate today = o.today();
  auto kept = store::DailyStats(o.db()).since(t.round_began ? format_date(*t.round_began) : "");
  if (!kept)
    return internal(kept.error().message);
  const std::string day = format_date(today);
  for (auto& r : *kept) {
    if (r.day < day)
      t.days.push_back(std::move(r));
  }
  auto now = store::measure_totals(o.db(), today);
  if (!now)
    return internal(now.error().message);
  store::DailyStatsRow r = store::daily_stats_row(day, *now, o.clock().now());
  t.days.push_back(std::move(r));
  return t;
}

}  // namespace rectifyd::office
