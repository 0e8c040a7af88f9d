#include "app/daily_stats.h"

#include <memory>

#include <date/tz.h>
#include <spdlog/spdlog.h>

#include "core/dates.h"
#include "ledger/stats.h"
#include "store/daily_stats.h"
#include "store/stats_queries.h"
#include "time/zone.h"

namespace rectifyd::app {
namespace {

const date::time_zone* zone_of(const config::Config& c) {
  auto zone = find_zone(c.unit.time_zone);
  return zone ? *zone : date::locate_zone("UTC");
}

}  // namespace

Result<bool> take_daily_stats(store::Database& db, const config::Config& c, Instant now) {
  const LocalDate today = local_date(zone_of(c), now);
  const std::string day = format_date(today);
  store::DailyStats rows(db);
  try {
    return db.write([&]() -> Result<bool> {
      auto has = rows.has(day);
      if (!has)
        return has.error();
      if (*has)
        return false;
      auto stats = store::compute_stats(db, today);
      if (!stats)
        return stats.error();
      store::DailyStatsRow r = store::daily_stats_row(day, stats->overall, now);
      return rows.write_once(r);
    });
  } catch (const std::exception& e) {
    return Error{std::string("数据库操作失败（") + e.what() + "）", ErrorKind::internal};
  }
}

Instant next_daily_stats(const config::Config& c, Instant now) {
  const date::time_zone* zone = zone_of(c);
  return resolve_local(zone, local_date(zone, now) + date::days{1}, std::chrono::minutes{5});
}

PlanHook with_daily_stats(PlanHook planner, store::Database& db) {
  // The day last written, so a wake later the same day does not ask the store again.
  auto done = std::make_shared<std::optional<LocalDate>>();
  return [planner = std::move(planner), &db, done](const config::Config& c,
                                                   Instant now) -> Result<std::optional<Wake>> {
    auto planned = planner(c, now);
    const LocalDate today = local_date(zone_of(c), now);
    if (*done != today) {
      if (auto taken = take_daily_stats(db, c, now)) {
        *done = today;
        if (*taken)
          spdlog::info("stats: the figures of {} kept", format_date(today));
      } else {
        spdlog::error("stats: cannot keep the figures of {}: {}", format_date(today),
                      taken.error().message);
      }
    }
    if (!planned)
      return planned;
    const Instant next = next_daily_stats(c, now);
    if (*planned && (*planned)->at <= next)
      return planned;
    return std::optional<Wake>{Wake{next, "stats"}};
  };
}

}  // namespace rectifyd::app
