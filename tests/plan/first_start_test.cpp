// What the first start on a fresh database does with today's past occurrences: one rule for
// every kind. The window starts at midnight of today in the unit's zone, as if the daemon had
// been down since then: today's past occurrences go out once, marked late; earlier days' do not.

#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner_fixture.h"

namespace rectifyd::plan {
namespace {

using namespace std::chrono_literals;
using testing::add;
using ::testing::HasSubstr;
using testing::item;
using testing::PlannerSim;

std::vector<std::string> rules_of(const PlanOutput& out) {
  std::vector<std::string> rules;
  for (const auto& i : out.intents)
    rules.push_back(i.rule + " " + i.recipient + (i.message.late ? " late" : ""));
  return rules;
}

TEST(FirstStart, TodaysPastRemindersAreSentOnceMarkedLate) {
  // Wed 2026-03-11: a reminder at 09:00 for a measure due today; the daemon first starts at
  // noon. 钱七's measure was due on Monday: Monday's reminder is not sent.
  PlannerSim sim;
  sim.config.deadlines.reminder_workdays_before = {0};
  add(sim.ledger, item(1, "2026-03-11", "问题1 措施一", "今天到期的措施"));
  add(sim.ledger, item(2, "2026-03-09", "问题1 措施二", "周一到期的措施", 5));
  auto out = sim.run(sim.local("2026-03-11", 12));
  const Intent* wangwu = nullptr;
  for (const auto& i : out.intents) {
    if (i.recipient == "王五")
      wangwu = &i;
    if (i.recipient == "钱七") {
      EXPECT_NE(i.message.kind, "reminder") << i.message.subject;
    }
    EXPECT_GE(i.planned, sim.local("2026-03-11", 0)) << i.recipient << ": " << i.message.subject;
  }
  ASSERT_NE(wangwu, nullptr) << ::testing::PrintToString(rules_of(out));
  EXPECT_TRUE(wangwu->message.late);
  EXPECT_THAT(wangwu->message.subject, HasSubstr("【补发】"));
  EXPECT_EQ(wangwu->planned, sim.local("2026-03-11", 9));
  EXPECT_EQ(wangwu->message.kind, "reminder");
  // The same run again sends nothing.
  EXPECT_TRUE(sim.run(sim.local("2026-03-11", 12)).intents.empty());
}

TEST(FirstStart, AStartBeforeTodaysFirstOccurrenceSendsNothingLate) {
  PlannerSim sim;
  sim.config.deadlines.reminder_workdays_before = {0};
  add(sim.ledger, item(1, "2026-03-11", "问题1 措施一", "今天到期的措施"));
  EXPECT_TRUE(sim.run(sim.local("2026-03-11", 8)).intents.empty());
  auto out = sim.run(sim.local("2026-03-11", 9));
  ASSERT_EQ(out.intents.size(), 1u);
  EXPECT_FALSE(out.intents[0].message.late);
}

TEST(FirstStart, MeetingPhasesOfTodayFollowTheSameRule) {
  // Fri 2026-03-13, meeting at 15:00: the update request (Thu 16:00) is yesterday's and is not
  // sent; the nudge (09:00 today) and the notice (13:00 today) are past and sent, marked late.
  PlannerSim sim;
  sim.config.meeting.enabled = true;
  sim.config.deadlines.reminder_workdays_before = {};
  add(sim.ledger, item(1, "2026-03-20", "问题1 措施一", "下周到期的措施"));
  auto out = sim.run(sim.local("2026-03-13", 14));
  std::set<std::string> rules;
  for (const auto& i : out.intents) {
    rules.insert(i.rule);
    EXPECT_TRUE(i.message.late) << i.rule << " " << i.recipient;
  }
  EXPECT_FALSE(rules.contains("meeting.update_request"));
  EXPECT_TRUE(rules.contains("meeting.nudge"));
  EXPECT_TRUE(rules.contains("meeting.notice"));
}

TEST(FirstStart, TheWindowStartsAtTheUnitsMidnight) {
  const date::time_zone* zone = *find_zone("Asia/Shanghai");
  const Instant noon = resolve_local(zone, *parse_date("2026-03-11"), 12h);
  EXPECT_EQ(first_start_from(zone, noon),
            resolve_local(zone, *parse_date("2026-03-11"), 0min) - 1s);
  const Instant midnight = resolve_local(zone, *parse_date("2026-03-11"), 0min);
  EXPECT_EQ(first_start_from(zone, midnight), midnight - 1s);
}

}  // namespace
}  // namespace rectifyd::plan
