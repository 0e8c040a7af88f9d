#include "ledger_io/plan_import.h"

#include <gtest/gtest.h>

#include "ledger/stats.h"
#include "store/database.h"
#include "store/plan_import.h"
#include "store/stats_queries.h"
#include "temp_dir.h"

namespace rectifyd::ledger_io {
namespace {

using rectifyd::testing::read_file;
using rectifyd::testing::shared_path;
using rectifyd::testing::TempDir;

const Instant kNow = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{1};

ParsedPlan parse(const std::string& text) {
  auto plan = parse_plan_text(text, "plan.txt");
  EXPECT_TRUE(plan) << plan.error().message;
  return plan ? *plan : ParsedPlan{};
}

std::string seed_text() {
  return read_file(shared_path("seed/inspection-rectification-report.zh.txt"));
}

TEST(PlanImport, WritesOneRoundAndAuditsIt) {
  TempDir dir;
  auto db = store::Database::open(dir.file("r.db"));
  ASSERT_TRUE(db) << db.error().message;
  const ParsedPlan plan = parse(seed_text());
  auto s = import_plan(**db, plan, "office", kNow, "区委第一巡察组反馈");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->categories, 3u);
  EXPECT_EQ(s->problems, 16u);
  EXPECT_EQ(s->measures, 68u);
  auto& sql = (*db)->sql();
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM rounds").getInt(), 1);
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM categories").getInt(), 3);
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM problems").getInt(), 16);
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM measures").getInt(), 68);
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM measures WHERE status='not_applicable'").getInt(),
            4);
  EXPECT_EQ(sql.execAndGet("SELECT text FROM measures m JOIN problems p ON p.id=m.problem_id "
                           "WHERE p.number=1 AND m.ordinal=2")
                .getString()
                .substr(0, 16),
            "2023年3月14日");
  EXPECT_EQ(sql.execAndGet("SELECT actor || ' ' || action FROM audit").getString(),
            "office ledger.import_plan");

  // The same round again is refused and changes nothing.
  auto again = import_plan(**db, plan, "office", kNow, "区委第一巡察组反馈");
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("已有名为“区委第一巡察组反馈”的巡察轮次"), std::string::npos)
      << again.error().message;
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM measures").getInt(), 68);
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM audit").getInt(), 1);
}

TEST(PlanImport, TheSeedIsDoneSixteenOfSixteen) {
  TempDir dir;
  auto db = store::Database::open(dir.file("r.db"));
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE(import_plan(**db, parse(seed_text()), "office", kNow));
  auto& sql = (*db)->sql();
  EXPECT_EQ(sql.execAndGet("SELECT status FROM problems WHERE number = 9").getString(), "ongoing");
  auto stats = store::compute_stats(
      **db, LocalDate{date::sys_days{date::year{2026} / 3 / 2}.time_since_epoch()});
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->overall.problems, 16);
  EXPECT_EQ(stats->overall.problems_done, 16);
  EXPECT_DOUBLE_EQ(stats->overall.problem_completion_rate(), 1.0);
  EXPECT_DOUBLE_EQ(stats->overall.completion_rate(), 1.0);
}

TEST(PlanImport, FieldsBecomeLeaderOwnerDueAndStatus) {
  TempDir dir;
  auto db = store::Database::open(dir.file("r.db"));
  ASSERT_TRUE(db) << db.error().message;
  auto& sql = (*db)->sql();
  sql.exec("INSERT INTO people(name, roles) VALUES ('李四', 'leader'), ('张三', 'owner')");
  const ParsedPlan plan = parse(
      "（一）在作风建设方面\n"
      "问题1：会风不正。\n"
      "责任领导：李四  责任人：张三  完成时限：2026年6月底前\n"
      "（1）精简会议。\n"
      "（2）压缩时长。（责任人：王五；完成时限：2026年4月30日）正在整改。\n"
      "（3）改进文风。已完成整改。\n");
  auto s = import_plan(**db, plan, "office", kNow);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->leaders_linked, 1u);
  EXPECT_EQ(s->owners_linked, 2u);
  EXPECT_EQ(s->dues_set, 3u);
  ASSERT_EQ(s->notes.size(), 1u);
  EXPECT_EQ(s->notes[0],
            "责任人“王五”不在人员名单中，未关联（问题1 （2））；请先导入人员，或用 rectifyctl "
            "measure assign 指定");
  EXPECT_EQ(sql.execAndGet("SELECT l.name FROM problems p JOIN people l ON l.id = p.leader_id")
                .getString(),
            "李四");
  SQLite::Statement rows(sql,
                         "SELECT m.ordinal, coalesce(o.name, ''), m.due, m.status FROM measures m "
                         "LEFT JOIN people o ON o.id = m.owner_id ORDER BY m.ordinal");
  std::string got;
  while (rows.executeStep()) {
    got += rows.getColumn(0).getString() + " " + rows.getColumn(1).getString() + " " +
           rows.getColumn(2).getString() + " " + rows.getColumn(3).getString() + "\n";
  }
  EXPECT_EQ(got,
            "1 张三 2026-06-30 open\n"
            "2  2026-04-30 in_progress\n"
            "3 张三 2026-06-30 closed\n");
}

}  // namespace
}  // namespace rectifyd::ledger_io
