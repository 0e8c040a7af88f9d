#pragma once
// The iCalendar (RFC 5545) invitation a meeting email carries: one VCALENDAR with a VTIMEZONE
// for the meeting's zone and one VEVENT. Calendar programs match updates and cancellations
// by UID and order them by SEQUENCE, so both come from the meeting occurrence, never from the
// send. Pure: text in, text out.

#include <string>
#include <string_view>

#include "core/message.h"
#include "core/model.h"

namespace rectifyd::notify::ical {

/// "REQUEST", or "CANCEL" for a cancelled meeting (also the MIME part's method parameter).
std::string_view method(const MeetingInfo& m);

/// TEXT value escaping: backslash, semicolon, comma and newline ("\n" becomes the two
/// characters \n); carriage returns and other control characters are dropped.
std::string escape_text(std::string_view text);

/// One content line folded at 75 octets (CRLF then a space), never inside a UTF-8 character;
/// the result ends with CRLF.
std::string fold(std::string_view line);

/// A CAL-ADDRESS parameter value (CN=…): quoted when it holds ':', ';' or ','; double quotes
/// and control characters are dropped because a quoted parameter cannot carry them.
std::string param_value(std::string_view text);

/// What the invitation needs besides the meeting itself.
struct InviteContext {
  std::string description;  ///< the agenda, plain text
  Instant stamp{};          ///< DTSTAMP: when this copy of the invitation was made
  /// Used as the organizer when the meeting names none with an address.
  Addressee fallback_organizer;
};

/// The whole VCALENDAR, CRLF line ends, folded. Times carry TZID=<meeting.time_zone> with a
/// VTIMEZONE describing the zone's offsets around the meeting; when the zone is empty or
/// unknown to the system zoneinfo the times are written in UTC ("…Z"), which every calendar
/// program reads correctly, so the invitation still works.
std::string build_calendar(const MeetingInfo& m, const InviteContext& ctx);

}  // namespace rectifyd::notify::ical
