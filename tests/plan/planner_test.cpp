#include "plan/planner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner_fixture.h"

namespace rectifyd::plan {
namespace {

using namespace std::chrono_literals;
using testing::add;
using testing::day;
using ::testing::ElementsAre;
using testing::Fired;
using ::testing::HasSubstr;
using testing::item;
using testing::PlannerSim;

std::vector<std::string> item_notes(const Intent& i) {
  std::vector<std::string> out;
  for (const auto& it : i.message.items)
    out.push_back(it.label + " " + it.note);
  return out;
}

TEST(Planner, RemindersAtEachLeadAcrossTheSpringFestival) {
  PlannerSim sim;
  add(sim.ledger, item(1, "2026-02-26", "问题3 措施二", "加强乡镇村志编纂指导和审核把关工作"));
  auto fired = sim.simulate(sim.local("2026-02-01", 8), sim.local("2026-02-26", 23));
  // 10 working days before Thu Feb 26: Feb 15–23 are off, Sat Feb 14 is a makeup workday.
  EXPECT_THAT(sim.briefs(fired),
              ElementsAre("02-05 09:00 王五 reminder 整改提醒：1项措施即将到期",
                          "02-14 09:00 王五 reminder 整改提醒：1项措施即将到期",
                          "02-25 09:00 王五 reminder 整改提醒：1项措施即将到期",
                          "02-26 09:00 王五 reminder 整改提醒：1项措施今日到期"));
  EXPECT_THAT(item_notes(fired[1].intent), ElementsAre("问题3 措施二 还剩3个工作日"));
  EXPECT_THAT(fired[2].intent.message.text,
              HasSubstr("· 问题3 措施二「加强乡镇村志编纂指导和审核把关工作」 时限2月26日（周四），"
                        "还剩1个工作日。请按期完成并在台账中更新进度。"));
  EXPECT_THAT(fired[3].intent.message.text, HasSubstr("时限为今天2月26日（周四）"));
  EXPECT_EQ(fired[0].intent.message.items[0].colour, "green");
  EXPECT_EQ(fired[1].intent.message.items[0].colour, "yellow");
}

TEST(Planner, RemindersAroundNationalDayUseTheMakeupSunday) {
  PlannerSim sim;
  add(sim.ledger, item(1, "2026-09-23", "问题1 措施一", "组织专题学习"));
  add(sim.ledger, item(2, "2026-10-12", "问题2 措施一", "完善档案管理制度", 5));
  auto fired = sim.simulate(sim.local("2026-09-01", 8), sim.local("2026-10-12", 23));
  std::erase_if(fired, [](const Fired& f) { return f.intent.message.kind != "reminder"; });
  EXPECT_THAT(sim.briefs(fired),
              ElementsAre("09-10 09:00 王五 reminder 整改提醒：1项措施即将到期",
                          "09-20 09:00 王五 reminder 整改提醒：1项措施即将到期",  // makeup Sunday
                          "09-21 09:00 钱七 reminder 整改提醒：1项措施即将到期",
                          "09-22 09:00 王五 reminder 整改提醒：1项措施即将到期",
                          "09-23 09:00 王五 reminder 整改提醒：1项措施今日到期",
                          "10-08 09:00 钱七 reminder 整改提醒：1项措施即将到期",
                          "10-10 09:00 钱七 reminder 整改提醒：1项措施即将到期",  // makeup Saturday
                          "10-12 09:00 钱七 reminder 整改提醒：1项措施今日到期"));
  EXPECT_THAT(item_notes(fired[5].intent), ElementsAre("问题2 措施一 还剩3个工作日"));
}

TEST(Planner, DueDateOnADayOffIsRemindedOnTheLastWorkingDayBefore) {
  PlannerSim sim;
  sim.config.deadlines.reminder_workdays_before = {1, 0};
  add(sim.ledger, item(1, "2026-10-04", "问题1 措施一", "组织专题学习"));  // a holiday
  auto fired = sim.simulate(sim.local("2026-09-25", 8), sim.local("2026-10-04", 23));
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(sim.brief(fired[0]), "09-30 09:00 王五 reminder 整改提醒：1项措施即将到期");
  EXPECT_THAT(fired[0].intent.message.text, HasSubstr("今天是时限前最后一个工作日"));
}

TEST(Planner, OverdueAlertsRepeatAndEscalateWithWhoWasToldBefore) {
  PlannerSim sim;
  sim.config.deadlines.reminder_workdays_before = {};
  add(sim.ledger, item(1, "2026-03-10", "问题3 措施二", "加强乡镇村志编纂指导"));
  auto fired = sim.simulate(sim.local("2026-03-10", 8), sim.local("2026-03-24", 23));
  EXPECT_THAT(sim.briefs(fired),
              ElementsAre("03-11 09:00 王五 overdue 整改督办：1项措施已逾期",
                          "03-13 09:00 王五 overdue 整改督办：1项措施已逾期",
                          "03-13 09:00 李四 escalation 逾期升级：1项逾期措施需督办",
                          "03-17 09:00 王五 overdue 整改督办：1项措施已逾期",
                          "03-19 09:00 王五 overdue 整改督办：1项措施已逾期",
                          "03-19 09:00 张三 escalation 逾期升级：1项逾期措施需督办",
                          "03-19 09:00 office escalation 逾期升级：1项逾期措施需督办",
                          "03-23 09:00 王五 overdue 整改督办：1项措施已逾期"));
  EXPECT_THAT(fired[0].intent.message.text,
              HasSubstr("时限3月10日（周二），已逾期1个工作日，请立即办理；确需延期的，"
                        "请向领导小组办公室申请。"));
  EXPECT_THAT(item_notes(fired[1].intent), ElementsAre("问题3 措施二 逾期3个工作日"));
  EXPECT_EQ(fired[1].intent.message.items[0].colour, "red");
  EXPECT_THAT(
      fired[2].intent.message.text,
      HasSubstr("【逾期督办】您分管的以下1项措施已逾期：\n· 问题3 措施二「加强乡镇村志编纂指导」 "
                "责任人王五，时限3月10日（周二），已逾期3个工作日。"
                "已于3月11日（周三）提醒责任人王五。请督促办理。"));
  EXPECT_THAT(fired[5].intent.message.text,
              HasSubstr("已逾期7个工作日。已于3月11日（周三）提醒责任人王五，"
                        "3月13日（周五）告知分管领导李四。请督促办理。"));
  EXPECT_THAT(fired[6].intent.message.text, HasSubstr("3月13日（周五）告知分管领导李四。"));
  EXPECT_EQ(fired[6].intent.recipient_kind, RecipientKind::office);
  ASSERT_EQ(fired[6].intent.message.to.size(), 1u);
  EXPECT_EQ(fired[6].intent.message.to[0].name, "赵六");
  EXPECT_EQ(fired[6].intent.message.to[0].email, "zhaoliu@example.org");
}

TEST(Planner, DoneReportedStopsAlertsButAnExtensionMovesThem) {
  PlannerSim sim;
  sim.config.deadlines.reminder_workdays_before = {};
  auto done = item(1, "2026-03-10", "问题1 措施一", "已报完成的措施");
  done.status = MeasureStatus::done_reported;
  add(sim.ledger, done);
  auto fired = sim.simulate(sim.local("2026-03-10", 8), sim.local("2026-03-31", 23));
  EXPECT_TRUE(fired.empty());

  // An approved extension is a new due date: the schedule follows it.
  sim.ledger.open_by_due.clear();
  add(sim.ledger, item(2, "2026-04-15", "问题1 措施二", "延期后的措施"));
  fired = sim.simulate(sim.local("2026-04-01", 8), sim.local("2026-04-16", 23));
  EXPECT_EQ(sim.brief(fired.back()), "04-16 09:00 王五 overdue 整改督办：1项措施已逾期");
}

TEST(Planner, OneDigestPerRecipientPerRun) {
  PlannerSim sim;
  add(sim.ledger, item(1, "2026-03-10", "问题1 措施一", "逾期的措施"));
  add(sim.ledger, item(2, "2026-03-12", "问题2 措施二", "三天后到期的措施"));
  add(sim.ledger, item(3, "2026-03-25", "问题4 措施一", "十天后到期的措施"));
  sim.run(sim.local("2026-03-11", 8));
  auto out = sim.run(sim.local("2026-03-11", 9));
  ASSERT_EQ(out.intents.size(), 1u);
  const Intent& i = out.intents[0];
  EXPECT_EQ(i.recipient, "王五");
  EXPECT_EQ(i.message.kind, "overdue");
  EXPECT_EQ(i.message.subject, "整改督办：1项措施已逾期，2项即将到期");
  EXPECT_THAT(item_notes(i), ElementsAre("问题1 措施一 逾期1个工作日", "问题2 措施二 还剩1个工作日",
                                         "问题4 措施一 还剩10个工作日"));
  EXPECT_THAT(i.message.text, HasSubstr("王五同志：\n【已逾期】1项\n"));
  EXPECT_THAT(i.message.text, HasSubstr("【即将到期】2项\n"));
  EXPECT_EQ(i.rule, "deadline");
  EXPECT_EQ(i.occurrence, "2026-03-11T01:00:00Z");
  EXPECT_EQ(idempotency_key(i, "email"), "deadline/2026-03-11T01:00:00Z/p1/email");
  ASSERT_EQ(i.message.to.size(), 1u);
  EXPECT_EQ(i.message.to[0].email, "wangwu@example.org");
}

TEST(Planner, RoutesPeopleGroupsAndOffice) {
  PlannerSim sim;
  sim.config.routing.personal = {"wecom"};
  sim.config.routing.office = {"email", "wecom"};
  sim.config.routing.person["钱七"] = {"email"};
  sim.config.deadlines.reminder_workdays_before = {0};
  add(sim.ledger, item(1, "2026-03-11", "问题1 措施一", "甲"));
  add(sim.ledger, item(2, "2026-03-11", "问题1 措施二", "乙", 5));
  auto ownerless = item(3, "2026-03-11", "问题1 措施三", "丙");
  ownerless.owner_id.reset();
  add(sim.ledger, ownerless);
  sim.run(sim.local("2026-03-11", 8));
  auto out = sim.run(sim.local("2026-03-11", 9));
  ASSERT_EQ(out.intents.size(), 3u);
  EXPECT_EQ(out.intents[0].recipient, "王五");
  EXPECT_THAT(out.intents[0].channels, ElementsAre("wecom"));
  EXPECT_EQ(out.intents[1].recipient, "钱七");
  EXPECT_THAT(out.intents[1].channels, ElementsAre("email"));
  EXPECT_EQ(out.intents[2].recipient, "office");  // no owner: the office is told
  EXPECT_THAT(out.intents[2].channels, ElementsAre("email", "wecom"));
  EXPECT_THAT(out.intents[2].message.text, HasSubstr("领导小组办公室：\n"));
}

TEST(Planner, MessagesOutsideWorkingHoursAreDeferredNotDropped) {
  PlannerSim sim;
  sim.config.deadlines.reminder_workdays_before = {0};
  sim.config.deadlines.reminder_at = 7h;  // before the working day starts
  add(sim.ledger, item(1, "2026-03-11", "问题1 措施一", "甲"));
  auto fired = sim.simulate(sim.local("2026-03-10", 20), sim.local("2026-03-11", 23));
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].intent.planned, sim.local("2026-03-11", 7));
  EXPECT_EQ(fired[0].intent.not_before, sim.local("2026-03-11", 8, 30));

