#pragma once
// The office's changes to single meeting occurrences (table meeting_overrides), as the planner
// engine, rectifyctl meeting and the admin API read and address them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>
#include <boost/json/object.hpp>

#include "config/config.h"
#include "core/result.h"
#include "plan/meetings.h"
#include "plan/planner.h"
#include "store/database.h"

namespace rectifyd::plan {

/// "move", "cancel", "add": as stored, and in audit actions ("meeting.move").
std::string_view to_string(MeetingOverrideAction a);

/// Every override in the order they were made; a malformed row is an error naming it.
Result<std::vector<MeetingOverride>> load_meeting_overrides(store::Database& db);

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

/// One change by the office, with what its audit row records.
struct MeetingChange {
  MeetingOverride change;  ///< id is ignored: the store assigns it
  std::string entity;      ///< "meeting:<key>", "meeting:add"
  boost::json::object before;
  boost::json::object after;  ///< "override_id" is added
  std::string actor;
  Instant at{};
};

/// Stores the change and its audit row ("meeting.<action>") in one transaction, or neither;
/// returns the override's id.
Result<Id> store_meeting_change(store::Database& db, const MeetingChange& c);

}  // namespace rectifyd::plan
