// What the first start on a fresh database does with today's past occurrences, with the engine on
// a real SQLite file: today's past occurrences go out once, marked late; earlier days' do not.

#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/dates.h"
#include "engine/engine.h"
#include "store_fixture.h"
#include "temp_dir.h"
#include "time/clock.h"
#include "time/zone.h"

namespace rectifyd::engine {
namespace {

using namespace std::chrono_literals;
using ::testing::Contains;
using ::testing::HasSubstr;

TEST(FirstStart, DeadlinesAndMeetingsAgreeOnAFreshDatabase) {
  // The engine on a real SQLite file, the time from a manual clock: the first start at 14:00
  // on Friday sends today's 09:00 reminder and today's meeting notice, both marked late.
  rectifyd::testing::TempDir dir;
  auto db = store::Database::open(dir.file("fresh.db"));
  ASSERT_TRUE(db.ok());
  testing::seed_unit(**db);
  (*db)->sql().exec("UPDATE measures SET due = '2026-03-13' WHERE id = 2");
  config::Config config;
  config.deadlines.reminder_workdays_before = {0};
  const Calendar calendar = Calendar::with_builtin_holidays();
  const date::time_zone* zone = *find_zone("Asia/Shanghai");
  ManualClock clock(resolve_local(zone, *parse_date("2026-03-13"), 14h));

  Engine engine(**db);
  auto run = engine.run(config, calendar, clock.now());
  ASSERT_TRUE(run.ok()) << run.error().message;
  SQLite::Statement q((*db)->sql(),
                      "SELECT idempotency_key, subject, late FROM outbox ORDER BY idempotency_key");
  std::vector<std::string> rows;
  while (q.executeStep()) {
    const std::string key = q.getColumn(0).getString();
    EXPECT_EQ(q.getColumn(2).getInt(), 1) << key << " is not marked late";
    rows.push_back(key.substr(0, key.find('/')));
    if (rows.back() == "deadline") {  // meeting texts are marked by the channel that sends them
      EXPECT_THAT(q.getColumn(1).getString(), HasSubstr("【补发】")) << key;
    }
  }
  EXPECT_THAT(rows, Contains("deadline"));
  EXPECT_THAT(rows, Contains("meeting.notice"));
  EXPECT_THAT(rows, Contains("meeting.nudge"));
  EXPECT_THAT(rows, ::testing::Not(Contains("meeting.update_request")));

  // An hour later, the second run: nothing of the morning again.
  clock.advance(1h);
  auto again = engine.run(config, calendar, clock.now());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->rows_added, 0u);
}

}  // namespace
}  // namespace rectifyd::engine