  // After hours on the last working day before the Qingming holiday (Apr 4–6): Tue Apr 7.
  PlannerSim late;
  late.config.deadlines.reminder_workdays_before = {0};
  late.config.deadlines.reminder_at = 18h;
  add(late.ledger, item(1, "2026-04-03", "问题1 措施一", "甲"));
  fired = late.simulate(late.local("2026-04-02", 20), late.local("2026-04-06", 23));
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].intent.planned, late.local("2026-04-03", 18));
  EXPECT_EQ(fired[0].intent.not_before, late.local("2026-04-07", 8, 30));
}

TEST(Planner, CatchUpWithinGraceIsSentOnceMarkedLate) {
  PlannerSim sim;
  sim.config.deadlines.reminder_workdays_before = {0};
  add(sim.ledger, item(1, "2026-03-11", "问题1 措施一", "甲"));
  add(sim.ledger, item(2, "2026-03-12", "问题1 措施二", "乙"));
  sim.run(sim.local("2026-03-10", 18));  // last run before the downtime
  auto out = sim.run(sim.local("2026-03-11", 15));
  ASSERT_EQ(out.intents.size(), 1u);
  const Intent& i = out.intents[0];
  EXPECT_TRUE(i.message.late);
  EXPECT_EQ(i.message.subject, "【补发】整改提醒：1项措施今日到期");
  EXPECT_THAT(i.message.text,
              HasSubstr("（补发：本提醒原定于3月11日（周三）09:00发送，因系统停机延后。）"));
  EXPECT_EQ(i.not_before, sim.local("2026-03-11", 15));
  // Sent once: the next run covers only what comes after.
  out = sim.run(sim.local("2026-03-11", 16));
  EXPECT_TRUE(out.intents.empty());
  EXPECT_EQ(out.next_wake, sim.local("2026-03-12", 9));
}

