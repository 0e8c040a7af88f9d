#include "app/startup_summary.h"

#include <cstdio>
#include <exception>

#include <date/tz.h>

#include "config/config_diff.h"
#include "core/dates.h"
#include "ledger/stats.h"
#include "store/stats_queries.h"
#include "time/zone.h"

namespace rectifyd::app {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty())
      out += ", ";
    out += s;
  }
  return out.empty() ? "(none)" : out;
}

std::string percent(double rate) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", rate * 100.0);
  return buf;
}

}  // namespace

std::string describe_wake(const std::optional<Wake>& wake, const date::time_zone* zone) {
  if (!wake)
    return "nothing planned";
  std::string when = zone != nullptr ? date::format("%m-%d %H:%M", zone->to_local(wake->at))
                                     : date::format("%m-%d %H:%M UTC", wake->at);
  return wake->what.empty() ? when : when + " " + wake->what;
}

std::vector<std::string> startup_summary(const config::Config& config, store::Database& db,
                                         Instant now, const std::optional<Wake>& next) {
  std::vector<std::string> lines;
  const date::time_zone* zone = nullptr;
  if (auto z = find_zone(config.unit.time_zone))
    zone = *z;

  lines.push_back("unit:      " + config.unit.name);
  lines.push_back("zone:      " + config.unit.time_zone +
                  (zone ? ", now " + format_instant(now, zone) : " (unknown)"));
  lines.push_back("config:    " + config.source);
  lines.push_back("database:  " + db.path() + " (schema " + std::to_string(db.schema_version()) +
                  ")");

  LocalDate today =
      zone ? local_date(zone, now) : LocalDate{date::floor<date::days>(now).time_since_epoch()};
  if (auto stats = store::compute_stats(db, today)) {
    const ledger::Counts& c = stats->overall;
    lines.push_back("ledger:    " + std::to_string(c.problems) + " problems, " +
                    std::to_string(c.measures) + " measures, " + std::to_string(c.open) +
                    " open, " + std::to_string(c.overdue) + " overdue, completion " +
                    percent(c.completion_rate()));
  } else {
    lines.push_back("ledger:    " + stats.error().message);
  }

  std::vector<std::string> channels;
  for (const auto& ch : config.channels)
    channels.push_back(ch.id + " (" + std::string(config::to_string(ch.type)) + ")");
  lines.push_back("channels:  " + join(channels));
  lines.push_back("routing:   personal → " + join(config.routing.personal) + "; group → " +
                  join(config.routing.group) + "; office → " + join(config.routing.office));
  lines.push_back("next wake: " + describe_wake(next, zone));
  return lines;
}

}  // namespace rectifyd::app
