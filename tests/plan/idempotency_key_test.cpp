#include <algorithm>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "planner_fixture.h"

namespace rectifyd::plan {
namespace {

using namespace std::chrono_literals;
using testing::add;
using testing::item;
using testing::PlannerSim;

bool printable_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c > 0x20 && c < 0x7f;
  });
}

std::vector<std::string> keys_of(const PlanOutput& out) {
  std::vector<std::string> keys;
  for (const auto& i : out.intents)
    for (const auto& ch : i.channels)
      keys.push_back(idempotency_key(i, ch));
  return keys;
}

TEST(IdempotencyKey, NamesThePersonByIdAndIsPlainAscii) {
  Intent i;
  i.rule = "deadline";
  i.occurrence = "2026-12-04T01:00:00Z";
  i.recipient_kind = RecipientKind::person;
  i.person_id = 7;
  i.recipient = "赵国栋";
  EXPECT_EQ(idempotency_key(i, "hook"), "deadline/2026-12-04T01:00:00Z/p7/hook");
  i.person_id.reset();
  i.recipient_kind = RecipientKind::group;
  i.recipient = "group";
  EXPECT_EQ(idempotency_key(i, "wecom"), "deadline/2026-12-04T01:00:00Z/group/wecom");
  i.recipient_kind = RecipientKind::office;
  i.recipient = "office";
  EXPECT_EQ(idempotency_key(i, "mail"), "deadline/2026-12-04T01:00:00Z/office/mail");
}

TEST(IdempotencyKey, AnythingButPrintableAsciiIsEscaped) {
  Intent i;
  i.rule = "meeting.notice";
  i.occurrence = "周五 50%";
  i.recipient_kind = RecipientKind::office;
  const auto key = idempotency_key(i, "log");
  EXPECT_EQ(key, "meeting.notice/%E5%91%A8%E4%BA%94%2050%25/office/log");
  EXPECT_TRUE(printable_ascii(key));
  // Escaping is one-to-one: different parts never meet in one key.
  i.occurrence = "%E5%91%A8%E4%BA%94%2050%25";
  EXPECT_NE(idempotency_key(i, "log"), key);
}

TEST(IdempotencyKey, EveryPlannedKeyIsAscii) {
  PlannerSim sim;
  sim.config.meeting.enabled = true;
  sim.config.routing.personal = {"log", "wecom"};
  sim.config.routing.group = {"wecom"};
  sim.config.routing.office = {"email"};
  add(sim.ledger, item(1, "2026-03-10", "问题1 措施一", "组织专题学习"));
  add(sim.ledger, item(2, "2026-03-12", "问题2 措施一", "建立台账", 5));
  add(sim.ledger, item(3, "2026-03-25", "问题3 措施一", "清退资金", 1, 2));
  auto fired = sim.simulate(sim.local("2026-03-02", 8), sim.local("2026-04-10", 23));
  std::set<std::string> rules;
  std::size_t n = 0;
  for (const auto& f : fired) {
    rules.insert(f.intent.rule);
    for (const auto& ch : f.intent.channels) {
      const auto key = idempotency_key(f.intent, ch);
      EXPECT_TRUE(printable_ascii(key)) << key;
      if (f.intent.person_id) {
        EXPECT_NE(key.find("/p" + std::to_string(*f.intent.person_id) + "/"), std::string::npos)
            << key;
      }
      ++n;
    }
  }
  EXPECT_GT(n, 20u);
  EXPECT_TRUE(rules.contains("deadline"));
  EXPECT_TRUE(rules.contains("meeting.notice"));
}

TEST(IdempotencyKey, ARenameKeepsTheKeysOfWhatIsPlanned) {
  // Plan, rename the person (a typo fixed in the people CSV), plan the same run again: the
  // receiver sees the same keys and can drop a re-send across the rename.
  auto plan_at = [](const char* name_of_1, const char* name_of_5) {
    PlannerSim sim;
    sim.ledger.people[1].name = name_of_1;
    sim.ledger.people[5].name = name_of_5;
    sim.config.routing.personal = {"log", "wecom"};
    add(sim.ledger, item(1, "2026-03-10", "问题1 措施一", "逾期的措施"));
    add(sim.ledger, item(2, "2026-03-12", "问题2 措施二", "即将到期的措施", 5));
    sim.run(sim.local("2026-03-11", 8));
    return sim.run(sim.local("2026-03-11", 9));
  };
  const auto before = plan_at("王五", "钱七");
  const auto after = plan_at("王伍", "钱琦");
  ASSERT_EQ(before.intents.size(), 2u);
  EXPECT_EQ(after.intents.at(0).recipient, "王伍");  // the text follows the new name…
  EXPECT_THAT(keys_of(after), ::testing::ElementsAreArray(keys_of(before)));  // …the key does not
  EXPECT_THAT(keys_of(before), ::testing::ElementsAre("deadline/2026-03-11T01:00:00Z/p1/log",
                                                      "deadline/2026-03-11T01:00:00Z/p1/wecom",
                                                      "deadline/2026-03-11T01:00:00Z/p5/log",
                                                      "deadline/2026-03-11T01:00:00Z/p5/wecom"));
}

}  // namespace
}  // namespace rectifyd::plan