TEST(Planner, CatchUpBeyondGraceIsSummarisedToTheOfficeOnce) {
  PlannerSim sim;
  sim.config.deadlines.reminder_workdays_before = {1, 0};
  add(sim.ledger, item(1, "2026-03-11", "问题1 措施一", "甲"));
  add(sim.ledger, item(2, "2026-03-12", "问题1 措施二", "乙", 5));
  add(sim.ledger, item(3, "2026-03-13", "问题1 措施三", "丙"));
  sim.run(sim.local("2026-03-09", 18));
  auto out = sim.run(sim.local("2026-03-12", 10));  // down from Monday evening
  // 03-10 and 03-11 09:00 are older than 12 hours: missed. 03-12 09:00 is sent, late.
  ASSERT_EQ(out.intents.size(), 3u);
  EXPECT_EQ(out.intents[0].recipient, "王五");
  EXPECT_TRUE(out.intents[0].message.late);
  EXPECT_THAT(item_notes(out.intents[0]),
              ElementsAre("问题1 措施一 逾期1个工作日", "问题1 措施三 还剩1个工作日"));
  EXPECT_EQ(out.intents[1].recipient, "钱七");
  EXPECT_THAT(item_notes(out.intents[1]), ElementsAre("问题1 措施二 今日到期"));
  const Intent& summary = out.intents[2];
  EXPECT_EQ(summary.rule, "missed");
  EXPECT_EQ(summary.recipient, "office");
  EXPECT_EQ(summary.message.subject, "停机期间错过的提醒：共3条，请核实");
  EXPECT_THAT(summary.message.text,
              HasSubstr("系统于3月9日（周一）18:00至3月12日（周四）10:00期间未运行"));
  EXPECT_THAT(summary.message.text,
              HasSubstr("· 3月10日（周二）09:00 王五 到期提醒 问题1 措施一「甲」\n"
                        "· 3月11日（周三）09:00 王五 今日到期 问题1 措施一「甲」\n"
                        "· 3月11日（周三）09:00 钱七 到期提醒 问题1 措施二「乙」\n"));
  out = sim.run(sim.local("2026-03-12", 11));
  EXPECT_TRUE(out.intents.empty());
}

