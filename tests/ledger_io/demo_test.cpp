#include "ledger_io/demo.h"

#include <date/tz.h>
#include <gtest/gtest.h>

#include "core/dates.h"
#include "ledger_io/csv.h"
#include "store/database.h"
#include "store/demo_import.h"
#include "temp_dir.h"

namespace rectifyd::ledger_io {
namespace {

using rectifyd::testing::read_file;
using rectifyd::testing::TempDir;

// 2026-03-01T20:00Z is already 2026-03-02 in Shanghai.
const Instant kNow = date::sys_days{date::year{2026} / 3 / 1} + std::chrono::hours{20};

int count(store::Database& db, const std::string& sql) {
  return db.sql().execAndGet(sql).getInt();
}

TEST(Demo, EmbeddedFilesAreTheConfigFiles) {
  EXPECT_EQ(demo_people_csv(),
            read_file(std::string(RECTIFYD_SOURCE_DIR) + "/config/demo-people.csv"));
  EXPECT_EQ(demo_ledger_csv(),
            read_file(std::string(RECTIFYD_SOURCE_DIR) + "/config/demo-ledger.csv"));
}

TEST(Demo, LoadsWithItemsOverdueDueTodayAndDueSoon) {
  TempDir dir;
  auto db = store::Database::open(dir.file("demo.db"));
  ASSERT_TRUE(db) << db.error().message;
  auto s = load_demo(**db, kNow, date::locate_zone("Asia/Shanghai"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_TRUE(s->loaded);
  auto& d = **db;
  EXPECT_GE(count(d, "SELECT count(*) FROM people"), 10);
  EXPECT_EQ(count(d, "SELECT count(*) FROM categories"), 3);
  EXPECT_EQ(count(d, "SELECT count(*) FROM problems"), 16);
  EXPECT_GE(count(d, "SELECT count(*) FROM measures"), 32);
  EXPECT_EQ(count(d, "SELECT count(*) FROM problems WHERE leader_id IS NULL"), 0);
  EXPECT_EQ(count(d, "SELECT count(*) FROM measures WHERE owner_id IS NULL OR due IS NULL"), 0);
  EXPECT_EQ(count(d, "SELECT count(*) FROM people WHERE roles LIKE '%chief%'"), 1);
  EXPECT_GE(count(d, "SELECT count(*) FROM people WHERE roles LIKE '%office%'"), 1);
  const std::string open = "status IN ('open','in_progress')";
  EXPECT_GE(count(d, "SELECT count(*) FROM measures WHERE " + open + " AND due < '2026-03-02'"), 1);
  EXPECT_GE(count(d, "SELECT count(*) FROM measures WHERE " + open + " AND due = '2026-03-02'"), 1);
  EXPECT_GE(count(d, "SELECT count(*) FROM measures WHERE " + open +
                         " AND due > '2026-03-02' AND due <= '2026-03-05'"),
            1);
  for (const char* st : {"closed", "ongoing", "not_applicable", "done_reported"})
    EXPECT_GE(count(d, std::string("SELECT count(*) FROM measures WHERE status='") + st + "'"), 1)
        << st;
  EXPECT_EQ(count(d,
                  "SELECT count(*) FROM measures WHERE status='not_applicable' AND "
                  "na_reason = ''"),
            0);
  EXPECT_EQ(d.sql().execAndGet("SELECT name FROM rounds").getString(), kDemoRoundName);
}

TEST(Demo, LoadsOnlyIntoAnEmptyLedger) {
  TempDir dir;
  auto db = store::Database::open(dir.file("demo.db"));
  ASSERT_TRUE(db);
  ASSERT_TRUE(load_demo(**db, kNow));
  const int measures = count(**db, "SELECT count(*) FROM measures");
  auto again = load_demo(**db, kNow + date::days{7});
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(again->loaded);
  EXPECT_EQ(count(**db, "SELECT count(*) FROM measures"), measures);
  EXPECT_EQ(count(**db, "SELECT count(*) FROM rounds"), 1);
}

TEST(Demo, WithoutAZoneTodayIsChinaStandardTime) {
  TempDir dir;
  auto db = store::Database::open(dir.file("demo.db"));
  ASSERT_TRUE(db);
  ASSERT_TRUE(load_demo(**db, kNow));
  // today+40 is 2026-04-11 from 2026-03-02; it would be 04-10 from the UTC date.
  EXPECT_GE(count(**db, "SELECT count(*) FROM measures WHERE due = '2026-04-11'"), 1);
  EXPECT_EQ(count(**db, "SELECT count(*) FROM measures WHERE due = '2026-04-10'"), 0);
}

}  // namespace
}  // namespace rectifyd::ledger_io
