#include "store/ledger_store.h"

#include <gtest/gtest.h>

#include "ledger_fixture.h"

namespace rectifyd::store {
namespace {

using S = MeasureStatus;
using StoreTest = LedgerFixture;

TEST_F(StoreTest, PersonRoundTrip) {
  Person p;
  p.name = "钱七";
  p.title = "办公室主任";
  p.department = "办公室";
  p.email = "qian@example.cn";
  p.mobile = "13800000000";
  p.wecom_id = "qianqi";
  p.dingtalk_id = "dq";
  p.feishu_id = "ou_1";
  p.roles.add(Role::office);
  p.roles.add(Role::owner);
  p.time_zone = "Asia/Urumqi";
  p.active = false;
  auto id = store_->add_person(p);
  ASSERT_TRUE(id) << id.error().message;
  p.id = *id;

  // Reopen the file: what was written is what is read.
  store_.reset();
  db_.reset();
  auto db = store::Database::open(dir_.file("ledger.db"));
  ASSERT_TRUE(db);
  LedgerStore again(**db);
  auto got = again.person(*id);
  ASSERT_TRUE(got && *got);
  EXPECT_EQ(**got, p);
  auto by_name = again.person_by_name("钱七");
  ASSERT_TRUE(by_name && *by_name);
  EXPECT_EQ((*by_name)->id, *id);
  auto none = again.person_by_name("无此人");
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

TEST_F(StoreTest, PersonNamesAreUnique) {
  Person p;
  p.name = "张三";
  auto r = store_->add_person(p);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("张三"), std::string::npos);

  auto li = *store_->person(li_);
  Person renamed = *li;
  renamed.name = "张三";
  EXPECT_FALSE(store_->update_person(renamed));
  renamed.name = "李四（副局长）";
  ASSERT_TRUE(store_->update_person(renamed));
  EXPECT_EQ((*store_->person(li_))->name, "李四（副局长）");
  EXPECT_EQ(store_->people()->size(), 3u);
}

TEST_F(StoreTest, RoundsCategoriesProblems) {
  auto rounds = store_->rounds();
  ASSERT_TRUE(rounds);
  ASSERT_EQ(rounds->size(), 1u);
  EXPECT_EQ((*rounds)[0].feedback_date, parse_date("2026-01-10"));
  auto cats = store_->categories();
  ASSERT_TRUE(cats);
  ASSERT_EQ(cats->size(), 2u);
  EXPECT_EQ((*cats)[1].title, "财务管理方面");
  auto p = store_->problem(p1_);
  ASSERT_TRUE(p && *p);
  EXPECT_EQ((*p)->leader_id, li_);
  EXPECT_FALSE((*store_->problem(p3_))->leader_id);
  EXPECT_EQ(store_->problems()->size(), 3u);
}

TEST_F(StoreTest, MeasureRoundTripEveryField) {
  Measure m;
  m.problem_id = p2_;
  m.ordinal = 2;
  m.text = "建立会议记录审核制度";
  m.owner_id = wang_;
  m.due = parse_date("2026-05-31");
  m.original_due = parse_date("2026-04-30");
  m.status = S::done_reported;
  m.evidence = "制度文件";
  m.na_reason = "";
  m.planned_progress = 80;
  m.progress = 100;
  m.talks = 3;
  m.regulations = 2;
  m.funds_returned_fen = 123456;
  m.last_progress_at = parse_instant("2026-05-01T02:03:04Z");
  m.closed_at = std::nullopt;
  auto id = store_->add_measure(m);
  ASSERT_TRUE(id);
  m.id = *id;
  auto got = store_->measure(*id);
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->text, m.text);
  EXPECT_EQ((*got)->owner_id, m.owner_id);
  EXPECT_EQ((*got)->due, m.due);
  EXPECT_EQ((*got)->original_due, m.original_due);
  EXPECT_EQ((*got)->status, m.status);
  EXPECT_EQ((*got)->planned_progress, 80);
  EXPECT_EQ((*got)->funds_returned_fen, 123456);
  EXPECT_EQ((*got)->last_progress_at, m.last_progress_at);
  EXPECT_FALSE((*got)->closed_at);

  m.status = S::closed;
  m.closed_at = parse_instant("2026-06-01T00:00:00Z");
  m.owner_id.reset();
  ASSERT_TRUE(store_->update_measure(m));
  got = store_->measure(*id);
  EXPECT_EQ((*got)->status, S::closed);
  EXPECT_EQ((*got)->closed_at, m.closed_at);
  EXPECT_FALSE((*got)->owner_id);

