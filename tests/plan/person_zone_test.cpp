// People with their own time zone: their deadline messages follow their clock on the unit's
// working days; everyone else is unchanged.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plan/planner.h"
#include "plan/routing.h"
#include "planner_fixture.h"

namespace rectifyd::plan {
namespace {

using namespace std::chrono_literals;
using testing::add;
using testing::day;
using ::testing::ElementsAre;
using testing::Fired;
using testing::item;
using testing::local_minute;
using testing::PlannerSim;

const date::time_zone* berlin() {
  return *find_zone("Europe/Berlin");
}

/// "03-11 09:00 王五 overdue" with the run's time in `zone`.
std::vector<std::string> briefs_in(const date::time_zone* zone, const std::vector<Fired>& fired) {
  std::vector<std::string> out;
  for (const auto& f : fired)
    out.push_back(local_minute(zone, f.at) + " " + f.intent.recipient + " " +
                  f.intent.message.kind);
  return out;
}

std::vector<Fired> of(const std::vector<Fired>& fired, const std::string& recipient) {
  std::vector<Fired> out;
  for (const auto& f : fired) {
    if (f.intent.recipient == recipient)
      out.push_back(f);
  }
  return out;
}

TEST(PersonZone, BerlinOwnerIsRemindedAndAlertedAtNineBerlinTime) {
  PlannerSim sim;
  sim.ledger.people[1].time_zone = "Europe/Berlin";  // 王五
  sim.config.deadlines.reminder_workdays_before = {1, 0};
  add(sim.ledger, item(1, "2026-03-10", "问题3 措施二", "加强乡镇村志编纂指导"));
  auto fired = sim.simulate(sim.local("2026-03-06", 8), sim.local("2026-03-16", 23));
  // 王五 at 09:00 his time (CET, UTC+1: 16:00 in Shanghai); his leader 李四 in the unit's zone.
  EXPECT_THAT(briefs_in(berlin(), of(fired, "王五")),
              ElementsAre("03-09 09:00 王五 reminder", "03-10 09:00 王五 reminder",
                          "03-11 09:00 王五 overdue", "03-13 09:00 王五 overdue"));
  EXPECT_THAT(sim.briefs(of(fired, "李四")),
              ElementsAre("03-13 09:00 李四 escalation 逾期升级：1项逾期措施需督办"));
  for (const auto& f : of(fired, "王五")) {
    EXPECT_EQ(f.intent.planned, f.at);
    EXPECT_EQ(f.intent.not_before, f.at);  // 09:00 is within his working hours
    EXPECT_EQ(f.intent.occurrence, format_instant_utc(f.at));
  }
  EXPECT_EQ(of(fired, "王五")[2].at, resolve_local(berlin(), day("2026-03-11"), 9h));
  EXPECT_EQ(sim.local_minute_of(of(fired, "王五")[2].at), "03-11 16:00");
}

TEST(PersonZone, TheUnitsWorkingDaysHoldForABerlinOwner) {
  PlannerSim sim;
  sim.ledger.people[1].time_zone = "Europe/Berlin";
  sim.config.deadlines.reminder_workdays_before = {3};
  // Due Thu 2026-02-26 after the Spring Festival: 3 working days before is Sat Feb 14, a
  // makeup workday in China (a Saturday in Berlin too, but the unit's calendar counts).
  add(sim.ledger, item(1, "2026-02-26", "问题3 措施二", "加强乡镇村志编纂指导"));
  auto fired = sim.simulate(sim.local("2026-02-10", 8), sim.local("2026-02-20", 23));
  EXPECT_THAT(briefs_in(berlin(), fired), ElementsAre("02-14 09:00 王五 reminder"));
}

TEST(PersonZone, DeferralFollowsTheirClockAcrossTheBerlinSpringForward) {
  PlannerSim sim;
  sim.ledger.people[1].time_zone = "Europe/Berlin";  // 王五
  sim.config.deadlines.reminder_workdays_before = {0};
  sim.config.deadlines.reminder_at = 19h;  // after working hours (08:30–17:30)
  add(sim.ledger, item(1, "2026-03-27", "问题1 措施一", "组织专题学习"));         // Friday
  add(sim.ledger, item(2, "2026-03-27", "问题1 措施二", "完善档案管理制度", 5));  // 钱七
  auto fired = sim.simulate(sim.local("2026-03-26", 8), sim.local("2026-03-28", 8));
  std::erase_if(fired, [](const Fired& f) { return f.intent.message.kind != "reminder"; });
  ASSERT_EQ(fired.size(), 2u);
  // 钱七 (the unit's zone) at 19:00 Shanghai, deferred to Monday 08:30 Shanghai.
  EXPECT_EQ(fired[0].intent.recipient, "钱七");
  EXPECT_EQ(fired[0].intent.planned, sim.local("2026-03-27", 19));
  EXPECT_EQ(fired[0].intent.not_before, sim.local("2026-03-30", 8, 30));
  // 王五 at 19:00 Berlin (CET, 18:00 UTC), deferred to Monday 08:30 Berlin, by then CEST (UTC+2).
  EXPECT_EQ(fired[1].intent.recipient, "王五");
  EXPECT_EQ(fired[1].intent.planned, resolve_local(berlin(), day("2026-03-27"), 19h));
  EXPECT_EQ(format_instant_utc(fired[1].intent.planned), "2026-03-27T18:00:00Z");
  EXPECT_EQ(format_instant_utc(fired[1].intent.not_before), "2026-03-30T06:30:00Z");
}

TEST(PersonZone, PeopleInTheUnitsZoneAreUnchanged) {
  auto run = [](bool berlin_colleague) {
    PlannerSim sim;
    if (berlin_colleague)
      sim.ledger.people[5].time_zone = "Europe/Berlin";  // 钱七
    sim.ledger.people[2].time_zone = "Asia/Shanghai";    // 李四: named, but the unit's zone
    add(sim.ledger, item(1, "2026-03-10", "问题3 措施二", "加强乡镇村志编纂指导"));
    add(sim.ledger, item(2, "2026-03-12", "问题3 措施三", "建立台账", 5));
    auto fired = sim.simulate(sim.local("2026-02-20", 8), sim.local("2026-03-25", 23));
    std::vector<std::string> keys;
    for (const auto& f : fired) {
      if (f.intent.recipient == "钱七")
        continue;
      for (const auto& ch : f.intent.channels)
        keys.push_back(idempotency_key(f.intent, ch) + " " + format_instant_utc(f.at) + " " +
                       format_instant_utc(f.intent.not_before) + " " + f.intent.message.text);
    }
    return keys;
  };
  const auto plain = run(false);
  EXPECT_GT(plain.size(), 8u);
  EXPECT_EQ(run(true), plain);
}

TEST(PersonZone, OneDigestPerRecipientPerRunWhateverTheirZone) {
  PlannerSim sim;
  sim.ledger.people[1].time_zone = "Europe/Berlin";  // 王五
  sim.ledger.people[2].time_zone = "Europe/Berlin";  // 李四
  sim.config.deadlines.reminder_workdays_before = {1, 0};
  add(sim.ledger, item(1, "2026-03-10", "问题1 措施一", "组织专题学习"));
  add(sim.ledger, item(2, "2026-03-10", "问题1 措施二", "完善档案管理制度"));
  add(sim.ledger, item(3, "2026-03-11", "问题2 措施一", "建立台账"));
  add(sim.ledger, item(4, "2026-03-05", "问题2 措施二", "清退资金"));
  add(sim.ledger, item(5, "2026-03-10", "问题2 措施三", "约谈提醒", 5));  // 钱七, Shanghai
  auto fired = sim.simulate(sim.local("2026-03-08", 8), sim.local("2026-03-12", 23));
  std::map<std::pair<Instant, std::string>, int> per_run;
  for (const auto& f : fired)
    ++per_run[{f.at, f.intent.recipient}];
  for (const auto& [k, n] : per_run)
    EXPECT_EQ(n, 1) << k.second << " at " << format_instant_utc(k.first);
  // Tuesday 09:00 Berlin: 王五's two items due today, one due tomorrow, one 3 working days
  // overdue, in one message; 李四, in Berlin too, is told of the overdue one in the same run.
  const Instant tue = resolve_local(berlin(), day("2026-03-10"), 9h);
  std::vector<Id> items;
  for (const auto& f : fired) {
    if (f.at == tue && f.intent.recipient == "王五") {
      for (const auto& i : f.intent.message.items)
        items.push_back(i.measure_id);
    }
  }
  EXPECT_THAT(items, ::testing::UnorderedElementsAre(1, 2, 3, 4));
  EXPECT_EQ(per_run.count({tue, "李四"}), 1u);
}

TEST(PersonZone, UnknownOrEmptyZoneMeansTheUnitsZone) {
  Person p;
  const auto* unit = *find_zone("Asia/Shanghai");
  EXPECT_EQ(zone_of(p, unit), unit);
  p.time_zone = "Mars/Olympus";
  EXPECT_EQ(zone_of(p, unit), unit);
  p.time_zone = "Europe/Berlin";
  EXPECT_EQ(zone_of(p, unit), berlin());
  std::map<Id, Person> people = testing::unit_people();
  people[1].time_zone = "Europe/Berlin";
  people[3].time_zone = "America/New_York";
  people[4].time_zone = "Europe/Berlin";
  EXPECT_THAT(person_zones_of(people), ElementsAre("America/New_York", "Europe/Berlin"));
}

}  // namespace
}  // namespace rectifyd::plan
