#pragma once
// The office's changes to single meeting occurrences, as rectifyctl meeting, the admin API and
// the office address them: the week a change is stored under, the occurrences of a week with the
// changes applied, a wall time typed by a person. Their storage is store/meeting_overrides.h.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>
#include <boost/json/object.hpp>

#include "config/config.h"
#include "plan/meetings.h"
#include "plan/planner.h"

namespace rectifyd::plan {

/// "move", "cancel", "add": as stored, and in audit actions ("meeting.move").
std::string_view to_string(MeetingOverrideAction a);

/// The week_of to store for a change (move, cancel) of `o`: its own date, unless an added
/// meeting on that date would take the change; then another day of the same week (regular
/// meetings match by week).
LocalDate override_week_of(const std::vector<MeetingOverride>& overrides,
                           const MeetingOccurrence& o);

/// The occurrences of one Monday–Sunday week as the planner sees them, with the changes applied.
struct MeetingWeek {
  const config::MeetingConfig& config;
  const Calendar& calendar;
  const date::time_zone* zone;
  const std::vector<MeetingOverride>& overrides;

  /// The occurrence a date names: an added meeting on that day, else that week's regular one
  /// (moved or cancelled as it is); nullopt when the week has none.
  std::optional<MeetingOccurrence> named_by(LocalDate day) const;
  /// The occurrence with `key` in the week of `any_day`.
  std::optional<MeetingOccurrence> with_key(LocalDate any_day, const std::string& key) const;
  /// key, uid, day, start, end (ISO with offset), sequence, status (regular, moved, cancelled,
  /// added), note, and the phases with their times and switches (none when cancelled).
  boost::json::object to_json(const MeetingOccurrence& o) const;
};

/// "YYYY-MM-DD HH:MM" (or "YYYY-MM-DDTHH:MM") as a wall time in `zone`; nullopt when malformed.
std::optional<Instant> parse_local_minute(const date::time_zone* zone, const std::string& text);

}  // namespace rectifyd::plan