  Measure missing = m;
  missing.id = 999;
  EXPECT_FALSE(store_->update_measure(missing));
  EXPECT_FALSE(*store_->measure(999));
}

TEST_F(StoreTest, MeasureNeedsAnExistingProblem) {
  Measure m;
  m.problem_id = 999;
  m.text = "x";
  auto r = store_->add_measure(m);
  EXPECT_FALSE(r);
}

TEST_F(StoreTest, MeasureFilters) {
  Id a = add_measure(p1_, 1, zhang_, "2026-03-01");                 // overdue on 03-10
  Id b = add_measure(p1_, 2, wang_, "2026-03-12", S::in_progress);  // due in 2 days
  Id c = add_measure(p2_, 1, zhang_, "2026-03-05", S::closed);      // past but closed
  Id d = add_measure(p3_, 1, wang_, "2026-04-30");                  // later
  Id e = add_measure(p3_, 2, std::nullopt, nullptr);                // undated
  auto today = *parse_date("2026-03-10");

  auto ids = [&](const MeasureFilter& f) {
    std::vector<Id> out;
    auto listed = store_->measures(f);
    EXPECT_TRUE(listed);
    for (const auto& m : *listed)
      out.push_back(m.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<Id>{a, c, b, d, e}));  // by due, undated last
  MeasureFilter by_owner;
  by_owner.owner_id = zhang_;
  EXPECT_EQ(ids(by_owner), (std::vector<Id>{a, c}));
  MeasureFilter by_leader;
  by_leader.leader_id = li_;
  EXPECT_EQ(ids(by_leader), (std::vector<Id>{a, c, b}));
  MeasureFilter by_status;
  by_status.statuses = {S::open, S::closed};
  EXPECT_EQ(ids(by_status), (std::vector<Id>{a, c, d, e}));
  MeasureFilter overdue;
  overdue.overdue_as_of = today;
  EXPECT_EQ(ids(overdue), (std::vector<Id>{a}));
  MeasureFilter within;
  within.due_within = MeasureFilter::DueWithin{today, 2};
  EXPECT_EQ(ids(within), (std::vector<Id>{b}));
  within.due_within->days = 1;
  EXPECT_TRUE(ids(within).empty());
  MeasureFilter combined;
  combined.owner_id = wang_;
  combined.leader_id = li_;
  EXPECT_EQ(ids(combined), (std::vector<Id>{b}));
}

TEST_F(StoreTest, ProgressUpdatesAndExtensions) {
  Id m = add_measure(p1_, 1, zhang_, "2026-03-20");
  auto t1 = *parse_instant("2026-03-01T01:00:00Z");
  auto t2 = *parse_instant("2026-03-02T01:00:00Z");
  ASSERT_TRUE(store_->add_progress_update({0, m, t2, "张三", 60, "第二次"}));
  ASSERT_TRUE(store_->add_progress_update({0, m, t1, "张三", 30, "第一次"}));
  auto ups = store_->progress_updates(m);
  ASSERT_TRUE(ups);
  ASSERT_EQ(ups->size(), 2u);
  EXPECT_EQ((*ups)[0].note, "第一次");
  EXPECT_EQ((*ups)[1].progress, 60);

  Extension e;
  e.measure_id = m;
  e.requested_at = t1;
  e.requested_by = "张三";
  e.old_due = *parse_date("2026-03-20");
  e.new_due = *parse_date("2026-04-20");
  e.reason = "等待审计结果";
  auto id = store_->add_extension(e);
  ASSERT_TRUE(id);
  e.id = *id;
  EXPECT_EQ(store_->pending_extensions()->size(), 1u);
  e.state = ExtensionState::approved;
  e.decided_at = t2;
  e.decided_by = "办公室";
  ASSERT_TRUE(store_->update_extension(e));
  auto got = store_->extension(*id);
  ASSERT_TRUE(got && *got);
  EXPECT_EQ((*got)->state, ExtensionState::approved);
  EXPECT_EQ((*got)->decided_at, t2);
  EXPECT_EQ((*got)->reason, "等待审计结果");
  EXPECT_TRUE(store_->pending_extensions()->empty());
  EXPECT_EQ(store_->extensions(m)->size(), 1u);
}

TEST_F(StoreTest, OpenWorkIsOpenMeasuresByDueWithLeaders) {
  Id a = add_measure(p1_, 1, zhang_, "2026-03-20", S::in_progress);
  add_measure(p1_, 2, zhang_, "2026-03-01", S::closed);
  Id c = add_measure(p3_, 1, wang_, "2026-03-05", S::done_reported);
  Id d = add_measure(p2_, 1, wang_, nullptr);
  add_measure(p2_, 2, wang_, "2026-03-02", S::ongoing);
  add_measure(p2_, 3, wang_, "2026-03-02", S::not_applicable);
  Id g = add_measure(p2_, 4, wang_, "2026-03-05");

  auto w = store_->load_open_work();
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ(w->people.size(), 3u);
  std::vector<Id> ids;
  for (const auto& om : w->measures)
    ids.push_back(om.measure.id);
  EXPECT_EQ(ids, (std::vector<Id>{c, g, a, d}));
  EXPECT_EQ(w->measures[0].problem_number, 3);
  EXPECT_FALSE(w->measures[0].leader_id);
  EXPECT_EQ(w->measures[2].leader_id, li_);
  EXPECT_EQ(w->measures[2].measure.owner_id, zhang_);
}

TEST_F(StoreTest, OpenWorkUsesThePartialIndex) {
  SQLite::Statement plan(db_->sql(),
                         "EXPLAIN QUERY PLAN SELECT m.id FROM measures m INDEXED BY "
                         "measures_open_due JOIN problems p ON p.id = m.problem_id WHERE "
                         "m.status IN ('open','in_progress','done_reported') ORDER BY m.due, m.id");
  std::string text;
  while (plan.executeStep())
    text += plan.getColumn(3).getString() + "\n";
  EXPECT_NE(text.find("measures_open_due"), std::string::npos) << text;
  EXPECT_EQ(text.find("TEMP B-TREE"), std::string::npos) << text;
}

}  // namespace
}  // namespace rectifyd::store
