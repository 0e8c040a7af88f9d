#include "office/measures.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "../store/ledger_fixture.h"
#include "config/config_load.h"
#include "office/people.h"
#include "store/audit.h"
#include "time/clock.h"

namespace rectifyd::office {
namespace {

using namespace std::chrono_literals;
using S = MeasureStatus;

using store::AuditLog;

class ActionsTest : public store::LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    office_ = std::make_unique<Office>(
        *db_, clock_, [this] { return config_; },
        [this](const Change& c) { changes_.push_back(c); });
    m_ = add_measure(p1_, 1, zhang_, "2026-03-20");
  }
  std::vector<AuditEntry> audit_rows() {
    auto page = AuditLog(*db_).list([&] {
      ::rectifyd::store::AuditQuery q;
      q.limit = 1000;
      return q;
    }());
    EXPECT_TRUE(page);
    return page ? page->entries : std::vector<AuditEntry>{};
  }
  static boost::json::object parse(const std::string& s) {
    return boost::json::parse(s).as_object();
  }

  ManualClock clock_{*parse_instant("2026-03-10T01:00:00Z")};
  config::Snapshot config_ = std::make_shared<const config::Config>(config::default_config());
  std::unique_ptr<Office> office_;
  std::vector<Change> changes_;
  Id m_ = 0;
};

TEST_F(ActionsTest, FullLifecycleWritesChangesAndAudit) {
  auto p = record_progress(*office_, {"张三"}, m_, 40, "已起草制度");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->status, S::in_progress);
  clock_.advance(24h);
  auto d = report_done(*office_, {"张三"}, m_, "制度已印发（文号 2026-3）");
  ASSERT_TRUE(d) << d.error().message;
  clock_.advance(24h);
  auto c = close(*office_, {"办公室"}, m_);
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
  auto r = close(*office_, {"办公室"}, m_);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("is open; allowed: progress, done, na"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(r.error().kind, ErrorKind::conflict);
  EXPECT_EQ((*store_->measure(m_))->status, S::open);
  EXPECT_TRUE(audit_rows().empty());

  auto bad = record_progress(*office_, {"张三"}, m_, 150, "");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::invalid);
  EXPECT_EQ(bad.error().location, "/progress");
  EXPECT_TRUE(changes_.empty());
  EXPECT_TRUE(store_->progress_updates(m_)->empty());
  EXPECT_TRUE(audit_rows().empty());
}

TEST_F(ActionsTest, UnknownMeasureIsAnError) {
  auto r = report_done(*office_, {"张三"}, 999, "x");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("no measure 999"), std::string::npos);
  EXPECT_EQ(r.error().kind, ErrorKind::not_found);
  EXPECT_TRUE(changes_.empty());
}

TEST_F(ActionsTest, AssignOwnerAndDue) {
  auto a = assign_owner(*office_, {"办公室"}, m_, wang_);
  ASSERT_TRUE(a);
  EXPECT_EQ((*store_->measure(m_))->owner_id, wang_);
  EXPECT_FALSE(assign_owner(*office_, {"办公室"}, m_, 999));
  auto d = set_due(*office_, {"办公室"}, m_, *parse_date("2026-06-30"));
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
  ASSERT_TRUE(mark_not_applicable(*office_, {"办公室"}, m_, "经核查问题不属实"));
  auto r = reopen(*office_, {"办公室"}, m_, "巡察组要求继续整改");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, S::in_progress);
  auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "measure.reopen");
  EXPECT_EQ(parse(rows[0].after)["reopen_reason"], "巡察组要求继续整改");
  EXPECT_EQ(parse(rows[0].before)["na_reason"], "经核查问题不属实");
}

TEST_F(ActionsTest, OngoingClose) {
  ASSERT_TRUE(report_done(*office_, {"张三"}, m_, "长效机制已建立"));
  auto r = close(*office_, {"办公室"}, m_, true);
  ASSERT_TRUE(r);
  EXPECT_EQ((*store_->measure(m_))->status, S::ongoing);
}

TEST_F(ActionsTest, ExtensionRequestApprove) {
  auto e = request_extension(*office_, {"张三"}, m_, *parse_date("2026-04-30"), "需等待财政批复");
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->state, ExtensionState::pending);
  // A second request while one is pending is refused.
  EXPECT_FALSE(request_extension(*office_, {"张三"}, m_, *parse_date("2026-05-30"), ""));

  clock_.advance(2h);
  auto d = approve_extension(*office_, {"办公室"}, e->id);
  ASSERT_TRUE(d) << d.error().message;
  auto m = *store_->measure(m_);
  EXPECT_EQ(m->due, parse_date("2026-04-30"));
  EXPECT_EQ(m->original_due, parse_date("2026-03-20"));
  auto stored = *store_->extension(e->id);
  EXPECT_EQ(stored->state, ExtensionState::approved);
  EXPECT_EQ(stored->decided_by, "办公室");
  EXPECT_EQ(stored->decided_at, *parse_instant("2026-03-10T03:00:00Z"));
  EXPECT_FALSE(approve_extension(*office_, {"办公室"}, e->id));

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
  clock_.set(*parse_instant("2026-03-19T01:00:00Z"));  // 09:00 on the 19th in the unit's zone
  auto e = request_extension(*office_, {"张三"}, m_, *parse_date("2026-04-30"), "");
  ASSERT_TRUE(e);
  auto d = reject_extension(*office_, {"办公室"}, e->id);
  ASSERT_TRUE(d);
  EXPECT_EQ((*store_->measure(m_))->due, parse_date("2026-03-20"));
  EXPECT_FALSE((*store_->measure(m_))->original_due);
  EXPECT_EQ((*store_->extension(e->id))->state, ExtensionState::rejected);
  // After a rejection a new request may be made.
  EXPECT_TRUE(request_extension(*office_, {"张三"}, m_, *parse_date("2026-04-10"), ""));
}

