#include "plan/meetings.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "temp_dir.h"
#include "time/clock.h"
#include "time/zone.h"

namespace rectifyd::plan {
namespace {

using namespace std::chrono_literals;
using date::April;
using date::December;
using date::February;
using date::January;
using date::June;
using date::March;
using date::November;
using date::October;
using date::September;

LocalDate day(int y, date::month m, unsigned d) {
  return LocalDate{date::year{y} / m / date::day{d}};
}

Instant at(const char* iso) {
  return *parse_instant(iso);
}

const date::time_zone* shanghai() {
  return *find_zone("Asia/Shanghai");
}

MeetingOverride override_of(Id id, LocalDate week_of, MeetingOverrideAction action,
                            std::optional<Instant> new_start = std::nullopt,
                            std::string note = {}) {
  return MeetingOverride{id, week_of, action, new_start, std::move(note)};
}

/// Every Friday of 2026 → the day its week's meeting is held (nullopt: none).
std::map<LocalDate, std::optional<LocalDate>> fridays_2026(const config::MeetingConfig& cfg,
                                                           const Calendar& cal) {
  std::map<LocalDate, std::optional<LocalDate>> out;
  for (LocalDate f = day(2026, January, 2); f <= day(2026, December, 31); f += date::days{7})
    out[f] = regular_meeting_day(cfg, cal, f);
  return out;
}

/// A calendar from the reference file alone, not the built-in data.
Calendar calendar_from_reference_2026() {
  std::ifstream in(testing::shared_path("data/holiday-cn/2026.json"));
  std::stringstream ss;
  ss << in.rdbuf();
  const auto json = boost::json::parse(ss.str());
  std::vector<CalendarDay> days;
  for (const auto& d : json.at("days").as_array()) {
    days.push_back(CalendarDay{*parse_date(std::string(d.at("date").as_string())),
                               d.at("isOffDay").as_bool(), std::string(d.at("name").as_string())});
  }
  Calendar cal;
  cal.add_year(2026, days);
  return cal;
}

TEST(MeetingDay, HolidayFridaysOf2026MoveToTheEarlierWorkday) {
  const config::MeetingConfig cfg;
  const std::map<LocalDate, std::optional<LocalDate>> expected_moves = {
      {day(2026, January, 2), day(2025, December, 31)},
      {day(2026, February, 20), std::nullopt},
      // Labour Day (1–5 May) is a Friday as well.
      {day(2026, date::May, 1), day(2026, April, 30)},
      {day(2026, June, 19), day(2026, June, 18)},
      {day(2026, September, 25), day(2026, September, 24)},
      {day(2026, October, 2), day(2026, September, 30)},
  };
  for (const Calendar& cal : {Calendar::with_builtin_holidays(), calendar_from_reference_2026()}) {
    for (const auto& [friday, held] : fridays_2026(cfg, cal)) {
      auto moved = expected_moves.find(friday);
      if (moved != expected_moves.end())
        EXPECT_EQ(held, moved->second) << format_date(friday);
      else
        EXPECT_EQ(held, friday) << format_date(friday);
    }
  }
}

TEST(MeetingDay, NextWorkdayAndSkipRules) {
  const Calendar cal = Calendar::with_builtin_holidays();
  config::MeetingConfig next;
  next.non_workday = config::NonWorkdayRule::next_workday_same_week;
  // Sunday 4 January is a makeup working day and counts.
  EXPECT_EQ(regular_meeting_day(next, cal, day(2026, January, 2)), day(2026, January, 4));
  EXPECT_EQ(regular_meeting_day(next, cal, day(2026, February, 20)), std::nullopt);
  EXPECT_EQ(regular_meeting_day(next, cal, day(2026, June, 19)), std::nullopt);
  EXPECT_EQ(regular_meeting_day(next, cal, day(2026, September, 25)), std::nullopt);
  EXPECT_EQ(regular_meeting_day(next, cal, day(2026, October, 2)), std::nullopt);
  EXPECT_EQ(regular_meeting_day(next, cal, day(2026, December, 4)), day(2026, December, 4));

  config::MeetingConfig skip;
  skip.non_workday = config::NonWorkdayRule::skip;
  EXPECT_EQ(regular_meeting_day(skip, cal, day(2026, October, 2)), std::nullopt);
  EXPECT_EQ(regular_meeting_day(skip, cal, day(2026, October, 9)), day(2026, October, 9));

  // Any day of the week names the week; a Wednesday meeting too.
  config::MeetingConfig wednesday;
  wednesday.weekday = date::Wednesday;
  EXPECT_EQ(regular_meeting_day(wednesday, cal, day(2026, October, 2)), day(2026, September, 30));
  EXPECT_EQ(regular_meeting_day(wednesday, cal, day(2026, October, 11)), std::nullopt);

  config::MeetingConfig off;
  off.enabled = false;
  EXPECT_EQ(regular_meeting_day(off, cal, day(2026, December, 4)), std::nullopt);
}

TEST(MeetingOccurrences, RegularWeeksWithUidAndTimes) {
  const Calendar cal = Calendar::with_builtin_holidays();
  const config::MeetingConfig cfg;
  const auto occs = meeting_occurrences(cfg, cal, shanghai(), {}, day(2025, December, 29),
                                        day(2026, January, 11));
  ASSERT_EQ(occs.size(), 2u);
  EXPECT_EQ(occs[0].key, "2025-12-31");
  EXPECT_EQ(occs[0].uid, "meeting-2025-12-31@rectifyd");
  EXPECT_EQ(occs[0].day, day(2025, December, 31));
  EXPECT_EQ(occs[0].start, at("2025-12-31T07:00:00Z"));
  EXPECT_EQ(occs[0].end, at("2025-12-31T08:00:00Z"));
  EXPECT_EQ(occs[0].sequence, 0);
  EXPECT_EQ(occs[1].key, "2026-01-09");
}

TEST(MeetingOccurrences, MoveCancelAndAdd) {
  const Calendar cal = Calendar::with_builtin_holidays();
  const config::MeetingConfig cfg;
  std::vector<MeetingOverride> ov = {
      // Moved to Thursday morning; named by any day of its week.
      override_of(1, day(2026, December, 1), MeetingOverrideAction::move,
                  at("2026-12-03T02:00:00Z"), "与党组会错开"),
      override_of(2, day(2026, December, 11), MeetingOverrideAction::cancel),
      override_of(3, day(2026, December, 16), MeetingOverrideAction::add,
                  at("2026-12-16T06:30:00Z")),
      // Moved twice: the later move wins and SEQUENCE counts both.
      override_of(4, day(2026, December, 4), MeetingOverrideAction::move,
                  at("2026-12-03T06:00:00Z")),
      // Cancels the added meeting, not the week's regular one.
      override_of(5, day(2026, December, 16), MeetingOverrideAction::cancel),
  };
  const auto occs = meeting_occurrences(cfg, cal, shanghai(), ov, day(2026, November, 30),
                                        day(2026, December, 20));
  ASSERT_EQ(occs.size(), 4u);
  EXPECT_EQ(occs[0].key, "2026-12-04");
  EXPECT_TRUE(occs[0].moved);
  EXPECT_EQ(occs[0].sequence, 2);
  EXPECT_EQ(occs[0].day, day(2026, December, 3));
  EXPECT_EQ(occs[0].start, at("2026-12-03T06:00:00Z"));
  EXPECT_EQ(occs[0].end, at("2026-12-03T07:00:00Z"));
  EXPECT_EQ(occs[1].key, "2026-12-11");
  EXPECT_TRUE(occs[1].cancelled);
  EXPECT_EQ(occs[1].sequence, 1);
  EXPECT_EQ(occs[2].key, "add-3");
  EXPECT_EQ(occs[2].uid, "meeting-add-3@rectifyd");
  EXPECT_TRUE(occs[2].added);
  EXPECT_TRUE(occs[2].cancelled);
  EXPECT_EQ(occs[3].key, "2026-12-18");
  EXPECT_FALSE(occs[3].cancelled);
}

TEST(MeetingPhases, DefaultTimes) {
  const Calendar cal = Calendar::with_builtin_holidays();
  const config::MeetingConfig cfg;
  auto occs =
      meeting_occurrences(cfg, cal, shanghai(), {}, day(2026, December, 4), day(2026, December, 4));
  ASSERT_EQ(occs.size(), 1u);
  const auto ph = meeting_phases(cfg, cal, shanghai(), occs[0]);
  ASSERT_EQ(ph.size(), 4u);
  EXPECT_EQ(ph[0], (PhaseTime{MeetingPhase::update_request, at("2026-12-03T08:00:00Z"), true}));
  EXPECT_EQ(ph[1], (PhaseTime{MeetingPhase::nudge, at("2026-12-04T01:00:00Z"), true}));
  EXPECT_EQ(ph[2], (PhaseTime{MeetingPhase::notice, at("2026-12-04T05:00:00Z"), true}));
  EXPECT_EQ(ph[3], (PhaseTime{MeetingPhase::summary, at("2026-12-04T08:30:00Z"), true}));

  // Meeting on Wed 31 Dec 2025 (New Year): the request goes out the working day before.
  occs =
      meeting_occurrences(cfg, cal, shanghai(), {}, day(2025, December, 29), day(2026, January, 4));
  ASSERT_EQ(occs.size(), 1u);
  EXPECT_EQ(meeting_phases(cfg, cal, shanghai(), occs[0])[0].at, at("2025-12-30T08:00:00Z"));

  // After the National Day week the working day before Friday 9 October is Thursday 8th; two
  // working days before reaches back over the holiday to Wednesday 30 September.
  config::MeetingConfig two = cfg;
  two.update_request.workdays_before = 2;
  two.nudge.enabled = false;
  occs =
      meeting_occurrences(two, cal, shanghai(), {}, day(2026, October, 5), day(2026, October, 11));
  ASSERT_EQ(occs.size(), 1u);
  const auto ph2 = meeting_phases(two, cal, shanghai(), occs[0]);
  EXPECT_EQ(ph2[0].at, at("2026-09-30T08:00:00Z"));
  EXPECT_FALSE(ph2[1].enabled);

  // A meeting moved to 08:30 has no nudge at 09:00.
  occs[0].start = at("2026-10-09T00:30:00Z");
  occs[0].end = occs[0].start + 1h;
  const auto early = meeting_phases(cfg, cal, shanghai(), occs[0]);
  ASSERT_EQ(early.size(), 3u);
  EXPECT_EQ(early[1].phase, MeetingPhase::notice);
}

TEST(MeetingPhases, EuropeBerlinAcrossDaylightSaving) {
  const auto* berlin = *find_zone("Europe/Berlin");
  Calendar cal;
  const config::MeetingConfig cfg;
  auto occs = meeting_occurrences(cfg, cal, berlin, {}, day(2026, March, 23), day(2026, April, 5));
  ASSERT_EQ(occs.size(), 2u);
  EXPECT_EQ(occs[0].start, at("2026-03-27T14:00:00Z"));  // CET, +01:00
  EXPECT_EQ(occs[1].start, at("2026-04-03T13:00:00Z"));  // CEST, +02:00
  EXPECT_EQ(meeting_phases(cfg, cal, berlin, occs[1])[0].at, at("2026-04-02T14:00:00Z"));

  // A Sunday working day at 02:30 on the night the clocks go forward: the wall time does not
  // exist and the meeting starts at the transition (03:00 CEST).
  cal.set_extra({}, {day(2026, March, 29)});
  config::MeetingConfig sunday = cfg;
  sunday.weekday = date::Sunday;
  sunday.start = 2h + 30min;
  occs = meeting_occurrences(sunday, cal, berlin, {}, day(2026, March, 29), day(2026, March, 29));
  ASSERT_EQ(occs.size(), 1u);
  EXPECT_EQ(occs[0].start, at("2026-03-29T01:00:00Z"));
  // On the night the clocks go back, 02:30 happens twice; the meeting is at the first.
  cal.set_extra({}, {day(2026, October, 25)});
  occs =
      meeting_occurrences(sunday, cal, berlin, {}, day(2026, October, 25), day(2026, October, 25));
  ASSERT_EQ(occs.size(), 1u);
  EXPECT_EQ(occs[0].start, at("2026-10-25T00:30:00Z"));
}

// --- plan_meetings: runs of the planner's meeting part against a manual clock -------------

Person person(Id id, std::string name, Role role, std::string email = {}) {
  Person p;
  p.id = id;
  p.name = std::move(name);
  p.email = std::move(email);
  p.roles.add(role);
  return p;
}

DeadlineItem open_item(Id id, std::string label, Id owner, LocalDate due) {
  DeadlineItem it;
  it.measure_id = id;
  it.label = std::move(label);
  it.text = "整改措施" + std::to_string(id);
  it.owner_id = owner;
  it.due = due;
  it.status = MeasureStatus::in_progress;
  return it;
}

/// The engine's part in miniature: runs plan_meetings for (last run, now] and applies the
/// state changes, as the daemon does in the transaction that writes the outbox rows.
struct Office {
  config::Config config;
  Calendar calendar = Calendar::with_builtin_holidays();
  LedgerView ledger;
  ScheduleState state;
  ManualClock clock{at("2026-12-03T00:00:00Z")};
  Instant last_run = at("2026-12-03T00:00:00Z");
  std::optional<Instant> next_wake;

