#include "notify/icalendar.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "time/zone.h"

namespace rectifyd::notify::ical {
namespace {

using namespace std::chrono_literals;

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

std::string utc_stamp(Instant t) {
  auto dp = date::floor<date::days>(t);
  date::year_month_day ymd{dp};
  date::hh_mm_ss hms{t - dp};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

/// The wall time an offset gives an instant, as a DATE-TIME without zone.
std::string local_stamp(Instant t, std::chrono::seconds offset) {
  auto s = utc_stamp(t + offset);
  s.pop_back();  // the Z
  return s;
}

std::string utc_offset(std::chrono::seconds offset) {
  char sign = offset < 0s ? '-' : '+';
  auto total = offset < 0s ? -offset.count() : offset.count();
  char buf[48];
  if (total % 60 != 0) {
    std::snprintf(buf, sizeof buf, "%c%02lld%02lld%02lld", sign,
                  static_cast<long long>(total / 3600), static_cast<long long>(total / 60 % 60),
                  static_cast<long long>(total % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%c%02lld%02lld", sign, static_cast<long long>(total / 3600),
                  static_cast<long long>(total / 60 % 60));
  }
  return buf;
}

// Transitions before this are "since always"; after the far bound, "never again".
const Instant kEarliest = date::sys_days{date::year{1601} / 1 / 1};
const Instant kLatest = date::sys_days{date::year{9000} / 1 / 1};

/// One STANDARD or DAYLIGHT observance: the period `info` and the offset it followed.
void observance(std::string& out, const date::time_zone* zone, const date::sys_info& info) {
  const bool daylight = info.save != 0min;
  const char* kind = daylight ? "DAYLIGHT" : "STANDARD";
  std::chrono::seconds from = info.offset;
  std::string onset = "19700101T000000";
  if (info.begin > kEarliest) {
    from = zone->get_info(info.begin - 1s).offset;
    // The onset is written as the wall time just before the change (RFC 5545 3.6.5).
    onset = local_stamp(info.begin, from);
  }
  out += fold(std::string("BEGIN:") + kind);
  out += fold("DTSTART:" + onset);
  out += fold("TZOFFSETFROM:" + utc_offset(from));
  out += fold("TZOFFSETTO:" + utc_offset(info.offset));
  if (!info.abbrev.empty())
    out += fold("TZNAME:" + escape_text(info.abbrev));
  out += fold(std::string("END:") + kind);
}

/// A VTIMEZONE covering the meeting: the period in effect at its start and end, the one
/// before and the one after, so both a STANDARD and (for DST zones) a DAYLIGHT observance
/// are present, as Outlook expects.
std::string vtimezone(const date::time_zone* zone, const MeetingInfo& m) {
  std::vector<date::sys_info> periods;
  auto add = [&](const date::sys_info& i) {
    for (const auto& p : periods) {
      if (p.begin == i.begin)
        return;
    }
    periods.push_back(i);
  };
  auto at_start = zone->get_info(m.start);
  auto at_end = zone->get_info(std::max(m.start, m.end));
  if (at_start.begin > kEarliest)
    add(zone->get_info(at_start.begin - 1s));
  add(at_start);
  add(at_end);
  if (at_end.end < kLatest)
    add(zone->get_info(at_end.end));
  std::sort(periods.begin(), periods.end(),
            [](const auto& a, const auto& b) { return a.begin < b.begin; });
  std::string out = fold("BEGIN:VTIMEZONE");
  out += fold("TZID:" + zone->name());
  for (const auto& p : periods)
    observance(out, zone, p);
  out += fold("END:VTIMEZONE");
  return out;
}

std::string cal_address(const char* name, const Addressee& a, std::string_view extra) {
  std::string line = name;
  if (!a.name.empty())
    line += ";CN=" + param_value(a.name);
  line += extra;
  line += ":mailto:" + a.email;
  return fold(line);
}

}  // namespace

std::string_view method(const MeetingInfo& m) {
  return m.cancelled ? "CANCEL" : "REQUEST";
}

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (ch == '\t' || !is_control(c))
          out += ch;
    }
  }
  return out;
}

std::string fold(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  std::size_t limit = 75;  // octets on this physical line, the leading space included
  std::size_t used = 0;
  std::size_t i = 0;
  while (i < line.size()) {
    // The whole UTF-8 character starting at i.
    std::size_t n = 1;
    while (i + n < line.size() && (static_cast<unsigned char>(line[i + n]) & 0xC0) == 0x80)
      ++n;
    if (used + n > limit) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line.substr(i, n));
    used += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string param_value(std::string_view text) {
  std::string clean;
  bool quote = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || is_control(c))
      continue;
    quote = quote || ch == ':' || ch == ';' || ch == ',';
    clean += ch;
  }
  return quote ? "\"" + clean + "\"" : clean;
}

std::string build_calendar(const MeetingInfo& m, const InviteContext& ctx) {
  const date::time_zone* zone = nullptr;
  if (!m.time_zone.empty()) {
    if (auto z = find_zone(m.time_zone))
      zone = *z;
  }
  auto when = [&](const char* name, Instant t) {
    if (zone == nullptr)
      return fold(std::string(name) + ":" + utc_stamp(t));
    return fold(std::string(name) + ";TZID=" + zone->name() + ":" +
                local_stamp(t, zone->get_info(t).offset));
  };

  std::string out;
  out += fold("BEGIN:VCALENDAR");
  out += fold("PRODID:-//rectifyd//rectification plan//ZH");
  out += fold("VERSION:2.0");
  out += fold("CALSCALE:GREGORIAN");
  out += fold("METHOD:" + std::string(method(m)));
  if (zone != nullptr)
    out += vtimezone(zone, m);
  out += fold("BEGIN:VEVENT");
  out += fold("UID:" + m.uid);
  out += fold("SEQUENCE:" + std::to_string(m.sequence));
  out += fold("DTSTAMP:" + utc_stamp(ctx.stamp));
  out += when("DTSTART", m.start);
  out += when("DTEND", std::max(m.start, m.end));
  out += fold("SUMMARY:" + escape_text(m.title));
  if (!m.location.empty())
    out += fold("LOCATION:" + escape_text(m.location));
  const Addressee& organizer = m.organizer.email.empty() ? ctx.fallback_organizer : m.organizer;
  if (!organizer.email.empty())
    out += cal_address("ORGANIZER", organizer, "");
  for (const auto& a : m.attendees) {
    if (a.email.empty())
      continue;
    out += cal_address("ATTENDEE", a,
                       ";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE");
  }
  if (!ctx.description.empty())
    out += fold("DESCRIPTION:" + escape_text(ctx.description));
  out += fold(m.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  out += fold("TRANSP:OPAQUE");
  out += fold("END:VEVENT");
  out += fold("END:VCALENDAR");
  return out;
}

}  // namespace rectifyd::notify::ical
