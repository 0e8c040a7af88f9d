#include "plan/meeting_overrides.h"

#include <string>

#include <boost/json.hpp>

#include "core/dates.h"
#include "time/zone.h"

namespace rectifyd::plan {

std::string_view to_string(MeetingOverrideAction a) {
  switch (a) {
    case MeetingOverrideAction::move:
      return "move";
    case MeetingOverrideAction::add:
      return "add";
    case MeetingOverrideAction::cancel:
      break;
  }
  return "cancel";
}

LocalDate override_week_of(const std::vector<MeetingOverride>& overrides,
                           const MeetingOccurrence& o) {
  if (o.added)
    return o.regular;
  auto taken = [&](LocalDate d) {
    for (const auto& ov : overrides) {
      if (ov.action == MeetingOverrideAction::add && ov.week_of == d)
        return true;
    }
    return false;
  };
  if (!taken(o.regular))
    return o.regular;
  const LocalDate monday = o.regular - (date::weekday{o.regular} - date::Monday);
  for (int i = 0; i < 7; ++i) {
    if (!taken(monday + date::days{i}))
      return monday + date::days{i};
  }
  return o.regular;
}

namespace {
LocalDate monday_of(LocalDate d) {
  return d - (date::weekday{d} - date::Monday);
}
}  // namespace

std::optional<MeetingOccurrence> MeetingWeek::named_by(LocalDate day) const {
  const LocalDate monday = monday_of(day);
  const auto occs =
      meeting_occurrences(config, calendar, zone, overrides, monday, monday + date::days{6});
  for (const auto& o : occs) {
    if (o.added && o.regular == day)
      return o;
  }
  for (const auto& o : occs) {
    if (!o.added)
      return o;
  }
  return std::nullopt;
}

std::optional<MeetingOccurrence> MeetingWeek::with_key(LocalDate any_day,
                                                       const std::string& key) const {
  const LocalDate monday = monday_of(any_day);
  for (const auto& o :
       meeting_occurrences(config, calendar, zone, overrides, monday, monday + date::days{6})) {
    if (o.key == key)
      return o;
  }
  return std::nullopt;
}

boost::json::object MeetingWeek::to_json(const MeetingOccurrence& o) const {
  const char* status = o.cancelled ? "cancelled"
                       : o.moved   ? "moved"
                       : o.added   ? "added"
                                   : "regular";
  boost::json::object j{{"key", o.key},
                        {"uid", o.uid},
                        {"day", format_date(o.day)},
                        {"start", format_instant(o.start, zone)},
                        {"end", format_instant(o.end, zone)},
                        {"sequence", o.sequence},
                        {"status", status},
                        {"note", o.note}};
  boost::json::array phases;
  if (!o.cancelled) {
    for (const auto& p : meeting_phases(config, calendar, zone, o)) {
      phases.push_back(boost::json::object{{"phase", plan::to_string(p.phase)},
                                           {"at", format_instant(p.at, zone)},
                                           {"enabled", p.enabled}});
    }
  }
  j["phases"] = std::move(phases);
  return j;
}

std::optional<Instant> parse_local_minute(const date::time_zone* zone, const std::string& text) {
  if (text.size() != 16 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':')
    return std::nullopt;
  auto d = parse_date(text.substr(0, 10));
  if (!d)
    return std::nullopt;
  for (std::size_t i : {11u, 12u, 14u, 15u}) {
    if (text[i] < '0' || text[i] > '9')
      return std::nullopt;
  }
  const int h = (text[11] - '0') * 10 + (text[12] - '0');
  const int m = (text[14] - '0') * 10 + (text[15] - '0');
  if (h > 23 || m > 59)
    return std::nullopt;
  return resolve_local(zone, *d, std::chrono::hours{h} + std::chrono::minutes{m});
}

}  // namespace rectifyd::plan
