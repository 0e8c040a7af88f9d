#include "ledger/lifecycle.h"

#include <gtest/gtest.h>

#include "core/dates.h"
#include "core/names.h"

namespace rectifyd::ledger {
namespace {

using S = MeasureStatus;
using T = Transition;

const Instant kNow = *parse_instant("2026-03-10T02:00:00Z");

Measure measure_in(S status) {
  Measure m;
  m.id = 12;
  m.problem_id = 3;
  m.status = status;
  m.due = parse_date("2026-03-20");
  return m;
}

/// Applies a transition with valid arguments (evidence, reason, progress).
Result<Measure> apply(const Measure& m, T t) {
  switch (t) {
    case T::progress:
      return record_progress(m, 40, kNow);
    case T::done:
      return report_done(m, "制度文件已印发", kNow);
    case T::close:
      return close(m, kNow);
    case T::ongoing:
      return close_ongoing(m, kNow);
    case T::send_back:
      return send_back(m, "缺少印发文件");
    case T::not_applicable:
      return mark_not_applicable(m, "经核查不属实", kNow);
    case T::reopen:
      return reopen(m);
  }
  return Error{"unreachable"};
}

struct Row {
  S from;
  T transition;
  bool legal;
  S to;
};

// Every status × every transition.
const Row kTable[] = {
    {S::open, T::progress, true, S::in_progress},
    {S::open, T::done, true, S::done_reported},
    {S::open, T::close, false, S::open},
    {S::open, T::ongoing, false, S::open},
    {S::open, T::send_back, false, S::open},
    {S::open, T::not_applicable, true, S::not_applicable},
    {S::open, T::reopen, false, S::open},

    {S::in_progress, T::progress, true, S::in_progress},
    {S::in_progress, T::done, true, S::done_reported},
    {S::in_progress, T::close, false, S::in_progress},
    {S::in_progress, T::ongoing, false, S::in_progress},
    {S::in_progress, T::send_back, false, S::in_progress},
    {S::in_progress, T::not_applicable, true, S::not_applicable},
    {S::in_progress, T::reopen, false, S::in_progress},

    {S::done_reported, T::progress, false, S::done_reported},
    {S::done_reported, T::done, false, S::done_reported},
    {S::done_reported, T::close, true, S::closed},
    {S::done_reported, T::ongoing, true, S::ongoing},
    {S::done_reported, T::send_back, true, S::in_progress},
    {S::done_reported, T::not_applicable, false, S::done_reported},
    {S::done_reported, T::reopen, true, S::in_progress},

    {S::closed, T::progress, false, S::closed},
    {S::closed, T::done, false, S::closed},
    {S::closed, T::close, false, S::closed},
    {S::closed, T::ongoing, false, S::closed},
    {S::closed, T::send_back, false, S::closed},
    {S::closed, T::not_applicable, false, S::closed},
    {S::closed, T::reopen, true, S::in_progress},

    {S::ongoing, T::progress, false, S::ongoing},
    {S::ongoing, T::done, false, S::ongoing},
    {S::ongoing, T::close, false, S::ongoing},
    {S::ongoing, T::ongoing, false, S::ongoing},
    {S::ongoing, T::send_back, false, S::ongoing},
    {S::ongoing, T::not_applicable, false, S::ongoing},
    {S::ongoing, T::reopen, true, S::in_progress},

    {S::not_applicable, T::progress, false, S::not_applicable},
    {S::not_applicable, T::done, false, S::not_applicable},
    {S::not_applicable, T::close, false, S::not_applicable},
    {S::not_applicable, T::ongoing, false, S::not_applicable},
    {S::not_applicable, T::send_back, false, S::not_applicable},
    {S::not_applicable, T::not_applicable, false, S::not_applicable},
    {S::not_applicable, T::reopen, true, S::in_progress},
};

TEST(Lifecycle, TableCoversEveryStatusAndTransition) {
  EXPECT_EQ(std::size(kTable), 6u * 7u);
}

TEST(Lifecycle, EveryTransitionLegalOrIllegal) {
  for (const Row& row : kTable) {
    SCOPED_TRACE(std::string(to_string(row.from)) + " --" + std::string(to_string(row.transition)) +
                 "-->");
    EXPECT_EQ(is_allowed(row.from, row.transition), row.legal);
    auto r = apply(measure_in(row.from), row.transition);
    ASSERT_EQ(r.ok(), row.legal) << (r ? "" : r.error().message);
    if (row.legal) {
      EXPECT_EQ(r->status, row.to);
      EXPECT_EQ(target(row.transition), row.to);
    } else {
      // The message names the measure, its status and what is allowed from it.
      std::string allowed;
      for (T t : allowed_from(row.from))
        allowed += (allowed.empty() ? "" : ", ") + std::string(to_string(t));
      EXPECT_NE(r.error().message.find("measure 12 is " + std::string(to_string(row.from)) +
                                       "; allowed: " + allowed),
                std::string::npos)
          << r.error().message;
      EXPECT_NE(r.error().message.find(std::string(label_zh(row.from))), std::string::npos);
    }
  }
}

TEST(Lifecycle, AReturnNeedsAReason) {
  auto r = send_back(measure_in(S::done_reported), " ");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("退回须说明理由"), std::string::npos);
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  EXPECT_EQ(close(measure_in(S::open), kNow).error().kind, ErrorKind::conflict);
}

TEST(Lifecycle, ClosedMessageMatchesTheOfficeWording) {
  auto r = report_done(measure_in(S::closed), "证据", kNow);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("measure 12 is closed; allowed: reopen"), std::string::npos);
  EXPECT_NE(r.error().message.find("已销号"), std::string::npos);
  EXPECT_NE(r.error().message.find("重新打开"), std::string::npos);
}

