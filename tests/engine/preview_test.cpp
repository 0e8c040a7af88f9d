#include "engine/preview.h"

#include <SQLiteCpp/Statement.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/dates.h"
#include "engine/engine.h"
#include "store_fixture.h"
#include "temp_dir.h"

namespace rectifyd::engine {
namespace {

using ::testing::ElementsAre;

std::string dump(store::Database& db, const char* sql) {
  SQLite::Statement st(db.sql(), sql);
  std::string out;
  while (st.executeStep()) {
    for (int i = 0; i < st.getColumnCount(); ++i)
      out += st.getColumn(i).getString() + "|";
    out += "\n";
  }
  return out;
}

struct PreviewTest : ::testing::Test {
  rectifyd::testing::TempDir dir;
  config::Config config;
  Calendar calendar = Calendar::with_builtin_holidays();
  std::unique_ptr<store::Database> db;

  PreviewTest() {
    config.meeting.enabled = false;
    config.routing.personal = {"log", "wecom"};
    auto opened = store::Database::open(dir.file("real.db"));
    EXPECT_TRUE(opened.ok());
    db = std::move(*opened);
    testing::seed_unit(*db);
    db->sql().exec(
        "INSERT INTO schedule_state(key, value) VALUES ('last_run', '2026-03-01T00:00:00Z');"
        "INSERT INTO outbox(idempotency_key, kind, channel, recipient, payload, not_before, "
        "created_at, updated_at) VALUES ('old/1', 'reminder', 'log', '王五', '{}', "
        "'2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z');");
  }
};

TEST_F(PreviewTest, ListsWhatWouldBeSentAndLeavesTheDatabaseAlone) {
  const std::string before_state = dump(*db, "SELECT * FROM schedule_state ORDER BY key");
  const std::string before_outbox = dump(*db, "SELECT * FROM outbox ORDER BY id");
  PreviewOptions options;
  options.from = *parse_date("2026-03-11");
  options.days = 2;
  auto rows = run_preview(*db, config, calendar, options, dir.file("scratch"));
  ASSERT_TRUE(rows.ok()) << rows.error().message;

  std::vector<std::string> seen;
  for (const auto& r : *rows)
    seen.push_back(format_instant_utc(r.at) + " " + r.kind + " " + r.recipient + " " + r.channel);
  EXPECT_THAT(
      seen,
      ElementsAre(
          "2026-03-11T01:00:00Z overdue 王五 log", "2026-03-11T01:00:00Z overdue 王五 wecom",
          "2026-03-11T01:00:00Z reminder 钱七 log", "2026-03-11T01:00:00Z reminder 钱七 wecom",
          "2026-03-12T01:00:00Z reminder 王五 log", "2026-03-12T01:00:00Z reminder 王五 wecom",
          "2026-03-12T01:00:00Z overdue 钱七 log", "2026-03-12T01:00:00Z overdue 钱七 wecom"));
  EXPECT_THAT((*rows)[0].measures, ElementsAre(1, 2));
  EXPECT_EQ((*rows)[0].subject, "整改督办：1项措施已逾期，1项即将到期");
  EXPECT_FALSE((*rows)[0].late);

  EXPECT_EQ(dump(*db, "SELECT * FROM schedule_state ORDER BY key"), before_state);
  EXPECT_EQ(dump(*db, "SELECT * FROM outbox ORDER BY id"), before_outbox);
  EXPECT_FALSE(std::filesystem::exists(dir.file("scratch/preview.db")));
}

TEST_F(PreviewTest, FiltersOnePerson) {
  PreviewOptions options;
  options.from = *parse_date("2026-03-11");
  options.days = 2;
  options.person = "钱七";
  auto rows = run_preview(*db, config, calendar, options, dir.file("scratch"));
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 4u);
  for (const auto& r : *rows)
    EXPECT_EQ(r.recipient, "钱七");
}

TEST_F(PreviewTest, FollowsEscalationsOverWeeks) {
  PreviewOptions options;
  options.from = *parse_date("2026-03-11");
  options.days = 14;
  options.person = "张三";
  config.routing.personal = {"log"};
  auto rows = run_preview(*db, config, calendar, options, dir.file("scratch"));
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  // Measure 1 (due Mar 10) is 7 working days overdue on Thu Mar 19: the chief is told.
  ASSERT_GE(rows->size(), 1u);
  EXPECT_EQ(format_instant_utc((*rows)[0].at), "2026-03-19T01:00:00Z");
  EXPECT_EQ((*rows)[0].kind, "escalation");
  EXPECT_NE((*rows)[0].text.find("告知分管领导李四"), std::string::npos);
}

}  // namespace
}  // namespace rectifyd::engine
