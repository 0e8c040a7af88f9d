#include "app/startup_summary.h"

#include <cstdio>
#include <exception>

#include <SQLiteCpp/Statement.h>
#include <date/tz.h>

#include "core/dates.h"
#include "time/zone.h"

namespace rectifyd::app {
namespace {

std::string channel_type_name(config::ChannelType t) {
  switch (t) {
    case config::ChannelType::log:
      return "log";
    case config::ChannelType::generic:
      return "generic";
    case config::ChannelType::wecom:
      return "wecom";
    case config::ChannelType::dingtalk:
      return "dingtalk";
    case config::ChannelType::feishu:
      return "feishu";
    case config::ChannelType::slack:
      return "slack";
    case config::ChannelType::smtp:
      return "smtp";
  }
  return "unknown";
}

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

Result<LedgerCounts> count_ledger(store::Database& db, LocalDate today) {
  try {
    LedgerCounts c;
    c.problems = db.sql().execAndGet("SELECT count(*) FROM problems").getInt64();
    SQLite::Statement q(db.sql(), R"sql(
      SELECT count(*),
             coalesce(sum(status IN ('open','in_progress','done_reported')), 0),
             coalesce(sum(status IN ('open','in_progress','done_reported')
                          AND due IS NOT NULL AND due < ?), 0),
             coalesce(sum(status IN ('closed','ongoing','not_applicable')), 0)
      FROM measures)sql");
    q.bind(1, format_date(today));
    if (q.executeStep()) {
      c.measures = q.getColumn(0).getInt64();
      c.open = q.getColumn(1).getInt64();
      c.overdue = q.getColumn(2).getInt64();
      c.done = q.getColumn(3).getInt64();
    }
    return c;
  } catch (const std::exception& e) {
    return Error{db.path() + ": cannot count the ledger: " + e.what()};
  }
}

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
  if (auto c = count_ledger(db, today)) {
    lines.push_back("ledger:    " + std::to_string(c->problems) + " problems, " +
                    std::to_string(c->measures) + " measures, " + std::to_string(c->open) +
                    " open, " + std::to_string(c->overdue) + " overdue, completion " +
                    percent(c->completion_rate()));
  } else {
    lines.push_back("ledger:    " + c.error().message);
  }

  std::vector<std::string> channels;
  for (const auto& ch : config.channels)
    channels.push_back(ch.id + " (" + channel_type_name(ch.type) + ")");
  lines.push_back("channels:  " + join(channels));
  lines.push_back("routing:   personal → " + join(config.routing.personal) + "; group → " +
                  join(config.routing.group) + "; office → " + join(config.routing.office));
  lines.push_back("next wake: " + describe_wake(next, zone));
  return lines;
}

}  // namespace rectifyd::app
