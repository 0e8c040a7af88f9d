#pragma once
// The office's changes to single occurrences of the weekly progress meeting: move, cancel,
// add, and "send the notice now". One set of rules for every front end:
//   - a date names the occurrence of its week (plan::MeetingWeek::named_by); none: not_found
//   - a cancelled occurrence cannot be moved or cancelled again, nor one already held: conflict
//   - a new start in the past is invalid; one on a non-working day is allowed with a warning
//   - the notice now goes out exactly as the planned notice would (every channel, the calendar
//     invitation) on the planner's next run, which this action triggers; the occurrence is then
//     announced, so the planned notice does not go again. An occurrence already announced as it
//     stands is a conflict (its notice went out).
// Each change is stored with its audit row ("meeting.move", "meeting.cancel", "meeting.add",
// "meeting.notice") in one transaction.

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/result.h"
#include "office/office.h"
#include "plan/meeting_overrides.h"
#include "plan/meetings.h"
#include "time/calendar.h"

namespace rectifyd::office {

/// What a meeting command reads: the configuration, the calendar, the overrides.
struct MeetingSetup {
  config::Snapshot config;
  const date::time_zone* zone = nullptr;
  Calendar calendar;
  std::vector<plan::MeetingOverride> overrides;

  plan::MeetingWeek week() const { return {config->meeting, calendar, zone, overrides}; }
  /// plan::MeetingWeek::to_json plus "time_zh" ("12月4日（星期五）15:00—16:30").
  boost::json::object to_json(const plan::MeetingOccurrence& o) const;
};
Result<MeetingSetup> meeting_setup(Office& o);

/// The occurrences from a week ago to `weeks` weeks ahead that have not ended, in order.
Result<std::vector<plan::MeetingOccurrence>> upcoming_meetings(Office& o, const MeetingSetup& s,
                                                               int weeks);

struct MeetingResult {
  plan::MeetingOccurrence occurrence;  ///< as the planner sees it after the change
  boost::json::object json;            ///< MeetingSetup::to_json of it
  std::string summary;                 ///< one Chinese sentence saying what was done
  std::vector<std::string> warnings;   ///< e.g. the new day is not a working day
};

/// `to`: "YYYY-MM-DD HH:MM" in the unit's zone, or an ISO instant with offset.
Result<MeetingResult> move_meeting(Office& o, const Actor& a, LocalDate day, std::string_view to,
                                   std::string_view note);
Result<MeetingResult> cancel_meeting(Office& o, const Actor& a, LocalDate day,
                                     std::string_view note);
Result<MeetingResult> add_meeting(Office& o, const Actor& a, std::string_view start,
                                  std::string_view note);
Result<MeetingResult> send_notice_now(Office& o, const Actor& a, LocalDate day);

}  // namespace rectifyd::office
