#include "ledger/actions.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "ledger/audit.h"
#include "ledger_fixture.h"
#include "time/clock.h"

namespace rectifyd::ledger {
namespace {

using namespace std::chrono_literals;
using S = MeasureStatus;

class ActionsTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    actions_ = std::make_unique<Actions>(*db_, clock_);
    m_ = add_measure(p1_, 1, zhang_, "2026-03-20");
  }
  std::vector<AuditEntry> audit_rows() {
    auto page = AuditLog(*db_).list({std::nullopt, "", 1000});
    EXPECT_TRUE(page);
    return page ? page->entries : std::vector<AuditEntry>{};
  }
  static boost::json::object parse(const std::string& s) {
    return boost::json::parse(s).as_object();
  }

  ManualClock clock_{*parse_instant("2026-03-10T01:00:00Z")};
  std::unique_ptr<Actions> actions_;
  Id m_ = 0;
};

TEST_F(ActionsTest, FullLifecycleWritesChangesAndAudit) {
  auto p = actions_->record_progress(m_, 40, "已起草制度", "张三");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->status, S::in_progress);
  clock_.advance(24h);
  auto d = actions_->report_done(m_, "制度已印发（文号 2026-3）", "张三");
  ASSERT_TRUE(d) << d.error().message;
  clock_.advance(24h);
  auto c = actions_->close(m_, "办公室");
  ASSERT_TRUE(c) << c.error().message;

  auto stored = *store_->measure(m_);
  EXPECT_EQ(stored->status, S::closed);
  EXPECT_EQ(stored->closed_at, *parse_instant("2026-03-12T01:00:00Z"));
  EXPECT_EQ(stored->evidence, "制度已印发（文号 2026-3）");

  auto ups = *store_->progress_updates(m_);
  ASSERT_EQ(ups.size(), 2u);
  EXPECT_EQ(ups[0].progress, 40);
  EXPECT_EQ(ups[0].note, "已起草制度");
  EXPECT_EQ(ups[1].progress, 100);

  auto rows = audit_rows();  // newest first
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].action, "measure.close");
  EXPECT_EQ(rows[0].actor, "办公室");
  EXPECT_EQ(rows[0].entity, "measure:" + std::to_string(m_));
  EXPECT_EQ(rows[0].at, *parse_instant("2026-03-12T01:00:00Z"));
  EXPECT_EQ(parse(rows[0].before)["status"], "done_reported");
  EXPECT_EQ(parse(rows[0].after)["status"], "closed");
  EXPECT_EQ(rows[1].action, "measure.done");
  EXPECT_EQ(rows[2].action, "measure.progress");
  EXPECT_EQ(parse(rows[2].before)["progress"], 0);
  EXPECT_EQ(parse(rows[2].after)["progress"], 40);
}

TEST_F(ActionsTest, IllegalTransitionChangesNothing) {
  auto r = actions_->close(m_, "办公室");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("is open; allowed: progress, done, na"), std::string::npos)
      << r.error().message;
  EXPECT_EQ((*store_->measure(m_))->status, S::open);
  EXPECT_TRUE(audit_rows().empty());

  auto bad = actions_->record_progress(m_, 150, "", "张三");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(store_->progress_updates(m_)->empty());
  EXPECT_TRUE(audit_rows().empty());
}

TEST_F(ActionsTest, UnknownMeasureIsAnError) {
  auto r = actions_->report_done(999, "x", "张三");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("no measure 999"), std::string::npos);
}

TEST_F(ActionsTest, AssignOwnerAndDue) {
  auto a = actions_->assign_owner(m_, wang_, "办公室");
  ASSERT_TRUE(a);
  EXPECT_EQ((*store_->measure(m_))->owner_id, wang_);
  EXPECT_FALSE(actions_->assign_owner(m_, 999, "办公室"));
  auto d = actions_->set_due(m_, *parse_date("2026-06-30"), "办公室");
  ASSERT_TRUE(d);
  EXPECT_EQ((*store_->measure(m_))->due, parse_date("2026-06-30"));
  auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "measure.due");
  EXPECT_EQ(parse(rows[0].before)["due"], "2026-03-20");
  EXPECT_EQ(parse(rows[0].after)["due"], "2026-06-30");
  EXPECT_EQ(rows[1].action, "measure.assign");
  EXPECT_EQ(parse(rows[1].after)["owner_id"], wang_);
}

