#include "store/stats_queries.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "ledger_fixture.h"

namespace rectifyd::store {
namespace {

using ledger::Counts;
using ledger::to_json;

using S = MeasureStatus;

class StatsTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    p4_ = must(store_->add_problem({0, cat2_, 4, "尚未制定措施的问题", std::nullopt}));
    set_outcomes(add_measure(p1_, 1, zhang_, "2026-02-01", S::closed), 2, 0, 0);
    set_outcomes(add_measure(p1_, 2, zhang_, "2026-02-01", S::ongoing), 0, 1, 0);
    add_measure(p2_, 1, wang_, "2026-02-01", S::not_applicable);
    add_measure(p2_, 2, wang_, "2026-03-01", S::in_progress);
    set_outcomes(add_measure(p2_, 3, wang_, "2026-03-05", S::done_reported), 0, 0, 150000);
    add_measure(p3_, 1, wang_, "2026-03-10");  // due today: not overdue
    add_measure(p3_, 2, std::nullopt, nullptr);
  }
  void set_outcomes(Id id, int talks, int regulations, std::int64_t fen) {
    Measure m = **store_->measure(id);
    m.talks = talks;
    m.regulations = regulations;
    m.funds_returned_fen = fen;
    ASSERT_TRUE(store_->update_measure(m));
  }
  Id p4_ = 0;
  LocalDate today_ = *parse_date("2026-03-10");
};

TEST_F(StatsTest, Overall) {
  auto s = compute_stats(*db_, today_);
  ASSERT_TRUE(s) << s.error().message;
  const Counts& o = s->overall;
  EXPECT_EQ(s->categories, 2);
  EXPECT_EQ(o.problems, 4);
  EXPECT_EQ(o.problems_done, 1);
  EXPECT_EQ(o.measures, 7);
  EXPECT_EQ(o.closed, 1);
  EXPECT_EQ(o.ongoing, 1);
  EXPECT_EQ(o.not_applicable, 1);
  EXPECT_EQ(o.open, 4);
  EXPECT_EQ(o.overdue, 2);
  EXPECT_EQ(o.done_reported, 1);
  EXPECT_DOUBLE_EQ(o.completion_rate(), 3.0 / 7.0);
  EXPECT_DOUBLE_EQ(o.problem_completion_rate(), 0.25);
  EXPECT_EQ(o.talks, 2);
  EXPECT_EQ(o.regulations, 1);
  EXPECT_EQ(o.funds_returned_fen, 150000);
}

TEST_F(StatsTest, AProblemWithoutMeasuresCountsByItsOwnStatus) {
  // 问题9 of the seed: its measures are omitted （略）, its status line says 已整改到位并长期坚持.
  auto done_with = [&](const char* status) {
    SQLite::Statement set(db_->sql(), "UPDATE problems SET status = ? WHERE id = ?");
    if (status != nullptr)
      set.bind(1, status);
    else
      set.bind(1);
    set.bind(2, p4_);
    set.exec();
    auto s = compute_stats(*db_, today_);
    EXPECT_TRUE(s) << s.error().message;
    return s->overall.problems_done;
  };
  EXPECT_EQ(done_with(nullptr), 1);
  EXPECT_EQ(done_with("in_progress"), 1);
  EXPECT_EQ(done_with("ongoing"), 2);
  EXPECT_EQ(done_with("closed"), 2);
  // A problem's own status never overrides its measures: p3 has open measures.
  SQLite::Statement p3(db_->sql(), "UPDATE problems SET status = 'closed' WHERE id = ?");
  p3.bind(1, p3_);
  p3.exec();
  auto s = compute_stats(*db_, today_);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->overall.problems_done, 2);
  EXPECT_DOUBLE_EQ(s->overall.problem_completion_rate(), 0.5);
}

TEST_F(StatsTest, PerCategoryAndProblem) {
  auto s = compute_stats(*db_, today_);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->per_category.size(), 2u);
  const auto& c1 = s->per_category[0].counts;
  EXPECT_EQ(s->per_category[0].category.title, "党的建设方面");
  EXPECT_EQ(c1.problems, 2);
  EXPECT_EQ(c1.problems_done, 1);
  EXPECT_EQ(c1.measures, 5);
  EXPECT_EQ(c1.open, 2);
  EXPECT_EQ(c1.overdue, 2);
  EXPECT_DOUBLE_EQ(c1.completion_rate(), 3.0 / 5.0);
  const auto& c2 = s->per_category[1].counts;
  EXPECT_EQ(c2.problems, 2);
  EXPECT_EQ(c2.measures, 2);
  EXPECT_EQ(c2.open, 2);
  EXPECT_EQ(c2.overdue, 0);
  EXPECT_DOUBLE_EQ(c2.completion_rate(), 0.0);

  ASSERT_EQ(s->per_problem.size(), 4u);
  EXPECT_EQ(s->per_problem[0].problem.number, 1);
  EXPECT_TRUE(s->per_problem[0].done());
  EXPECT_DOUBLE_EQ(s->per_problem[0].counts.completion_rate(), 1.0);
  EXPECT_FALSE(s->per_problem[1].done());
  EXPECT_EQ(s->per_problem[1].counts.done_reported, 1);
  EXPECT_EQ(s->per_problem[3].problem.number, 4);
  EXPECT_EQ(s->per_problem[3].counts.measures, 0);
  EXPECT_FALSE(s->per_problem[3].done());  // nothing to show for it yet
}