TEST_F(ActionsTest, ExtensionOnOrAfterDueIsRefusedAndNotStored) {
  clock_.set(*parse_instant("2026-03-20T01:00:00Z"));  // the due day itself
  auto r = request_extension(*office_, {"张三"}, m_, *parse_date("2026-04-30"), "");
  ASSERT_FALSE(r);
  EXPECT_TRUE(store_->extensions(m_)->empty());
  EXPECT_TRUE(audit_rows().empty());
}

TEST_F(ActionsTest, PeopleChangesAreAudited) {
  Person p;
  p.name = "孙八";
  p.roles.add(Role::owner);
  auto added = office::add_person(*office_, {"办公室"}, p);
  ASSERT_TRUE(added);
  Person changed = *added;
  changed.email = "sun@example.cn";
  ASSERT_TRUE(edit_person(*office_, {"办公室"}, changed));
  Person dup = *added;
  dup.id = 0;
  EXPECT_FALSE(office::add_person(*office_, {"办公室"}, dup));
  auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "person.update");
  EXPECT_EQ(parse(rows[0].before)["email"], "");
  EXPECT_EQ(parse(rows[0].after)["email"], "sun@example.cn");
  EXPECT_EQ(rows[1].action, "person.add");
}

}  // namespace
}  // namespace rectifyd::office

namespace rectifyd::office {
namespace {

TEST_F(ActionsTest, EachActionReportsWhatItChanged) {
  ASSERT_TRUE(record_progress(*office_, {"张三"}, m_, 10, ""));
  ASSERT_EQ(changes_.size(), 1u);
  EXPECT_EQ(changes_[0].measures, std::vector<Id>{m_});
  Person p;
  p.name = "赵六";
  auto added = office::add_person(*office_, {"办公室"}, p);
  ASSERT_TRUE(added);
  ASSERT_EQ(changes_.size(), 2u);
  EXPECT_EQ(changes_[1].people, std::vector<Id>{added->id});
}

TEST_F(ActionsTest, ReturnNeedsAReasonAndSendsTheItemBack) {
  ASSERT_TRUE(report_done(*office_, {"张三"}, m_, "制度已印发"));
  auto bare = send_back(*office_, {"办公室"}, m_, "  ");
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().location, "/reason");
  EXPECT_EQ((*store_->measure(m_))->status, S::done_reported);

  auto r = send_back(*office_, {"办公室"}, m_, "缺少印发文件扫描件");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, S::in_progress);
  auto rows = audit_rows();
  EXPECT_EQ(rows[0].action, "measure.return");
  EXPECT_EQ(parse(rows[0].after)["return_reason"], "缺少印发文件扫描件");
  auto ups = *store_->progress_updates(m_);
  EXPECT_EQ(ups.back().note, "退回：缺少印发文件扫描件");
  // Only a reported done can be returned.
  auto again = send_back(*office_, {"办公室"}, m_, "x");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
}

TEST_F(ActionsTest, PeopleRulesHoldForEveryFrontEnd) {
  Person p;
  p.name = "孙八";
  p.time_zone = "Mars/Olympus";
  auto r = office::add_person(*office_, {"办公室"}, p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/time_zone");
  p.time_zone = "Europe/Berlin";
  p.email = "not-an-address";
  EXPECT_EQ(office::add_person(*office_, {"办公室"}, p).error().location, "/email");
  p.email.clear();
  ASSERT_TRUE(office::add_person(*office_, {"办公室"}, p));
  auto dup = office::add_person(*office_, {"办公室"}, p);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().kind, ErrorKind::conflict);
}

TEST_F(ActionsTest, DeactivatedPeopleCannotBeMadeOwners) {
  auto d = deactivate_person(*office_, {"办公室"}, wang_);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_FALSE(d->active);
  EXPECT_FALSE((*store_->person(wang_))->active);
  EXPECT_EQ(deactivate_person(*office_, {"办公室"}, wang_).error().kind, ErrorKind::conflict);
  auto a = assign_owner(*office_, {"办公室"}, m_, wang_);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().kind, ErrorKind::conflict);
  EXPECT_EQ(audit_rows()[0].action, "person.deactivate");
}

TEST_F(ActionsTest, RejectionReasonIsKeptInTheAuditRow) {
  auto e = request_extension(*office_, {"张三"}, m_, *parse_date("2026-04-30"), "等待批复");
  ASSERT_TRUE(e);
  ASSERT_TRUE(reject_extension(*office_, {"办公室"}, e->id, "理由不充分，请按期完成"));
  EXPECT_EQ(parse(audit_rows()[0].after)["reason"], "理由不充分，请按期完成");
  EXPECT_EQ(approve_extension(*office_, {"办公室"}, 999).error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace rectifyd::office
