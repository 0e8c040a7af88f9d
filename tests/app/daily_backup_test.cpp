// The daily backup on the planner's wake, driven with manual instants: the slot in the unit's
// zone, one copy a day read back from the folder (so a missed slot is made up at start), the
// newest `keep` kept, and a failure told to the office once and retried an hour later.

#include "app/daily_backup.h"

#include <gtest/gtest.h>

#include "core/dates.h"
#include "store/backup.h"
#include "store/database.h"
#include "store/demo_import.h"
#include "temp_dir.h"

namespace rectifyd::app {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using rectifyd::testing::TempDir;

Instant at(const char* s) {
  return *parse_instant(s);
}

config::Config backup_config(const std::string& folder, int keep = 30) {
  config::Config c;
  c.unit.time_zone = "Asia/Shanghai";
  c.backup.folder = folder;
  c.backup.at = 2h + 30min;
  c.backup.keep = keep;
  return c;
}

TEST(DailyBackupSlots, FollowTheUnitsZone) {
  const auto c = backup_config("/unused");
  // 02:30 in Shanghai is 18:30 UTC the day before.
  EXPECT_EQ(last_backup_slot(c, at("2026-03-02T18:29:00Z")), at("2026-03-01T18:30:00Z"));
  EXPECT_EQ(last_backup_slot(c, at("2026-03-02T18:30:00Z")), at("2026-03-02T18:30:00Z"));
  EXPECT_EQ(next_backup_slot(c, at("2026-03-02T18:30:00Z")), at("2026-03-03T18:30:00Z"));
  EXPECT_EQ(next_backup_slot(c, at("2026-03-02T10:00:00Z")), at("2026-03-02T18:30:00Z"));
}

TEST(DailyBackupFolder, DefaultsToBackupsBesideTheDatabase) {
  config::Config c;
  EXPECT_EQ(backup_folder(c, "/var/lib/rectifyd/rectifyd.db"), "/var/lib/rectifyd/backups");
  EXPECT_EQ(backup_folder(c, "ledger.db"), "./backups");
  c.backup.folder = "/srv/copies";
  EXPECT_EQ(backup_folder(c, "/var/lib/rectifyd/rectifyd.db"), "/srv/copies");
}

class DailyBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Database::open(dir_.file("live.db"));
    ASSERT_TRUE(db);
    db_ = std::move(*db);
    ASSERT_TRUE(store::load_demo(*db_, at("2026-03-01T00:00:00Z")));
  }

  /// A planner that always wants to run again at `planner_next`.
  PlanHook hook(const config::Config&, Instant planner_next) {
    return with_daily_backup(
        [planner_next](const config::Config&, Instant) -> Result<std::optional<Wake>> {
          return std::optional<Wake>{Wake{planner_next, "reminder"}};
        },
        *db_, [this](const Message& m, Instant when) { told_.emplace_back(m, when); });
  }

  std::size_t copies() const { return store::list_daily_backups(dir_.file("b")).size(); }

  TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::vector<std::pair<Message, Instant>> told_;
};

TEST_F(DailyBackupTest, OneCopyPerDayMissedOneMadeUpAndWakeAtTheNextSlot) {
  const auto c = backup_config(dir_.file("b"));
  const Instant far = at("2026-04-01T00:00:00Z");
  auto h = hook(c, far);

  // Started after the slot with no copy: one now, then the planner is woken at the next slot.
  auto w = h(c, at("2026-03-02T20:00:00Z"));
  ASSERT_TRUE(w);
  ASSERT_TRUE(*w);
  EXPECT_EQ((*w)->at, at("2026-03-03T18:30:00Z"));
  EXPECT_EQ((*w)->what, "backup");
  ASSERT_EQ(copies(), 1u);
  EXPECT_EQ(store::list_daily_backups(dir_.file("b")).front().filename(),
            "rectifyd-20260302-200000.db");

  // Later the same day: nothing more.
  ASSERT_TRUE(h(c, at("2026-03-03T09:00:00Z")));
  EXPECT_EQ(copies(), 1u);

  // The next slot: a second copy. A planner wake before the slot comes first.
  auto soon = hook(c, at("2026-03-03T19:00:00Z"));
  auto w2 = soon(c, at("2026-03-03T18:30:00Z"));
  ASSERT_TRUE(w2 && *w2);
  EXPECT_EQ((*w2)->at, at("2026-03-03T19:00:00Z"));
  EXPECT_EQ((*w2)->what, "reminder");
  EXPECT_EQ(copies(), 2u);
  EXPECT_TRUE(told_.empty());
}