TEST(Planner, FirstRunCatchesUpTodayButNothingOlder) {
  // Due today: the 09:00 reminders of earlier days are not sent, today's goes out once, late.
  PlannerSim sim;
  add(sim.ledger, item(1, "2026-03-11", "问题1 措施一", "甲"));
  auto out = sim.run(sim.local("2026-03-11", 10));
  ASSERT_EQ(out.intents.size(), 1u);
  EXPECT_EQ(out.intents[0].planned, sim.local("2026-03-11", 9));
  EXPECT_TRUE(out.intents[0].message.late);
  EXPECT_TRUE(sim.run(sim.local("2026-03-11", 10)).intents.empty());
  EXPECT_EQ(sim.state.at(std::string(kLastRunKey)), "2026-03-11T02:00:00Z");
  EXPECT_EQ(out.next_wake, sim.local("2026-03-12", 9));
}

TEST(Planner, ClockSetBackDoesNotRepeat) {
  PlannerSim sim;
  sim.config.deadlines.reminder_workdays_before = {0};
  add(sim.ledger, item(1, "2026-03-11", "问题1 措施一", "甲"));
  sim.run(sim.local("2026-03-11", 8));
  EXPECT_EQ(sim.run(sim.local("2026-03-11", 10)).intents.size(), 1u);
  EXPECT_TRUE(sim.run(sim.local("2026-03-11", 8)).intents.empty());
  EXPECT_TRUE(sim.run(sim.local("2026-03-11", 9, 30)).intents.empty());
  EXPECT_EQ(sim.state.at(std::string(kLastRunKey)), "2026-03-11T02:00:00Z");
}

