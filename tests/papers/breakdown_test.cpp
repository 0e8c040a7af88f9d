// 总览's breakdown comes from the counts the store keeps per problem; the papers tally the whole
// ledger view. On random ledgers, with measures finished through the office's actions at times
// either side of the unit's midnight, both give the same figures.

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "config/config_load.h"
#include "core/dates.h"
#include "office/measures.h"
#include "papers/papers.h"
#include "papers/tally.h"
#include "papers_fixture.h"
#include "store/ledger_import.h"
#include "store/ledger_store.h"
#include "store/people_import.h"
#include "time/clock.h"
#include "time/zone.h"

namespace rectifyd::papers {
namespace {

using namespace std::chrono_literals;
using testing::kNow;
using testing::kPeople;
using testing::kToday;
using testing::TempDir;

void expect_same(const Tally& kept, const Tally& read, const std::string& what) {
  EXPECT_EQ(kept.problems, read.problems) << what;
  EXPECT_EQ(kept.problems_done, read.problems_done) << what;
  EXPECT_EQ(kept.measures, read.measures) << what;
  EXPECT_EQ(kept.finished, read.finished) << what;
  EXPECT_EQ(kept.on_time, read.on_time) << what;
  EXPECT_EQ(kept.overdue, read.overdue) << what;
  EXPECT_EQ(kept.talks, read.talks) << what;
}

void expect_same(const std::vector<NamedTally>& kept, const std::vector<NamedTally>& read,
                 const std::string& what) {
  ASSERT_EQ(kept.size(), read.size()) << what;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    EXPECT_EQ(kept[i].name, read[i].name) << what << " " << i;
    expect_same(kept[i].tally, read[i].tally, what + " " + read[i].name);
  }
}

/// A ledger CSV of `problems` problems in three categories, with every status the import
/// takes, the leaders and owners of kPeople, and due dates around kToday.
std::string random_ledger(std::mt19937& rng, int problems) {
  static const char* kStatuses[] = {"未开始", "整改中", "整改中", "已销号", "长期坚持"};
  static const char* kLeaders[] = {"李四", "赵六", ""};
  static const char* kOwners[] = {"张三", "王五"};
  std::string csv =
      "问题类别,问题序号,问题,责任领导,措施序号,整改措施,责任人,完成时限,状态,约谈人次\n";
  for (int p = 1; p <= problems; ++p) {
    const std::string category = "第" + std::to_string(p % 3 + 1) + "类问题";
    const std::string leader = kLeaders[rng() % 3];
    const int measures = static_cast<int>(rng() % 4);  // 0: a problem whose measures are omitted
    if (measures == 0)
      csv += category + "," + std::to_string(p) + ",问题" + std::to_string(p) + "," + leader +
             ",,,,,,\n";
    for (int m = 1; m <= measures; ++m) {
      const LocalDate due = kToday + date::days{static_cast<int>(rng() % 21) - 10};
      csv += category + "," + std::to_string(p) + ",问题" + std::to_string(p) + "," + leader + "," +
             std::to_string(m) + ",措施" + std::to_string(p) + "-" + std::to_string(m) + "," +
             kOwners[rng() % 2] + "," + format_date(due) + "," + kStatuses[rng() % 5] + "," +
             std::to_string(rng() % 3) + "\n";
    }
  }
  return csv;
}

class BreakdownTest : public ::testing::TestWithParam<unsigned> {
 protected:
  void SetUp() override {
    auto db = store::Database::open(dir_.file("breakdown.db"));
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    zone_ = *find_zone(config_->unit.time_zone);
  }

  PaperContext context() {
    const Instant now = clock_.now();
    return PaperContext{*db_, *config_, now, local_date(zone_, now), zone_};
  }

  /// The breakdown from the kept counts against the tallies of a fresh read of the ledger.
  void expect_breakdown_equals_the_view() {
    const PaperContext ctx = context();
    auto kept = make_breakdown(ctx);
    ASSERT_TRUE(kept) << kept.error().message;
    auto view = load_ledger_view(*db_, view_options(ctx, ctx.today));
    ASSERT_TRUE(view) << view.error().message;
    expect_same(kept->overall, tally_all(*view, ctx.today), "overall");
    expect_same(kept->by_category, tally_by_category(*view, ctx.today), "category");
    expect_same(kept->by_leader, tally_by_leader(*view, ctx.today), "leader");
  }

