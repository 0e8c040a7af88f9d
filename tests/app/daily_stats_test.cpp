// The day's figures on the planner's wake, driven with manual instants: one row per local day
// in the unit's zone, the first kept when a later run of the same day sees other figures, a
// day with nothing planned still woken for, and the series the console reads.

#include "app/daily_stats.h"

#include <gtest/gtest.h>

#include "core/dates.h"
#include "ledger_io/demo.h"
#include "office/measures.h"
#include "office/stats_trend.h"
#include "store/daily_stats.h"
#include "store/demo_import.h"
#include "store/ledger_store.h"
#include "temp_dir.h"

namespace rectifyd::app {
namespace {

using rectifyd::testing::TempDir;

Instant at(const char* s) {
  return *parse_instant(s);
}

config::Config shanghai() {
  config::Config c;
  c.unit.time_zone = "Asia/Shanghai";
  return c;
}

class DailyStatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Database::open(dir_.file("live.db"));
    ASSERT_TRUE(db);
    db_ = std::move(*db);
    ASSERT_TRUE(store::load_demo(*db_, at("2026-03-01T00:00:00Z")));
  }

  /// A planner that wants to run again at `next`, counting its runs.
  PlanHook hook(std::optional<Instant> next) {
    return with_daily_stats(
        [this, next](const config::Config&, Instant) -> Result<std::optional<Wake>> {
          ++runs_;
          if (!next)
            return std::optional<Wake>{};
          return std::optional<Wake>{Wake{*next, "reminder"}};
        },
        *db_);
  }

  std::vector<store::DailyStatsRow> rows() {
    auto r = store::DailyStats(*db_).since();
    EXPECT_TRUE(r);
    return r ? *r : std::vector<store::DailyStatsRow>{};
  }

  /// Closes one open measure through the office layer.
  void close_one(Instant now) {
    store::LedgerStore store(*db_);
    store::MeasureFilter open;
    open.statuses = {MeasureStatus::open, MeasureStatus::in_progress};
    auto ms = store.measures(open);
    ASSERT_TRUE(ms && !ms->empty());
    ManualClock clock(now);
    auto cfg = std::make_shared<const config::Config>(shanghai());
    office::Office o(*db_, clock, [cfg] { return cfg; });
    const Id id = ms->front().id;
    ASSERT_TRUE(office::report_done(o, office::Actor{"办公室"}, id, "已完成"));
    ASSERT_TRUE(office::close(o, office::Actor{"办公室"}, id));
  }

  TempDir dir_;
  std::unique_ptr<store::Database> db_;
  int runs_ = 0;
};

TEST_F(DailyStatsTest, OneRowPerLocalDayTheFirstKept) {
  const config::Config c = shanghai();
  auto h = hook(at("2026-04-01T00:00:00Z"));
  // 2026-03-02 08:00 in Shanghai.
  ASSERT_TRUE(h(c, at("2026-03-02T00:00:00Z")));
  auto r = rows();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].day, "2026-03-02");
  EXPECT_GT(r[0].measures, 0);
  const auto closed = r[0].closed;
  const double rate = r[0].completion_rate;

  // Later the same day one more is closed: the day's row stays as it was.
  close_one(at("2026-03-02T03:00:00Z"));
  ASSERT_TRUE(h(c, at("2026-03-02T05:00:00Z")));
  ASSERT_TRUE(take_daily_stats(*db_, c, at("2026-03-02T06:00:00Z")));
  EXPECT_FALSE(*take_daily_stats(*db_, c, at("2026-03-02T06:00:00Z")));
  r = rows();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].closed, closed);

  // 2026-03-02T16:30Z is 00:30 on the 3rd in Shanghai: a new day, with the new figures.
  ASSERT_TRUE(h(c, at("2026-03-02T16:30:00Z")));
  r = rows();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].day, "2026-03-03");
  EXPECT_EQ(r[1].closed, closed + 1);
  EXPECT_GT(r[1].completion_rate, rate);
  EXPECT_EQ(r[1].taken_at, at("2026-03-02T16:30:00Z").time_since_epoch().count());
  EXPECT_EQ(runs_, 3);
}

TEST_F(DailyStatsTest, WokenAfterTheNextLocalMidnight) {
  const config::Config c = shanghai();
  // Nothing planned: woken five minutes after midnight in Shanghai (16:05 UTC).
  auto idle = hook(std::nullopt);
  auto w = idle(c, at("2026-03-02T10:00:00Z"));
  ASSERT_TRUE(w && *w);
  EXPECT_EQ((*w)->at, at("2026-03-02T16:05:00Z"));
  EXPECT_EQ((*w)->what, "stats");
  // A planner wanting to run sooner keeps its own wake.
  auto busy = hook(at("2026-03-02T11:00:00Z"));
  w = busy(c, at("2026-03-02T10:00:00Z"));
  ASSERT_TRUE(w && *w);
  EXPECT_EQ((*w)->at, at("2026-03-02T11:00:00Z"));
  EXPECT_EQ(next_daily_stats(c, at("2026-03-02T16:05:00Z")), at("2026-03-03T16:05:00Z"));
}

TEST_F(DailyStatsTest, TheTrendEndsWithTodayAsItStandsNow) {
  const config::Config c = shanghai();
  ASSERT_TRUE(take_daily_stats(*db_, c, at("2026-03-02T01:00:00Z")));
  ASSERT_TRUE(take_daily_stats(*db_, c, at("2026-03-03T01:00:00Z")));
  ASSERT_TRUE(take_daily_stats(*db_, c, at("2026-03-04T00:30:00Z")));
  close_one(at("2026-03-04T01:00:00Z"));

  ManualClock clock(at("2026-03-04T02:00:00Z"));
  auto cfg = std::make_shared<const config::Config>(c);
  office::Office o(*db_, clock, [cfg] { return cfg; });
  auto t = office::stats_trend(o);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->days.size(), 3u);
  EXPECT_EQ(t->days[0].day, "2026-03-02");
  EXPECT_EQ(t->days[2].day, "2026-03-04");
  // Today's point is the live figure (one more closed than the row kept at 08:30).
  EXPECT_EQ(t->days[2].closed, t->days[0].closed + 1);
  EXPECT_EQ(rows().back().closed, t->days[0].closed);
}

}  // namespace
}  // namespace rectifyd::app