TEST(Lifecycle, ProgressMustBeZeroToHundred) {
  auto m = measure_in(S::open);
  EXPECT_FALSE(record_progress(m, -1, kNow));
  EXPECT_FALSE(record_progress(m, 101, kNow));
  auto zero = record_progress(m, 0, kNow);
  ASSERT_TRUE(zero);
  EXPECT_EQ(zero->progress, 0);
  auto full = record_progress(m, 100, kNow);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->progress, 100);
  EXPECT_EQ(full->status, S::in_progress);
  EXPECT_EQ(full->last_progress_at, kNow);
}

TEST(Lifecycle, DoneRequiresEvidence) {
  auto m = measure_in(S::in_progress);
  EXPECT_FALSE(report_done(m, "", kNow));
  auto blank = report_done(m, "  \n", kNow);
  ASSERT_FALSE(blank);
  EXPECT_NE(blank.error().message.find("evidence is required"), std::string::npos);
  auto r = report_done(m, "会议纪要", kNow);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->evidence, "会议纪要");
  EXPECT_EQ(r->progress, 100);
}

TEST(Lifecycle, NotApplicableRequiresReason) {
  auto m = measure_in(S::open);
  auto r = mark_not_applicable(m, " ", kNow);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("reason is required"), std::string::npos);
  auto ok = mark_not_applicable(m, "问题不属实", kNow);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->na_reason, "问题不属实");
}

TEST(Lifecycle, CloseStampsAndReopenClears) {
  auto closed = close(measure_in(S::done_reported), kNow);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->closed_at, kNow);
  auto reopened = reopen(*closed);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->status, S::in_progress);
  EXPECT_FALSE(reopened->closed_at);
}

TEST(Lifecycle, OwnerAndDueChangeOnlyOnOpenWork) {
  for (S s : {S::open, S::in_progress, S::done_reported}) {
    EXPECT_TRUE(assign_owner(measure_in(s), 7));
    auto d = set_due(measure_in(s), *parse_date("2026-04-01"));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->due, parse_date("2026-04-01"));
  }
  for (S s : {S::closed, S::ongoing, S::not_applicable}) {
    auto r = assign_owner(measure_in(s), 7);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("reopen"), std::string::npos);
    EXPECT_FALSE(set_due(measure_in(s), *parse_date("2026-04-01")));
  }
}

// ---- extensions ------------------------------------------------------------------------------