TEST_F(DailyBackupTest, KeepsTheNewestN) {
  const auto c = backup_config(dir_.file("b"), 3);
  auto h = hook(c, at("2027-01-01T00:00:00Z"));
  Instant t = at("2026-03-02T18:30:00Z");
  for (int day = 0; day < 6; ++day, t += 24h)
    ASSERT_TRUE(h(c, t));
  auto kept = store::list_daily_backups(dir_.file("b"));
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(kept.front().filename(), "rectifyd-20260307-183000.db");
  EXPECT_EQ(kept.back().filename(), "rectifyd-20260305-183000.db");
}

TEST_F(DailyBackupTest, DisabledTakesNone) {
  auto c = backup_config(dir_.file("b"));
  c.backup.enabled = false;
  auto h = hook(c, at("2027-01-01T00:00:00Z"));
  auto w = h(c, at("2026-03-02T20:00:00Z"));
  ASSERT_TRUE(w && *w);
  EXPECT_EQ((*w)->what, "reminder");
  EXPECT_FALSE(fs::exists(dir_.file("b")));
}

TEST_F(DailyBackupTest, AFailureIsToldAndRetriedAnHourLater) {
  dir_.write("b", "a file where the folder should be");
  const auto c = backup_config(dir_.file("b"));
  auto h = hook(c, at("2027-01-01T00:00:00Z"));
  auto w = h(c, at("2026-03-02T20:00:00Z"));
  ASSERT_TRUE(w && *w);
  EXPECT_EQ((*w)->at, at("2026-03-02T21:00:00Z"));
  ASSERT_EQ(told_.size(), 1u);
  EXPECT_EQ(told_[0].first.kind, "backup_failed");
  EXPECT_NE(told_[0].first.text.find(dir_.file("b")), std::string::npos);
  EXPECT_NE(told_[0].first.text.find("rectifyctl backup"), std::string::npos);

  // Before the hour: not tried again (nothing more told).
  ASSERT_TRUE(h(c, at("2026-03-02T20:30:00Z")));
  EXPECT_EQ(told_.size(), 1u);

  // The folder is fixed: the retry takes the copy.
  fs::remove(dir_.file("b"));
  auto w2 = h(c, at("2026-03-02T21:00:00Z"));
  ASSERT_TRUE(w2 && *w2);
  EXPECT_EQ(copies(), 1u);
  EXPECT_EQ((*w2)->at, at("2026-03-03T18:30:00Z"));
  EXPECT_EQ(told_.size(), 1u);
}

TEST_F(DailyBackupTest, TheOfficeMessageIsQueuedOncePerDay) {
  auto c = backup_config(dir_.file("b"));
  c.routing.office = {"log"};
  const Message m = backup_failed_message("/srv/b", "No space left on device",
                                          at("2026-03-02T20:00:00Z"), nullptr);
  queue_office_message(*db_, c, m, "backup_failed", at("2026-03-02T20:00:00Z"));
  queue_office_message(*db_, c, m, "backup_failed", at("2026-03-02T21:00:00Z"));
  EXPECT_EQ(db_->sql()
                .execAndGet("SELECT count(*) FROM outbox WHERE kind = 'backup_failed' AND "
                            "recipient = 'office'")
                .getInt(),
            1);
}

}  // namespace
}  // namespace rectifyd::app
