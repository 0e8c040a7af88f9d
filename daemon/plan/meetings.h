#pragma once
// The weekly progress meeting (每周整改工作推进会): its occurrences, their phases and the
// intents each phase yields.
//
// Occurrences. Each Monday–Sunday week has one regular occurrence on the configured weekday;
// when that day is not a working day the non-workday rule picks another day of the same week
// (makeup working days count) or drops the week. The office's overrides then move or cancel
// single occurrences or add extra ones. An override of action move/cancel names its week by
// any date in it; one whose date is the day of an added occurrence applies to that one instead.
//
// Identity. A regular occurrence's key is its regular date ("2026-12-04"), an added one's is
// "add-<override id>"; the UID of its calendar invitation is "meeting-<key>@rectifyd". The
// SEQUENCE is the number of overrides that changed it, so it rises with every move.
//
// Phases, on the day the meeting is held (the moved day when moved):
//   update request  owners with open measures, workdays_before working days earlier at `at`
//   nudge           owners whose listed measures have no progress since the update request,
//                   at `at` on the meeting day (skipped when that is not before the start)
//   notice          the agenda, `before` the start: the group channels and every participant
//                   on their personal channels (an email channel turns the MeetingInfo into a
//                   calendar invitation)
//   summary         what changed since the previous meeting, `after_end` after the end: the
//                   group channels and every participant. The completion rate and time are
//                   recorded in the state at this point even when the summary is switched off.
//
// Catch-up after downtime: a phase planned in the window but longer ago than
// schedule.catch_up_grace is skipped (the summary still records the rate); one within it is
// sent once, marked late. Update requests and nudges are not sent once the meeting started.
//
// State (keys of ScheduleState):
//   meeting.announced.<key>  "<sequence>|<start>|<end>|<cancelled 0/1>" once the notice went
//                            out. A change of an announced occurrence (moved again, cancelled,
//                            or gone because the calendar changed) is announced at once: an
//                            updated notice with the new SEQUENCE, or a cancellation.
//   meeting.last_rate        completion rate (percent) at the last meeting held
//   meeting.last_at          its end, UTC
//   meeting.last_key         its key
//   meeting.notice_now.<key> written by the office (office/meetings.h) to have the notice sent
//                            now: the next run sends it as planned (every channel, the
//                            invitation), marks the occurrence announced and clears the request

#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "config/config.h"
#include "core/meeting.h"
#include "core/model.h"
#include "plan/planner.h"
#include "time/calendar.h"

namespace rectifyd::plan {

using rectifyd::MeetingOccurrence;

enum class MeetingPhase { update_request, nudge, notice, summary };

/// "update_request", "nudge", "notice", "summary".
std::string_view to_string(MeetingPhase p);

struct PhaseTime {
  MeetingPhase phase = MeetingPhase::notice;
  Instant at{};
  bool enabled = true;  ///< switched on in the config
  bool operator==(const PhaseTime&) const = default;
};

/// The day the meeting of the week containing `any_day` is regularly held, after the
/// non-workday rule; nullopt when that week has none (or meetings are disabled).
std::optional<LocalDate> regular_meeting_day(const config::MeetingConfig& cfg,
                                             const Calendar& calendar, LocalDate any_day);

/// Every occurrence whose regular date (regular weeks) or added day lies in [first, last],
/// cancelled ones included, in order of start. Moved occurrences stay with their week even
/// when moved outside [first, last].
std::vector<MeetingOccurrence> meeting_occurrences(const config::MeetingConfig& cfg,
                                                   const Calendar& calendar,
                                                   const date::time_zone* zone,
                                                   const std::vector<MeetingOverride>& overrides,
                                                   LocalDate first, LocalDate last);

/// The four phase instants of an occurrence, in the order update request, nudge, notice,
/// summary. The nudge is left out when it would not come before the start.
std::vector<PhaseTime> meeting_phases(const config::MeetingConfig& cfg, const Calendar& calendar,
                                      const date::time_zone* zone, const MeetingOccurrence& occ);

/// The state key of the office's request to send the notice of occurrence `key` now.
std::string notice_request_key(const std::string& key);
/// Whether the notice of `occ` as it stands (sequence, start, end, not cancelled) went out.
bool is_announced(const ScheduleState& state, const MeetingOccurrence& occ);

/// Appends the intents of every meeting phase planned in (from, in.now], announces changes of
/// announced occurrences, writes the state changes above, and lowers out.next_wake to the next
/// meeting event after in.now.
void plan_meetings(const PlanInput& in, Instant from, PlanOutput& out);

}  // namespace rectifyd::plan
