#include "plan/meetings.h"

namespace rectifyd::plan {

std::string_view to_string(MeetingPhase p) {
  switch (p) {
    case MeetingPhase::update_request:
      return "update_request";
    case MeetingPhase::nudge:
      return "nudge";
    case MeetingPhase::notice:
      return "notice";
    case MeetingPhase::summary:
      return "summary";
  }
  return "notice";
}

std::optional<LocalDate> regular_meeting_day(const config::MeetingConfig&, const Calendar&,
                                             LocalDate) {
  return std::nullopt;
}

std::vector<MeetingOccurrence> meeting_occurrences(const config::MeetingConfig&, const Calendar&,
                                                   const date::time_zone*,
                                                   const std::vector<MeetingOverride>&, LocalDate,
                                                   LocalDate) {
  return {};
}

std::vector<PhaseTime> meeting_phases(const config::MeetingConfig&, const Calendar&,
                                      const date::time_zone*, const MeetingOccurrence&) {
  return {};
}

void plan_meetings(const PlanInput&, Instant, PlanOutput&) {}

}  // namespace rectifyd::plan
