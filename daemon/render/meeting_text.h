#pragma once
// The Chinese text of every meeting message: the notice with its agenda, the update request,
// the nudge, the summary and the cancellation. Short, says what to do and by when.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "config/config.h"
#include "core/meeting.h"
#include "core/message.h"

namespace rectifyd::render {

struct MeetingText {
  std::string subject;
  std::string text;
};

/// "12月4日（周五）15:00–16:00" in the unit's zone.
std::string meeting_time_zh(const MeetingOccurrence& occ, const date::time_zone* zone);

/// "62.5%", "100%".
std::string percent_zh(double rate);

/// The agenda's numbered sections, one per line, without the heading line.
std::string agenda_lines(const Agenda& agenda);

/// The notice: a heading with time and place (marked when moved or added), then the agenda.
MeetingText notice_text(const Agenda& agenda, const MeetingOccurrence& occ,
                        const config::MeetingConfig& cfg, const date::time_zone* zone);

/// Asks an owner to update the progress of `items` (the first of `total`) before the meeting.
/// `sent_on` is the day the request goes out: "明天" when the meeting is the next day.
MeetingText update_request_text(const std::string& owner, const std::vector<MessageItem>& items,
                                std::size_t total, const MeetingOccurrence& occ, LocalDate sent_on,
                                const date::time_zone* zone);

/// Reminds an owner on the meeting day of the items still without an update.
MeetingText nudge_text(const std::string& owner, const std::vector<MessageItem>& items,
                       std::size_t total, const MeetingOccurrence& occ,
                       const date::time_zone* zone);

/// After the meeting: what changed since the previous one and the next meeting's time.
MeetingText summary_text(const Agenda& agenda, const MeetingOccurrence& occ,
                         const std::optional<MeetingOccurrence>& next, const date::time_zone* zone);

/// The occurrence will not take place.
MeetingText cancellation_text(const MeetingOccurrence& occ, const config::MeetingConfig& cfg,
                              const date::time_zone* zone);

}  // namespace rectifyd::render
