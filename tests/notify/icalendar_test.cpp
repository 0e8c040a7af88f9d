#include "notify/icalendar.h"

#include <gtest/gtest.h>

#include "core/dates.h"

namespace rectifyd::notify::ical {
namespace {

std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find("\r\n", pos);
    EXPECT_NE(end, std::string::npos) << "the text must end with CRLF";
    if (end == std::string::npos)
      break;
    out.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return out;
}

/// Content lines with folding undone (RFC 5545 3.1).
std::vector<std::string> unfolded(const std::string& text) {
  std::vector<std::string> out;
  for (auto& l : physical_lines(text)) {
    if (!l.empty() && l[0] == ' ' && !out.empty())
      out.back() += l.substr(1);
    else
      out.push_back(l);
  }
  return out;
}

bool has_line(const std::vector<std::string>& lines, const std::string& want) {
  return std::find(lines.begin(), lines.end(), want) != lines.end();
}

int count_prefix(const std::vector<std::string>& lines, const std::string& prefix) {
  return static_cast<int>(std::count_if(lines.begin(), lines.end(),
                                        [&](const auto& l) { return l.starts_with(prefix); }));
}

Addressee person(const std::string& name, const std::string& email) {
  Addressee a;
  a.name = name;
  a.email = email;
  return a;
}

MeetingInfo meeting() {
  MeetingInfo m;
  m.uid = "meeting-2026-12-04@rectifyd";
  m.sequence = 2;
  m.start = *parse_instant("2026-12-04T07:00:00Z");  // 15:00 in Beijing
  m.end = *parse_instant("2026-12-04T08:00:00Z");
  m.time_zone = "Asia/Shanghai";
  m.title = "每周整改工作推进会";
  m.location = "机关三楼会议室, 东侧";
  m.organizer = person("巡察整改工作领导小组办公室", "office@example.org");
  m.attendees = {person("李四", "lisi@example.org"), person("王五", ""),
                 person("赵六: 分管领导", "zhaoliu@example.org")};
  return m;
}

InviteContext context() {
  InviteContext c;
  c.description = "一、总体进度：办结率 62.5%\n二、已逾期（红灯）2 项; 请带佐证材料";
  c.stamp = *parse_instant("2026-12-01T01:00:00Z");
  return c;
}

TEST(ICalendar, TextEscaping) {
  EXPECT_EQ(escape_text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
  EXPECT_EQ(escape_text("一\r\n二\x01"), "一\\n二");
  EXPECT_EQ(escape_text("tab\there"), "tab\there");
}

TEST(ICalendar, ParameterValuesAreQuotedWhenNeeded) {
  EXPECT_EQ(param_value("张三"), "张三");
  EXPECT_EQ(param_value("赵六: 分管领导"), "\"赵六: 分管领导\"");
  EXPECT_EQ(param_value("Li, \"Si\""), "\"Li, Si\"");
}

TEST(ICalendar, FoldingKeeps75OctetsAndWholeCharacters) {
  std::string line = "DESCRIPTION:";
  for (int i = 0; i < 40; ++i)
    line += "整改";  // three bytes each: a fold can fall inside a character if done wrong
  auto folded = fold(line);
  auto lines = physical_lines(folded);
  ASSERT_GT(lines.size(), 2u);
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u);
    if (i > 0) {
      ASSERT_EQ(lines[i][0], ' ');
      // A continuation never starts with a UTF-8 continuation byte.
      EXPECT_NE(static_cast<unsigned char>(lines[i][1]) & 0xC0, 0x80);
    }
    joined += i == 0 ? lines[i] : lines[i].substr(1);
  }
  EXPECT_EQ(joined, line);
  EXPECT_EQ(fold("VERSION:2.0"), "VERSION:2.0\r\n");
  EXPECT_EQ(fold(std::string(75, 'x')), std::string(75, 'x') + "\r\n");
  EXPECT_EQ(fold(std::string(76, 'x')), std::string(75, 'x') + "\r\n x\r\n");
}