TEST(Planner, SpringForwardFiresAtTheTransition) {
  for (const auto& [zone, day, transition] :
       {std::tuple{"America/New_York", "2026-03-08", "2026-03-08T07:00:00Z"},
        std::tuple{"Europe/Berlin", "2026-03-29", "2026-03-29T01:00:00Z"}}) {
    PlannerSim sim;
    sim.set_zone(zone);
    sim.calendar.set_extra({}, {testing::day(day)});  // a working Sunday
    sim.config.deadlines.reminder_workdays_before = {0};
    sim.config.deadlines.reminder_at = 2h + 30min;  // does not exist that day
    add(sim.ledger, item(1, day, "问题1 措施一", "甲"));
    auto fired = sim.simulate(sim.local(day, 0) - 24h, sim.local(day, 12));
    ASSERT_EQ(fired.size(), 1u) << zone;
    EXPECT_EQ(format_instant_utc(fired[0].at), transition) << zone;
    EXPECT_EQ(format_instant_utc(fired[0].intent.planned), transition) << zone;
  }
}

TEST(Planner, FallBackFiresOnce) {
  for (const auto& [zone, day, first] :
       {std::tuple{"America/New_York", "2026-11-01", "2026-11-01T05:30:00Z"},
        std::tuple{"Europe/Berlin", "2026-10-25", "2026-10-25T00:30:00Z"}}) {
    PlannerSim sim;
    sim.set_zone(zone);
    sim.calendar.set_extra({}, {testing::day(day)});
    sim.config.deadlines.reminder_workdays_before = {0};
    sim.config.deadlines.reminder_at =
        zone == std::string("Europe/Berlin") ? 2h + 30min : 1h + 30min;
    add(sim.ledger, item(1, day, "问题1 措施一", "甲"));
    const Instant start = sim.local(day, 0);
    auto fired = sim.simulate(start, start + 6h);
    // Also wake inside the repeated hour: nothing more.
    auto again = sim.run(*parse_instant(first) + 1h + 5min);
    ASSERT_EQ(fired.size(), 1u) << zone;
    EXPECT_EQ(format_instant_utc(fired[0].at), first) << zone;
    EXPECT_TRUE(again.intents.empty()) << zone;
  }
}

TEST(Planner, CalendarWarningOncePerWeekUntilFixed) {
  PlannerSim sim;
  sim.config.routing.office = {"email"};
  auto fired = sim.simulate(sim.local("2026-11-01", 8), sim.local("2026-11-17", 23));
  // From Tue Nov 3 the next 60 days reach 2027, which has no published schedule.
  ASSERT_EQ(fired.size(), 3u);
  EXPECT_THAT(
      sim.briefs(fired),
      ElementsAre("11-03 09:00 office calendar_warning 工作日历即将用完：请导入2027年节假日安排",
                  "11-09 09:00 office calendar_warning 工作日历即将用完：请导入2027年节假日安排",
                  "11-16 09:00 office calendar_warning 工作日历即将用完：请导入2027年节假日安排"));
  EXPECT_EQ(fired[0].intent.occurrence, "2026-W45");
  EXPECT_THAT(fired[0].intent.message.text, HasSubstr("自2027-01-01起只按周末计算工作日"));
  EXPECT_EQ(sim.state.at(std::string(kCalendarWarningKey)), "2026-W47");

  // Fixed: the 2027 schedule is imported.
  sim.calendar.add_year(2027, {{testing::day("2027-01-01"), true, "元旦"}});
  fired = sim.simulate(sim.local("2026-11-18", 8), sim.local("2026-11-30", 23));
  EXPECT_TRUE(fired.empty());
}