TEST_F(ActionsTest, ReopenKeepsReasonInAudit) {
  ASSERT_TRUE(actions_->mark_not_applicable(m_, "经核查问题不属实", "办公室"));
  auto r = actions_->reopen(m_, "巡察组要求继续整改", "办公室");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, S::in_progress);
  auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "measure.reopen");
  EXPECT_EQ(parse(rows[0].after)["reopen_reason"], "巡察组要求继续整改");
  EXPECT_EQ(parse(rows[0].before)["na_reason"], "经核查问题不属实");
}

TEST_F(ActionsTest, OngoingClose) {
  ASSERT_TRUE(actions_->report_done(m_, "长效机制已建立", "张三"));
  auto r = actions_->close_ongoing(m_, "办公室");
  ASSERT_TRUE(r);
  EXPECT_EQ((*store_->measure(m_))->status, S::ongoing);
}

TEST_F(ActionsTest, ExtensionRequestApprove) {
  auto today = *parse_date("2026-03-10");
  auto e =
      actions_->request_extension(m_, *parse_date("2026-04-30"), "需等待财政批复", "张三", today);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->state, ExtensionState::pending);
  // A second request while one is pending is refused.
  EXPECT_FALSE(actions_->request_extension(m_, *parse_date("2026-05-30"), "", "张三", today));

  clock_.advance(2h);
  auto d = actions_->approve_extension(e->id, "办公室");
  ASSERT_TRUE(d) << d.error().message;
  auto m = *store_->measure(m_);
  EXPECT_EQ(m->due, parse_date("2026-04-30"));
  EXPECT_EQ(m->original_due, parse_date("2026-03-20"));
  auto stored = *store_->extension(e->id);
  EXPECT_EQ(stored->state, ExtensionState::approved);
  EXPECT_EQ(stored->decided_by, "办公室");
  EXPECT_EQ(stored->decided_at, *parse_instant("2026-03-10T03:00:00Z"));
  EXPECT_FALSE(actions_->approve_extension(e->id, "办公室"));

  auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "extension.approve");
  auto before = parse(rows[0].before);
  auto after = parse(rows[0].after);
  EXPECT_EQ(before["measure"].as_object()["due"], "2026-03-20");
  EXPECT_EQ(after["measure"].as_object()["due"], "2026-04-30");
  EXPECT_EQ(after["extension"].as_object()["state"], "approved");
  EXPECT_EQ(rows[1].action, "extension.request");
}

TEST_F(ActionsTest, ExtensionRejectKeepsDate) {
  auto today = *parse_date("2026-03-19");
  auto e = actions_->request_extension(m_, *parse_date("2026-04-30"), "", "张三", today);
  ASSERT_TRUE(e);
  auto d = actions_->reject_extension(e->id, "办公室");
  ASSERT_TRUE(d);
  EXPECT_EQ((*store_->measure(m_))->due, parse_date("2026-03-20"));
  EXPECT_FALSE((*store_->measure(m_))->original_due);
  EXPECT_EQ((*store_->extension(e->id))->state, ExtensionState::rejected);
  // After a rejection a new request may be made.
  EXPECT_TRUE(actions_->request_extension(m_, *parse_date("2026-04-10"), "", "张三", today));
}

TEST_F(ActionsTest, ExtensionOnOrAfterDueIsRefusedAndNotStored) {
  auto r = actions_->request_extension(m_, *parse_date("2026-04-30"), "", "张三",
                                       *parse_date("2026-03-20"));
  ASSERT_FALSE(r);
  EXPECT_TRUE(store_->extensions(m_)->empty());
  EXPECT_TRUE(audit_rows().empty());
}

TEST_F(ActionsTest, PeopleChangesAreAudited) {
  Person p;
  p.name = "孙八";
  p.roles.add(Role::owner);
  auto added = actions_->add_person(p, "办公室");
  ASSERT_TRUE(added);
  Person changed = *added;
  changed.email = "sun@example.cn";
  ASSERT_TRUE(actions_->update_person(changed, "办公室"));
  Person dup = *added;
  dup.id = 0;
  EXPECT_FALSE(actions_->add_person(dup, "办公室"));
  auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "person.update");
  EXPECT_EQ(parse(rows[0].before)["email"], "");
  EXPECT_EQ(parse(rows[0].after)["email"], "sun@example.cn");
  EXPECT_EQ(rows[1].action, "person.add");
}

}  // namespace
}  // namespace rectifyd::ledger