const LocalDate kDue = *parse_date("2026-03-20");

TEST(Extension, RequestStrictlyBeforeDue) {
  auto m = measure_in(S::in_progress);
  auto later = *parse_date("2026-04-10");
  auto day_before =
      request_extension(m, later, "材料未齐", "张三", kDue - date::days{1}, kNow, false);
  ASSERT_TRUE(day_before) << day_before.error().message;
  EXPECT_EQ(day_before->old_due, kDue);
  EXPECT_EQ(day_before->new_due, later);
  EXPECT_EQ(day_before->state, ExtensionState::pending);
  EXPECT_EQ(day_before->requested_by, "张三");

  auto on_due = request_extension(m, later, "", "张三", kDue, kNow, false);
  ASSERT_FALSE(on_due);
  EXPECT_NE(on_due.error().message.find("before the due date"), std::string::npos);
  EXPECT_FALSE(request_extension(m, later, "", "张三", kDue + date::days{1}, kNow, false));
}

TEST(Extension, NewDateMustBeLater) {
  auto m = measure_in(S::open);
  auto today = kDue - date::days{5};
  EXPECT_FALSE(request_extension(m, kDue, "", "张三", today, kNow, false));
  EXPECT_FALSE(request_extension(m, kDue - date::days{1}, "", "张三", today, kNow, false));
  EXPECT_TRUE(request_extension(m, kDue + date::days{1}, "", "张三", today, kNow, false));
}

TEST(Extension, NeedsOpenWorkADueDateAndNoPendingRequest) {
  auto today = kDue - date::days{5};
  auto later = kDue + date::days{10};
  EXPECT_FALSE(request_extension(measure_in(S::closed), later, "", "a", today, kNow, false));
  auto undated = measure_in(S::open);
  undated.due.reset();
  EXPECT_FALSE(request_extension(undated, later, "", "a", today, kNow, false));
  auto pending = request_extension(measure_in(S::open), later, "", "a", today, kNow, true);
  ASSERT_FALSE(pending);
  EXPECT_NE(pending.error().message.find("pending"), std::string::npos);
}

Extension pending_for(const Measure& m) {
  Extension e;
  e.id = 5;
  e.measure_id = m.id;
  e.old_due = *m.due;
  e.new_due = *m.due + date::days{14};
  return e;
}

TEST(Extension, ApproveMovesDueAndKeepsOriginalOnce) {
  auto m = measure_in(S::in_progress);
  auto d = approve_extension(m, pending_for(m), "办公室", kNow);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->measure.due, kDue + date::days{14});
  EXPECT_EQ(d->measure.original_due, kDue);
  EXPECT_EQ(d->extension.state, ExtensionState::approved);
  EXPECT_EQ(d->extension.decided_by, "办公室");
  EXPECT_EQ(d->extension.decided_at, kNow);

  // A second extension keeps the first original date.
  auto second = approve_extension(d->measure, pending_for(d->measure), "办公室", kNow);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->measure.due, kDue + date::days{28});
  EXPECT_EQ(second->measure.original_due, kDue);
}

TEST(Extension, RejectKeepsDate) {
  auto m = measure_in(S::in_progress);
  auto d = reject_extension(m, pending_for(m), "办公室", kNow);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->measure.due, kDue);
  EXPECT_FALSE(d->measure.original_due);
  EXPECT_EQ(d->extension.state, ExtensionState::rejected);
}

TEST(Extension, DecidedOnlyOnce) {
  auto m = measure_in(S::in_progress);
  auto e = pending_for(m);
  e.state = ExtensionState::approved;
  EXPECT_FALSE(approve_extension(m, e, "办公室", kNow));
  EXPECT_FALSE(reject_extension(m, e, "办公室", kNow));
}

TEST(Extension, NotApprovedForFinishedMeasure) {
  auto m = measure_in(S::closed);
  EXPECT_FALSE(approve_extension(m, pending_for(m), "办公室", kNow));
  EXPECT_TRUE(reject_extension(m, pending_for(m), "办公室", kNow));
}

}  // namespace
}  // namespace rectifyd::ledger