  TempDir dir_;
  std::unique_ptr<store::Database> db_;
  config::Snapshot config_ = std::make_shared<const config::Config>(config::default_config());
  const date::time_zone* zone_ = nullptr;
  ManualClock clock_{kNow};
};

TEST_P(BreakdownTest, KeptCountsGiveWhatTheLedgerViewTallies) {
  std::mt19937 rng(GetParam());
  auto people = store::import_people_csv(
      *db_, kPeople, ledger_io::PeopleImportOptions{"people.csv", "test", kNow});
  ASSERT_TRUE(people) << people.error().message;
  ledger_io::LedgerImportOptions o;
  o.today = kToday;
  o.now = kNow;
  auto imported = store::import_ledger_csv(*db_, random_ledger(rng, 40), o);
  ASSERT_TRUE(imported) << imported.error().message;
  expect_breakdown_equals_the_view();

  // The office finishes open work over the next three weeks, late in the evening or just after
  // midnight of the unit's zone (the same UTC day), so the local day decides 按期.
  office::Office office(*db_, clock_, [this] { return config_; });
  store::MeasureFilter open;
  open.statuses = {MeasureStatus::open, MeasureStatus::in_progress};
  auto measures = store::LedgerStore(*db_).measures(open);
  ASSERT_TRUE(measures) << measures.error().message;
  const Instant start = clock_.now();
  for (const auto& m : *measures) {
    const auto day = date::days{static_cast<int>(rng() % 21)};
    const auto at = rng() % 2 == 0 ? 15h + 30min : 16h + 30min;  // 23:30 or 00:30 in Shanghai
    clock_.set(std::chrono::floor<date::days>(start) + day + at);
    switch (rng() % 4) {
      case 0:
        ASSERT_TRUE(office::report_done(office, {"张三"}, m.id, "已完成"));
        ASSERT_TRUE(office::close(office, {"办公室"}, m.id, rng() % 2 == 0));
        break;
      case 1:
        ASSERT_TRUE(office::mark_not_applicable(office, {"办公室"}, m.id, "经核查不属实"));
        break;
      case 2:
        ASSERT_TRUE(office::report_done(office, {"张三"}, m.id, "已完成"));
        ASSERT_TRUE(office::close(office, {"办公室"}, m.id));
        ASSERT_TRUE(office::reopen(office, {"办公室"}, m.id, "复核未到位"));
        break;
      default:
        break;  // left open
    }
  }
  clock_.set(start + 24h * 22);
  expect_breakdown_equals_the_view();

  // Rows finished before the database kept the day (an older schema) are dated on first use.
  db_->sql().exec("UPDATE measures SET closed_on = NULL WHERE id % 2 = 0");
  expect_breakdown_equals_the_view();
  SQLite::Statement undated(db_->sql(),
                            "SELECT count(*) FROM measures WHERE closed_at IS NOT NULL AND "
                            "closed_on IS NULL");
  ASSERT_TRUE(undated.executeStep());
  EXPECT_EQ(undated.getColumn(0).getInt(), 0);
}

INSTANTIATE_TEST_SUITE_P(Seeds, BreakdownTest, ::testing::Values(1u, 2u, 3u, 4u, 5u));

TEST(BreakdownDay, AClosingJustAfterTheUnitsMidnightIsLateForAMeasureDueTheDayBefore) {
  TempDir dir;
  auto db = store::Database::open(dir.file("late.db"));
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE(store::import_people_csv(**db, kPeople,
                                       ledger_io::PeopleImportOptions{"people.csv", "test", kNow}));
  ledger_io::LedgerImportOptions o;
  o.today = kToday;
  o.now = kNow;
  ASSERT_TRUE(store::import_ledger_csv(
      **db,
      "问题类别,问题序号,问题,责任领导,措施序号,整改措施,责任人,完成时限,状态\n"
      "甲类,1,问题一,李四,1,措施一,张三,2026-03-10,整改中\n"
      "甲类,1,问题一,李四,2,措施二,张三,2026-03-10,整改中\n",
      o));
  auto config = std::make_shared<const config::Config>(config::default_config());
  // 2026-03-10 23:30 and 2026-03-11 00:30 in Shanghai: both 2026-03-10 in UTC.
  ManualClock clock{*parse_instant("2026-03-10T15:30:00Z")};
  office::Office office(**db, clock, [config] { return config; });
  auto all = store::LedgerStore(**db).measures();
  ASSERT_TRUE(all && all->size() == 2);
  ASSERT_TRUE(office::mark_not_applicable(office, {"办公室"}, (*all)[0].id, "不属实"));
  clock.set(*parse_instant("2026-03-10T16:30:00Z"));
  ASSERT_TRUE(office::mark_not_applicable(office, {"办公室"}, (*all)[1].id, "不属实"));

  const auto* zone = *find_zone("Asia/Shanghai");
  auto b =
      make_breakdown(PaperContext{**db, *config, clock.now(), local_date(zone, clock.now()), zone});
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(b->overall.finished, 2);
  EXPECT_EQ(b->overall.on_time, 1);
  auto second = store::LedgerStore(**db).measure((*all)[1].id);
  ASSERT_TRUE(second && *second);
  EXPECT_EQ(format_date(*(*second)->closed_on), "2026-03-11");
}

}  // namespace
}  // namespace rectifyd::papers