  Office() {
    config.routing.personal = {"mail"};
    config.routing.group = {"wecom"};
    ledger.people[1] = person(1, "张三", Role::owner, "zhangsan@example.org");
    ledger.people[2] = person(2, "李四", Role::owner);
    ledger.people[3] = person(3, "王局长", Role::chief, "wang@example.org");
    ledger.people[4] = person(4, "赵主任", Role::office);
    ledger.people[5] = person(5, "钱科长", Role::owner);  // no open items
    auto add = [&](DeadlineItem it) { ledger.open_by_due[it.due].push_back(std::move(it)); };
    add(open_item(1, "问题1 措施一", 1, day(2026, November, 30)));
    add(open_item(2, "问题1 措施二", 1, day(2026, December, 18)));
    add(open_item(3, "问题2 措施一", 2, day(2026, December, 10)));
    ledger.measures_total = 8;
    ledger.measures_done = 4;
  }

  std::vector<Intent> run_at(Instant now) {
    clock.set(now);
    PlanInput in{config, calendar, shanghai(), ledger, state, clock.now()};
    PlanOutput out;
    plan_meetings(in, last_run, out);
    for (const auto& [k, v] : out.state_changes) {
      if (v.empty())
        state.erase(k);
      else
        state[k] = v;
    }
    last_run = now;
    next_wake = out.next_wake;
    return out.intents;
  }
};

std::vector<std::string> recipients(const std::vector<Intent>& intents, const std::string& rule) {
  std::vector<std::string> out;
  for (const auto& i : intents) {
    if (i.rule == rule)
      out.push_back(i.recipient);
  }
  return out;
}

TEST(PlanMeetings, AWeekOfPhasesFollowsTheWakeTimes) {
  Office o;
  auto intents = o.run_at(at("2026-12-03T07:00:00Z"));
  EXPECT_TRUE(intents.empty());
  ASSERT_TRUE(o.next_wake);
  EXPECT_EQ(*o.next_wake, at("2026-12-03T08:00:00Z"));

  // Thursday 16:00: every owner with open measures, one message each.
  intents = o.run_at(*o.next_wake);
  EXPECT_EQ(recipients(intents, "meeting.update_request"),
            (std::vector<std::string>{"张三", "李四"}));
  const Intent& zhang = intents.at(0);
  EXPECT_EQ(zhang.planned, at("2026-12-03T08:00:00Z"));
  EXPECT_EQ(zhang.channels, std::vector<std::string>{"mail"});
  EXPECT_EQ(zhang.person_id, 1);
  EXPECT_EQ(zhang.message.kind, "update_request");
  EXPECT_EQ(zhang.message.items.size(), 2u);
  EXPECT_EQ(zhang.message.to.at(0).email, "zhangsan@example.org");
  EXPECT_TRUE(zhang.message.text.starts_with(
      "张三：请于明天（12月4日 15:00）推进会前在台账中更新以下事项的进度：\n"))
      << zhang.message.text;
  EXPECT_EQ(zhang.occurrence, "2026-12-04/2026-12-03T08:00:00Z");
  EXPECT_EQ(*o.next_wake, at("2026-12-04T01:00:00Z"));

  // 李四 updates in the evening; 张三 updates one of two measures, before the request.
  o.ledger.open_by_due[day(2026, December, 10)][0].last_progress_at = at("2026-12-03T09:00:00Z");
  o.ledger.open_by_due[day(2026, December, 18)][0].last_progress_at = at("2026-12-03T07:59:59Z");

  // Friday 09:00: only 张三 is nudged, for both measures.
  intents = o.run_at(*o.next_wake);
  EXPECT_EQ(recipients(intents, "meeting.nudge"), std::vector<std::string>{"张三"});
  EXPECT_EQ(intents.at(0).message.items.size(), 2u);
  EXPECT_EQ(*o.next_wake, at("2026-12-04T05:00:00Z"));

  // 13:00: the notice with the agenda to the group and to each participant (chief, office).
  intents = o.run_at(*o.next_wake);
  EXPECT_EQ(recipients(intents, "meeting.notice"),
            (std::vector<std::string>{"group", "王局长", "赵主任"}));
  const Intent& group = intents.at(0);
  EXPECT_EQ(group.recipient_kind, RecipientKind::group);
  EXPECT_EQ(group.channels, std::vector<std::string>{"wecom"});
  EXPECT_TRUE(group.message.text.starts_with(
      "本周推进会：12月4日（周五）15:00–16:00，机关三楼会议室。\n一、总体进度：办结率 50%"))
      << group.message.text;
  ASSERT_TRUE(group.message.meeting);
  EXPECT_EQ(group.message.meeting->uid, "meeting-2026-12-04@rectifyd");
  EXPECT_EQ(group.message.meeting->sequence, 0);
  EXPECT_FALSE(group.message.meeting->cancelled);
  EXPECT_EQ(group.message.meeting->start, at("2026-12-04T07:00:00Z"));
  EXPECT_EQ(group.message.meeting->time_zone, "Asia/Shanghai");
  EXPECT_EQ(group.message.meeting->attendees.size(), 2u);
  EXPECT_EQ(intents.at(1).message.to.at(0).email, "wang@example.org");
  EXPECT_EQ(intents.at(1).channels, std::vector<std::string>{"mail"});
  EXPECT_EQ(o.state.at("meeting.announced.2026-12-04"),
            "0|2026-12-04T07:00:00Z|2026-12-04T08:00:00Z|0");
  EXPECT_EQ(*o.next_wake, at("2026-12-04T08:30:00Z"));

  // Running again in the same minute changes nothing.
  EXPECT_TRUE(o.run_at(at("2026-12-04T05:00:30Z")).empty());

  // 16:30: the summary; the rate is remembered for the next meeting.
  intents = o.run_at(at("2026-12-04T08:30:00Z"));
  EXPECT_EQ(recipients(intents, "meeting.summary"),
            (std::vector<std::string>{"group", "王局长", "赵主任"}));
  EXPECT_EQ(o.state.at("meeting.last_rate"), "50.000000");
  EXPECT_EQ(o.state.at("meeting.last_at"), "2026-12-04T08:00:00Z");
  EXPECT_EQ(o.state.at("meeting.last_key"), "2026-12-04");
  // The next event is the following week's update request.
  EXPECT_EQ(*o.next_wake, at("2026-12-10T08:00:00Z"));
}

TEST(PlanMeetings, SummaryAndNextNoticeReportTheChangeSinceTheLastMeeting) {
  Office o;
  o.run_at(at("2026-12-04T08:30:00Z"));  // the first meeting's summary records 50%
  ASSERT_EQ(o.state.at("meeting.last_rate"), "50.000000");

  // During the week two measures are closed: 6/8.
  o.ledger.measures_done = 6;
  o.ledger.measure_labels = {{7, "问题3 措施一"}, {8, "问题4 措施二"}};
  o.ledger.closed_recently = {{7, at("2026-12-07T02:00:00Z")},
                              {8, at("2026-12-09T02:00:00Z")},
                              {9, at("2026-12-01T02:00:00Z")}};
  auto intents = o.run_at(at("2026-12-11T05:00:00Z"));
  const auto notice = std::find_if(intents.begin(), intents.end(),
                                   [](const Intent& i) { return i.rule == "meeting.notice"; });
  ASSERT_NE(notice, intents.end());
  EXPECT_NE(notice->message.text.find("办结率 75%（已办结 6/8 项，较上周 +25 个百分点）"),
            std::string::npos)
      << notice->message.text;
  EXPECT_NE(notice->message.text.find("五、本周销号 2 项：\n  1. 问题3 措施一：12月7日销号\n"
                                      "  2. 问题4 措施二：12月9日销号"),
            std::string::npos)
      << notice->message.text;

  intents = o.run_at(at("2026-12-11T08:30:00Z"));
  ASSERT_FALSE(intents.empty());
  EXPECT_EQ(intents[0].rule, "meeting.summary");
  EXPECT_EQ(intents[0].message.text,
            "12月11日（周五）推进会已召开。自上次推进会以来：\n"
            "一、办结率 75%（已办结 6/8 项，较上周 +25 个百分点）\n"
            "二、销号 2 项：\n"
            "  1. 问题3 措施一：12月7日销号\n"
            "  2. 问题4 措施二：12月9日销号\n"
            "三、仍逾期（红灯）2 项：\n"
            "  1. 问题1 措施一（张三）：整改措施1，逾期 9 个工作日\n"
            "  2. 问题2 措施一（李四）：整改措施3，逾期 1 个工作日\n"
            "  请以上事项责任人抓紧整改，尽快报送佐证材料。\n"
            "四、待审批延期申请：无\n"
            "下次推进会：12月18日（周五）15:00–16:00。");
  EXPECT_EQ(o.state.at("meeting.last_rate"), "75.000000");
}

TEST(PlanMeetings, MovedAfterTheNoticeAnnouncesTheNewTimeAtOnce) {
  Office o;
  o.run_at(at("2026-12-04T05:00:00Z"));  // notice at 13:00
  ASSERT_TRUE(o.state.contains("meeting.announced.2026-12-04"));

  // 13:20: the office moves the meeting to 16:00.
  o.ledger.meeting_overrides = {override_of(1, day(2026, December, 4), MeetingOverrideAction::move,
                                            at("2026-12-04T08:00:00Z"), "领导临时有会")};
  auto intents = o.run_at(at("2026-12-04T05:20:00Z"));
  EXPECT_EQ(recipients(intents, "meeting.notice"),
            (std::vector<std::string>{"group", "王局长", "赵主任"}));
  const Intent& moved = intents.at(0);
  EXPECT_EQ(moved.planned, at("2026-12-04T05:20:00Z"));
  EXPECT_EQ(moved.occurrence, "2026-12-04/seq1");
  EXPECT_EQ(moved.message.subject, "推进会改期通知：12月4日（周五）16:00–17:00");
  EXPECT_TRUE(
      moved.message.text.starts_with("本周推进会（时间已调整）：12月4日（周五）16:00–17:00"));
  EXPECT_NE(moved.message.text.find("说明：领导临时有会"), std::string::npos);
  EXPECT_EQ(moved.message.meeting->sequence, 1);
  EXPECT_EQ(moved.message.meeting->uid, "meeting-2026-12-04@rectifyd");

  // Nothing more until the summary after the new end.
  EXPECT_TRUE(o.run_at(at("2026-12-04T08:50:00Z")).empty());
  EXPECT_EQ(*o.next_wake, at("2026-12-04T09:30:00Z"));
  intents = o.run_at(*o.next_wake);
  EXPECT_EQ(recipients(intents, "meeting.summary").size(), 3u);
}

TEST(PlanMeetings, MovedBeforeTheNoticeGetsItsNoticeAtTheNewTime) {
  Office o;
  o.ledger.meeting_overrides = {override_of(1, day(2026, December, 4), MeetingOverrideAction::move,
                                            at("2026-12-07T02:00:00Z"))};
  o.run_at(at("2026-12-04T00:00:00Z"));
  // The phases follow the moved day: Monday 7 December 10:00, so Friday's request is on the
  // working day before (Friday 4th, 16:00) and the notice at 08:00 on Monday.
  auto intents = o.run_at(at("2026-12-04T08:00:00Z"));
  EXPECT_EQ(recipients(intents, "meeting.update_request").size(), 2u);
  EXPECT_TRUE(intents.at(0).message.text.starts_with("张三：请于12月7日（周一）10:00推进会前"))
      << intents.at(0).message.text;
  EXPECT_TRUE(o.run_at(at("2026-12-04T07:00:00Z") + 2h).empty());
  EXPECT_EQ(*o.next_wake, at("2026-12-07T00:00:00Z"));
  intents = o.run_at(*o.next_wake);
  EXPECT_EQ(recipients(intents, "meeting.notice").size(), 3u);
  EXPECT_EQ(intents.at(0).message.meeting->sequence, 1);
  EXPECT_EQ(intents.at(0).occurrence, "2026-12-04/seq1");
}

TEST(PlanMeetings, CancelledAfterTheNoticeSendsACancellationOnce) {
  Office o;
  o.run_at(at("2026-12-04T05:00:00Z"));
  o.ledger.meeting_overrides = {override_of(
      1, day(2026, December, 4), MeetingOverrideAction::cancel, std::nullopt, "改为下周合并召开")};
  auto intents = o.run_at(at("2026-12-04T06:00:00Z"));
  EXPECT_EQ(recipients(intents, "meeting.cancel"),
            (std::vector<std::string>{"group", "王局长", "赵主任"}));
  const auto& m = intents.at(0).message;
  EXPECT_EQ(m.kind, "meeting_cancelled");
  EXPECT_EQ(m.subject, "推进会取消：12月4日（周五）15:00–16:00");
  EXPECT_EQ(m.text,
            "原定12月4日（周五）15:00–16:00在机关三楼会议室召开的推进会取消：改为下周合并召开。"
            "请照常在台账中更新整改进度。");
  ASSERT_TRUE(m.meeting);
  EXPECT_TRUE(m.meeting->cancelled);
  EXPECT_EQ(m.meeting->sequence, 1);
  EXPECT_EQ(m.meeting->start, at("2026-12-04T07:00:00Z"));

  // Once only, and no summary for a meeting that did not take place.
  EXPECT_TRUE(o.run_at(at("2026-12-04T06:10:00Z")).empty());
  EXPECT_TRUE(o.run_at(at("2026-12-04T10:00:00Z")).empty());
  EXPECT_FALSE(o.state.contains("meeting.last_rate"));
}

TEST(PlanMeetings, CancelledBeforeAnyNoticeSendsNothing) {
  Office o;
  o.ledger.meeting_overrides = {
      override_of(1, day(2026, December, 4), MeetingOverrideAction::cancel)};
  EXPECT_TRUE(o.run_at(at("2026-12-04T10:00:00Z")).empty());
  EXPECT_TRUE(o.state.empty());
  EXPECT_EQ(*o.next_wake, at("2026-12-10T08:00:00Z"));
}

TEST(PlanMeetings, AnnouncedMeetingGoneFromTheCalendarIsCancelled) {
  Office o;
  o.run_at(at("2026-12-04T05:00:00Z"));
  // The office declares Friday 4 December a day off after the notice went out; the previous
  // working day rule now puts that week's meeting on Thursday, already past.
  o.calendar.set_extra({day(2026, December, 4)}, {});
  auto intents = o.run_at(at("2026-12-04T05:10:00Z"));
  EXPECT_EQ(recipients(intents, "meeting.cancel").size(), 3u);
  EXPECT_EQ(intents.at(0).message.meeting->uid, "meeting-2026-12-04@rectifyd");
}

TEST(PlanMeetings, AddedMeetingHasItsOwnPhases) {
  Office o;
  o.ledger.meeting_overrides = {override_of(7, day(2026, December, 2), MeetingOverrideAction::add,
                                            at("2026-12-02T06:00:00Z"), "迎检准备专题会")};
  o.last_run = at("2026-12-01T00:00:00Z");
  // Tuesday 16:00: the request for Wednesday's added meeting.
  auto intents = o.run_at(at("2026-12-01T08:00:00Z"));
  EXPECT_EQ(recipients(intents, "meeting.update_request").size(), 2u);
  EXPECT_EQ(*o.next_wake, at("2026-12-02T01:00:00Z"));
  // The daemon was down over the nudge (09:00); at 12:00 it comes late, with the notice.
  intents = o.run_at(at("2026-12-02T04:00:00Z"));
  EXPECT_EQ(recipients(intents, "meeting.nudge").size(), 2u);
  EXPECT_EQ(recipients(intents, "meeting.notice").size(), 3u);
  EXPECT_TRUE(intents.at(0).message.late);
  const auto notice = std::find_if(intents.begin(), intents.end(),
                                   [](const Intent& i) { return i.rule == "meeting.notice"; });
  EXPECT_FALSE(notice->message.late);
  EXPECT_TRUE(notice->message.text.starts_with("临时推进会：12月2日（周三）14:00–15:00"));
  EXPECT_NE(notice->message.text.find("说明：迎检准备专题会"), std::string::npos);
  EXPECT_EQ(notice->message.meeting->uid, "meeting-add-7@rectifyd");
}

TEST(PlanMeetings, AfterDowntimeOldPhasesAreSkippedAndRecentOnesSentLate) {
  Office o;
  o.last_run = at("2026-12-02T00:00:00Z");
  // Down from Wednesday until Friday 14:00: Thursday's request is older than the 12 h grace.
  auto intents = o.run_at(at("2026-12-04T06:00:00Z"));
  EXPECT_TRUE(recipients(intents, "meeting.update_request").empty());
  EXPECT_EQ(recipients(intents, "meeting.nudge").size(), 2u);
  EXPECT_EQ(recipients(intents, "meeting.notice").size(), 3u);
  for (const auto& i : intents)
    EXPECT_TRUE(i.message.late) << i.rule;

  // Down again until Saturday noon: the summary is too old to send, the rate is still kept.
  intents = o.run_at(at("2026-12-05T04:00:00Z"));
  EXPECT_TRUE(intents.empty());
  EXPECT_EQ(o.state.at("meeting.last_key"), "2026-12-04");

  // Down from before the request until after the meeting: nothing about it is sent.
  Office p;
  p.last_run = at("2026-12-03T07:00:00Z");
  intents = p.run_at(at("2026-12-04T07:30:00Z"));
  EXPECT_TRUE(intents.empty());
}

TEST(PlanMeetings, PhasesSwitchedOffSendNothingButTheRateIsStillRecorded) {
  Office o;
  o.config.meeting.update_request.enabled = false;
  o.config.meeting.nudge.enabled = false;
  o.config.meeting.notice.enabled = false;
  o.config.meeting.summary.enabled = false;
  EXPECT_TRUE(o.run_at(at("2026-12-04T09:00:00Z")).empty());
  EXPECT_EQ(o.state.at("meeting.last_key"), "2026-12-04");
  EXPECT_EQ(*o.next_wake, at("2026-12-11T08:30:00Z"));
}

TEST(PlanMeetings, WindowIsOpenAtFromAndClosedAtNow) {
  Office o;
  o.last_run = at("2026-12-03T08:00:00Z");  // the request instant itself: already done
  auto intents = o.run_at(at("2026-12-04T01:00:00Z"));
  EXPECT_TRUE(recipients(intents, "meeting.update_request").empty());
  EXPECT_EQ(recipients(intents, "meeting.nudge").size(), 2u);
}

}  // namespace
}  // namespace rectifyd::plan