TEST(ICalendar, RequestWithZoneAndAttendees) {
  auto text = build_calendar(meeting(), context());
  for (const auto& l : physical_lines(text))
    EXPECT_LE(l.size(), 75u) << l;
  auto lines = unfolded(text);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_TRUE(has_line(lines, "VERSION:2.0"));
  EXPECT_EQ(count_prefix(lines, "PRODID:"), 1);
  EXPECT_TRUE(has_line(lines, "METHOD:REQUEST"));
  EXPECT_TRUE(has_line(lines, "UID:meeting-2026-12-04@rectifyd"));
  EXPECT_TRUE(has_line(lines, "SEQUENCE:2"));
  EXPECT_TRUE(has_line(lines, "DTSTAMP:20261201T010000Z"));
  EXPECT_TRUE(has_line(lines, "DTSTART;TZID=Asia/Shanghai:20261204T150000"));
  EXPECT_TRUE(has_line(lines, "DTEND;TZID=Asia/Shanghai:20261204T160000"));
  EXPECT_TRUE(has_line(lines, "SUMMARY:每周整改工作推进会"));
  EXPECT_TRUE(has_line(lines, "LOCATION:机关三楼会议室\\, 东侧"));
  EXPECT_TRUE(has_line(lines, "ORGANIZER;CN=巡察整改工作领导小组办公室:mailto:office@example.org"));
  EXPECT_TRUE(
      has_line(lines,
               "ATTENDEE;CN=李四;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
               "RSVP=TRUE:mailto:lisi@example.org"));
  EXPECT_TRUE(has_line(lines,
                       "ATTENDEE;CN=\"赵六: 分管领导\";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;"
                       "PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:zhaoliu@example.org"));
  EXPECT_EQ(count_prefix(lines, "ATTENDEE"), 2);  // 王五 has no address
  EXPECT_TRUE(has_line(
      lines, "DESCRIPTION:一、总体进度：办结率 62.5%\\n二、已逾期（红灯）2 项\\; 请带佐证材料"));
  EXPECT_TRUE(has_line(lines, "STATUS:CONFIRMED"));
  // The zone is described: Asia/Shanghai has been UTC+8 without DST since 1991.
  EXPECT_TRUE(has_line(lines, "BEGIN:VTIMEZONE"));
  EXPECT_TRUE(has_line(lines, "TZID:Asia/Shanghai"));
  EXPECT_TRUE(has_line(lines, "TZOFFSETTO:+0800"));
  EXPECT_GE(count_prefix(lines, "BEGIN:STANDARD"), 1);
  // The VTIMEZONE comes before the VEVENT that refers to it.
  auto tz = std::find(lines.begin(), lines.end(), "BEGIN:VTIMEZONE");
  auto ev = std::find(lines.begin(), lines.end(), "BEGIN:VEVENT");
  EXPECT_LT(tz, ev);
}

TEST(ICalendar, CancellationSaysCancel) {
  auto m = meeting();
  m.cancelled = true;
  m.sequence = 3;
  EXPECT_EQ(method(m), "CANCEL");
  auto lines = unfolded(build_calendar(m, context()));
  EXPECT_TRUE(has_line(lines, "METHOD:CANCEL"));
  EXPECT_TRUE(has_line(lines, "STATUS:CANCELLED"));
  EXPECT_TRUE(has_line(lines, "SEQUENCE:3"));
  EXPECT_TRUE(has_line(lines, "UID:meeting-2026-12-04@rectifyd"));
  EXPECT_FALSE(has_line(lines, "STATUS:CONFIRMED"));
}

TEST(ICalendar, DaylightSavingZoneHasBothObservances) {
  auto m = meeting();
  m.time_zone = "Europe/Berlin";
  m.start = *parse_instant("2026-07-03T13:00:00Z");
  m.end = *parse_instant("2026-07-03T14:00:00Z");
  auto lines = unfolded(build_calendar(m, context()));
  EXPECT_TRUE(has_line(lines, "DTSTART;TZID=Europe/Berlin:20260703T150000"));
  EXPECT_TRUE(has_line(lines, "BEGIN:DAYLIGHT"));
  EXPECT_TRUE(has_line(lines, "BEGIN:STANDARD"));
  EXPECT_TRUE(has_line(lines, "TZOFFSETTO:+0200"));
  EXPECT_TRUE(has_line(lines, "TZOFFSETTO:+0100"));
  // Summer time began 2026-03-29 at 02:00 local standard time.
  EXPECT_TRUE(has_line(lines, "DTSTART:20260329T020000"));
}

TEST(ICalendar, UnknownZoneFallsBackToUtc) {
  auto m = meeting();
  m.time_zone = "Mars/Olympus_Mons";
  auto lines = unfolded(build_calendar(m, context()));
  EXPECT_TRUE(has_line(lines, "DTSTART:20261204T070000Z"));
  EXPECT_TRUE(has_line(lines, "DTEND:20261204T080000Z"));
  EXPECT_FALSE(has_line(lines, "BEGIN:VTIMEZONE"));
}

TEST(ICalendar, OrganizerFallsBackToTheSender) {
  auto m = meeting();
  m.organizer = person("办公室", "");
  auto c = context();
  c.fallback_organizer = person("整改办", "zgb@example.org");
  auto lines = unfolded(build_calendar(m, c));
  EXPECT_TRUE(has_line(lines, "ORGANIZER;CN=整改办:mailto:zgb@example.org"));
}

}  // namespace
}  // namespace rectifyd::notify::ical