TEST_F(StatsTest, OverdueMovesWithToday) {
  auto later = compute_stats(*db_, *parse_date("2026-03-11"));
  ASSERT_TRUE(later);
  EXPECT_EQ(later->overall.overdue, 3);
  auto earlier = compute_stats(*db_, *parse_date("2026-03-01"));
  ASSERT_TRUE(earlier);
  EXPECT_EQ(earlier->overall.overdue, 0);
}

TEST_F(StatsTest, JsonHasTheReportKeys) {
  auto s = compute_stats(*db_, today_);
  ASSERT_TRUE(s);
  auto v = to_json(*s).as_object();
  for (const char* key : {"categories", "problems", "measures", "closed", "ongoing",
                          "not_applicable", "open", "overdue", "completion_rate", "done_reported",
                          "funds_returned_fen", "per_category", "per_problem"})
    EXPECT_TRUE(v.contains(key)) << key;
  EXPECT_EQ(v["measures"], 7);
  EXPECT_DOUBLE_EQ(v["completion_rate"].as_double(), 3.0 / 7.0);
  EXPECT_EQ(v["per_problem"].as_array().size(), 4u);
}

/// The same counts by brute force over every measure.
Counts scan(store::Database& db, LocalDate today) {
  SQLite::Statement st(
      db.sql(),
      "SELECT count(*), coalesce(sum(status = 'closed'), 0), "
      "coalesce(sum(status = 'ongoing'), 0), "
      "coalesce(sum(status = 'not_applicable'), 0), "
      "coalesce(sum(status = 'done_reported'), 0), "
      "coalesce(sum(status IN ('open','in_progress','done_reported') AND due < ?), 0), "
      "coalesce(sum(talks), 0), coalesce(sum(regulations), 0), "
      "coalesce(sum(funds_returned_fen), 0), "
      "coalesce(sum(status IN ('closed','ongoing','not_applicable') AND "
      "             (due IS NULL OR closed_on IS NULL OR closed_on <= due)), 0) FROM measures");
  st.bind(1, format_date(today));
  EXPECT_TRUE(st.executeStep());
  Counts c;
  c.measures = st.getColumn(0).getInt64();
  c.closed = st.getColumn(1).getInt64();
  c.ongoing = st.getColumn(2).getInt64();
  c.not_applicable = st.getColumn(3).getInt64();
  c.done_reported = st.getColumn(4).getInt64();
  c.overdue = st.getColumn(5).getInt64();
  c.talks = st.getColumn(6).getInt64();
  c.regulations = st.getColumn(7).getInt64();
  c.funds_returned_fen = st.getColumn(8).getInt64();
  c.on_time = st.getColumn(9).getInt64();
  c.open = c.measures - c.finished();
  return c;
}

void expect_same(const Counts& a, const Counts& b) {
  EXPECT_EQ(a.measures, b.measures);
  EXPECT_EQ(a.closed, b.closed);
  EXPECT_EQ(a.ongoing, b.ongoing);
  EXPECT_EQ(a.not_applicable, b.not_applicable);
  EXPECT_EQ(a.done_reported, b.done_reported);
  EXPECT_EQ(a.open, b.open);
  EXPECT_EQ(a.overdue, b.overdue);
  EXPECT_EQ(a.talks, b.talks);
  EXPECT_EQ(a.regulations, b.regulations);
  EXPECT_EQ(a.funds_returned_fen, b.funds_returned_fen);
  EXPECT_EQ(a.on_time, b.on_time);
}

TEST_F(StatsTest, KeptCountsFollowEveryChange) {
  expect_same(compute_stats(*db_, today_)->overall, scan(*db_, today_));
  expect_same(*measure_totals(*db_, today_), scan(*db_, today_));
  // Status, outcome, day of closing and problem changes; a measure deleted; a problem deleted
  // (cascade).
  Measure m = **store_->measure(4);
  m.status = S::closed;
  m.talks = 5;
  m.closed_at = *parse_instant("2026-03-12T02:00:00Z");
  m.closed_on = *parse_date("2026-03-12");
  ASSERT_TRUE(store_->update_measure(m));
  expect_same(*measure_totals(*db_, today_), scan(*db_, today_));
  m.due = *parse_date("2026-03-20");  // an extension makes it in time
  ASSERT_TRUE(store_->update_measure(m));
  expect_same(compute_stats(*db_, today_)->overall, scan(*db_, today_));
  m = **store_->measure(6);
  m.problem_id = p1_;
  m.funds_returned_fen = 99;
  ASSERT_TRUE(store_->update_measure(m));
  db_->sql().exec("DELETE FROM measures WHERE id = 1");
  expect_same(compute_stats(*db_, today_)->overall, scan(*db_, today_));
  db_->sql().exec("DELETE FROM problems WHERE id = " + std::to_string(p2_));
  auto after = compute_stats(*db_, today_);
  ASSERT_TRUE(after);
  expect_same(after->overall, scan(*db_, today_));
  expect_same(*measure_totals(*db_, today_), scan(*db_, today_));
  EXPECT_EQ(after->overall.problems, 3);
}

TEST(Stats, EmptyLedger) {
  rectifyd::testing::TempDir dir;
  auto db = store::Database::open(dir.file("e.db"));
  ASSERT_TRUE(db);
  auto s = compute_stats(**db, *parse_date("2026-03-10"));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->overall.measures, 0);
  EXPECT_DOUBLE_EQ(s->overall.completion_rate(), 0.0);
}

}  // namespace
}  // namespace rectifyd::store