namespace rectifyd::plan {
namespace {

TEST(PlanMeetings, AParticipantInAnotherZoneReadsTheTimeInTheirsToo) {
  Office o;
  o.ledger.people[2].time_zone = "Europe/Berlin";  // 李四, an owner
  o.ledger.people[3].time_zone = "Europe/Berlin";  // 王局长, a participant
  o.ledger.person_zones = person_zones_of(o.ledger.people);
  std::vector<Intent> all;
  for (int guard = 0; guard < 10 && o.next_wake.value_or(o.last_run) < at("2026-12-04T09:00:00Z");
       ++guard) {
    auto intents = o.run_at(o.next_wake.value_or(at("2026-12-03T07:00:00Z")));
    all.insert(all.end(), intents.begin(), intents.end());
  }
  const std::string note =
      "以上会议时间为北京时间；您所在时区（CET）为12月4日（周五）08:00–09:00。";
  int notices = 0;
  for (const auto& i : all) {
    if (i.rule != "meeting.notice" && i.rule != "meeting.update_request")
      continue;
    if (i.recipient == "李四" || i.recipient == "王局长") {
      EXPECT_NE(i.message.text.find(note), std::string::npos) << i.message.text;
      ++notices;
    } else {
      EXPECT_EQ(i.message.text.find("所在时区"), std::string::npos) << i.recipient;
    }
  }
  EXPECT_EQ(notices, 2);  // 李四's update request, 王局长's notice
}

}  // namespace
}  // namespace rectifyd::plan