TEST(Planner, ObligationOccurrencesAreRemindedAndFollowedLikeMeasures) {
  PlannerSim sim;
  ObligationRule ob;
  ob.id = 7;
  ob.measure_id = 40;
  ob.rule = "monthly:15";
  ob.lead_workdays = 3;
  ob.title = "工作日志抽查";
  ob.label = "问题9 措施三";
  ob.owner_id = 5;
  ob.leader_id = 2;
  ob.starts = day("2026-04-01");
  sim.ledger.obligations.push_back(ob);
  sim.ledger.completed_occurrences.push_back({7, day("2026-05-15")});
  auto fired = sim.simulate(sim.local("2026-04-01", 8), sim.local("2026-04-20", 23));
  // Due Wed Apr 15, reminded 3 working days before (Apr 4–6 are off) and on the day.
  EXPECT_THAT(sim.briefs(fired),
              ElementsAre("04-10 09:00 钱七 reminder 整改提醒：1项措施即将到期",
                          "04-15 09:00 钱七 reminder 整改提醒：1项措施今日到期",
                          "04-16 09:00 钱七 overdue 整改督办：1项措施已逾期",
                          "04-20 09:00 李四 escalation 逾期升级：1项逾期措施需督办",
                          "04-20 09:00 钱七 overdue 整改督办：1项措施已逾期"));
  EXPECT_THAT(fired[0].intent.message.text,
              HasSubstr("· 问题9 措施三「工作日志抽查」 时限4月15日（周三），还剩3个工作日。"));
  EXPECT_EQ(fired[0].intent.message.items[0].measure_id, 40);

  // Completed occurrences are quiet; the next one comes round.
  sim.ledger.completed_occurrences.push_back({7, day("2026-04-15")});
  fired = sim.simulate(sim.local("2026-05-01", 8), sim.local("2026-06-16", 23));
  EXPECT_THAT(sim.briefs(fired), ElementsAre("06-10 09:00 钱七 reminder 整改提醒：1项措施即将到期",
                                             "06-15 09:00 钱七 reminder 整改提醒：1项措施今日到期",
                                             "06-16 09:00 钱七 overdue 整改督办：1项措施已逾期"));
}

TEST(Planner, AYearlyObligationWakesThePlannerOnlyForItsReminderMonthsAhead) {
  PlannerSim sim;
  ObligationRule ob;
  ob.id = 8;
  ob.measure_id = 41;
  ob.rule = "yearly:11-20";
  ob.lead_workdays = 3;
  ob.title = "年度廉政教育培训";
  ob.label = "问题2 措施一";
  ob.owner_id = 5;
  ob.leader_id = 2;
  ob.starts = day("2026-01-01");
  sim.ledger.obligations.push_back(ob);
  sim.ledger.completed_occurrences.push_back({8, day("2025-11-20")});
  auto first = sim.run(sim.local("2026-06-01", 8));
  EXPECT_TRUE(first.intents.empty());
  ASSERT_TRUE(first.next_wake);
  // Nothing wakes the planner before November (the calendar warning from Tue Nov 3 is the
  // office's); the obligation's own first event is its reminder, three working days before
  // Fri Nov 20.
  EXPECT_EQ(sim.local_minute_of(*first.next_wake), "11-03 09:00");
  auto fired = sim.simulate(sim.local("2026-06-01", 8), sim.local("2026-11-20", 23));
  std::vector<std::string> owners;
  for (const auto& b : sim.briefs(fired)) {
    if (b.find("钱七") != std::string::npos)
      owners.push_back(b);
  }
  EXPECT_THAT(owners, ElementsAre("11-17 09:00 钱七 reminder 整改提醒：1项措施即将到期",
                                  "11-20 09:00 钱七 reminder 整改提醒：1项措施今日到期"));
}

TEST(Planner, AWeeklyObligationWithALongLeadRemindsEachOccurrenceInTurn) {
  PlannerSim sim;
  ObligationRule ob;
  ob.id = 9;
  ob.measure_id = 42;
  ob.rule = "weekly:fri";
  ob.lead_workdays = 7;  // longer than the week: two occurrences are being reminded at once
  ob.title = "周工作台账报送";
  ob.label = "问题3 措施二";
  ob.owner_id = 5;
  ob.leader_id = 2;
  ob.starts = day("2026-04-06");
  sim.ledger.obligations.push_back(ob);
  auto fired = sim.simulate(sim.local("2026-04-06", 8), sim.local("2026-04-24", 23));
  std::vector<std::string> owner;
  for (const auto& b : sim.briefs(fired)) {
    if (b.find("钱七") != std::string::npos)
      owner.push_back(b);
  }
  // Due Fri Apr 10, 17, 24 and Thu Apr 30 (May 1 is a holiday), each reminded seven working
  // days before and on the day, alongside the overdue one before it.
  EXPECT_THAT(owner, ::testing::IsSupersetOf(
                         {"04-08 09:00 钱七 reminder 整改提醒：1项措施即将到期",
                          "04-10 09:00 钱七 reminder 整改提醒：1项措施今日到期",
                          "04-15 09:00 钱七 overdue 整改督办：1项措施已逾期，1项即将到期",
                          "04-17 09:00 钱七 overdue 整改督办：1项措施已逾期，1项今日到期",
                          "04-21 09:00 钱七 overdue 整改督办：1项措施已逾期，1项即将到期"}));
}

}  // namespace
}  // namespace rectifyd::plan
