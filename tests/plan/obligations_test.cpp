// Recurring obligations as deadline items: rules of the same text share one expansion, and the
// planner finds the events of one due date and lead time once for every rule that shares them.
// Both must give what each rule expanded on its own gives.

#include "plan/obligations.h"

#include <random>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plan/recurrence.h"
#include "planner_fixture.h"

namespace rectifyd::plan {
namespace {

using testing::day;
using testing::PlannerSim;

/// What each rule expands to on its own: its open occurrences due in [first, last], then on to
/// the first one reminded after `last`; by due date, in the ledger's order of rules.
std::map<LocalDate, std::vector<Id>> reference(const LedgerView& ledger, const Calendar& cal,
                                               LocalDate first, LocalDate last) {
  std::map<LocalDate, std::vector<Id>> out;
  for (const auto& ob : ledger.obligations) {
    auto rule = parse_recurrence(ob.rule);
    if (!rule)
      continue;
    const LocalDate from = ob.starts ? std::max(first, *ob.starts) : first;
    if (from > last)
      continue;
    auto occs = occurrences(*rule, cal, from, last + date::days{45}, ob.lead_workdays);
    if (occs.empty() || occs.back().remind_from <= last)
      occs = occurrences(*rule, cal, from, last + date::days{400}, ob.lead_workdays);
    for (const auto& occ : occs) {
      const std::pair<Id, LocalDate> key{ob.id, occ.due};
      if (std::find(ledger.completed_occurrences.begin(), ledger.completed_occurrences.end(),
                    key) != ledger.completed_occurrences.end())
        continue;
      out[occ.due].push_back(ob.id);
      if (occ.remind_from > last)
        break;
    }
  }
  return out;
}

TEST(ObligationsDue, RulesSharingATextGiveWhatEachGivesAlone) {
  const char* kRules[] = {"monthly:15",       "monthly:last_workday",    "fortnightly:fri",
                          "monthly:1,15",     "half_yearly:06-30,12-31", "monthly:first_workday",
                          "not a rule at all"};
  const int kLeads[] = {0, 3, 7};
  const Calendar cal = Calendar::with_builtin_holidays();
  for (unsigned seed = 1; seed <= 5; ++seed) {
    std::mt19937 rng(seed);
    LedgerView ledger;
    for (Id id = 1; id <= 80; ++id) {
      ObligationRule ob;
      ob.id = id;
      ob.measure_id = 100 + id;
      ob.rule = kRules[rng() % 7];
      ob.lead_workdays = kLeads[rng() % 3];
      ob.title = "台账" + std::to_string(id);
      ob.label = "问题1 措施" + std::to_string(id);
      if (rng() % 3 == 0)
        ob.starts = day("2026-01-01") + date::days{static_cast<int>(rng() % 200)};
      ledger.obligations.push_back(ob);
      // Some occurrences already done, in no particular order.
      if (auto r = parse_recurrence(ob.rule)) {
        for (const auto& occ : occurrences(*r, cal, day("2026-01-01"), day("2026-12-31"))) {
          if (rng() % 4 == 0)
            ledger.completed_occurrences.emplace_back(id, occ.due);
        }
      }
    }
    std::shuffle(ledger.completed_occurrences.begin(), ledger.completed_occurrences.end(), rng);
    for (const char* today : {"2026-02-10", "2026-05-29", "2026-09-30"}) {
      const LocalDate first = day(today) - date::days{92};
      const LocalDate last = day(today) + date::days{static_cast<int>(rng() % 10)};
      std::map<LocalDate, std::vector<Id>> got;
      LocalDate previous{};
      for (const auto& group : obligations_due(ledger, cal, first, last)) {
        EXPECT_LT(previous, group.due) << "ascending, each due date once";
        previous = group.due;
        for (const ObligationRule* ob : group.rules)
          got[group.due].push_back(ob->id);
      }
      EXPECT_EQ(got, reference(ledger, cal, first, last)) << "seed " << seed << " " << today;
      // obligation_items is the same as items.
      auto items = obligation_items(ledger, cal, first, last);
      std::map<LocalDate, std::vector<Id>> as_items;
      for (const auto& [due, list] : items) {
        for (const auto& it : list) {
          EXPECT_EQ(it.due, due);
          EXPECT_EQ(it.source, DeadlineItem::Source::obligation);
          EXPECT_EQ(it.measure_id, 100 + it.recurrence_id);
          as_items[due].push_back(it.recurrence_id);
        }
      }
      EXPECT_EQ(as_items, got);
    }
  }
}

TEST(ObligationsDue, OccurrencesOfTheSameDayAreRemindedEachOnItsOwnLeadTime) {
  PlannerSim sim;
  auto add = [&](Id id, int lead, Id owner) {
    ObligationRule ob;
    ob.id = id;
    ob.measure_id = 40 + id;
    ob.rule = "monthly:15";
    ob.lead_workdays = lead;
    ob.title = "月报" + std::to_string(id);
    ob.label = "问题9 措施" + std::to_string(id);
    ob.owner_id = owner;
    ob.leader_id = 2;
    ob.starts = day("2026-04-01");
    sim.ledger.obligations.push_back(ob);
  };
  add(1, 3, 1);  // 王五, three working days ahead
  add(2, 7, 5);  // 钱七, seven
  add(3, 3, 5);  // 钱七 again, three: shares the first one's events
  auto fired = sim.simulate(sim.local("2026-04-01", 8), sim.local("2026-04-15", 12));
  const LocalDate due = day("2026-04-15");
  auto at9 = [&](LocalDate d) {
    return sim.local_minute_of(resolve_local(sim.zone, d, std::chrono::hours{9}));
  };
  const std::string three = at9(sim.calendar.add_workdays(due, -3));
  const std::string seven = at9(sim.calendar.add_workdays(due, -7));
  const std::string today = at9(due);
  EXPECT_THAT(sim.briefs(fired),
              ::testing::ElementsAre(seven + " 钱七 reminder 整改提醒：1项措施即将到期",
                                     three + " 王五 reminder 整改提醒：1项措施即将到期",
                                     three + " 钱七 reminder 整改提醒：1项措施即将到期",
                                     today + " 王五 reminder 整改提醒：1项措施今日到期",
                                     today + " 钱七 reminder 整改提醒：2项措施今日到期"));
}

}  // namespace
}  // namespace rectifyd::plan
