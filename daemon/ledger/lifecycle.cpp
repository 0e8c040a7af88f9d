#include "ledger/lifecycle.h"

#include <array>
#include <string>

#include "core/dates.h"
#include "core/names.h"

namespace rectifyd::ledger {
namespace {

constexpr std::array kAllTransitions{
    Transition::progress,  Transition::done,           Transition::close, Transition::ongoing,
    Transition::send_back, Transition::not_applicable, Transition::reopen};

std::string measure_ref_zh(const Measure& m) {
  return "措施 " + std::to_string(m.id);
}

/// "措施 12 当前为“已销号”，不能报完成；可以：重新打开（measure 12 is closed; allowed: reopen）"
Error not_allowed(const Measure& m, std::string_view attempted_zh) {
  std::string zh_allowed;
  std::string en_allowed;
  for (Transition t : allowed_from(m.status)) {
    if (!zh_allowed.empty()) {
      zh_allowed += "、";
      en_allowed += ", ";
    }
    zh_allowed += label_zh(t);
    en_allowed += to_string(t);
  }
  return Error{measure_ref_zh(m) + " 当前为“" + std::string(label_zh(m.status)) + "”，不能" +
                   std::string(attempted_zh) + "；可以：" + zh_allowed + "（measure " +
                   std::to_string(m.id) + " is " + std::string(to_string(m.status)) +
                   "; allowed: " + en_allowed + "）",
               ErrorKind::conflict};
}

Result<Measure> check(const Measure& m, Transition t) {
  if (!is_allowed(m.status, t))
    return not_allowed(m, label_zh(t));
  return m;
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool is_open_work(MeasureStatus s) {
  return s == MeasureStatus::open || s == MeasureStatus::in_progress ||
         s == MeasureStatus::done_reported;
}

Error finished_needs_reopen(const Measure& m, std::string_view what_zh, std::string_view what_en) {
  return Error{measure_ref_zh(m) + " 当前为“" + std::string(label_zh(m.status)) + "”，不能" +
                   std::string(what_zh) + "，请先重新打开（measure " + std::to_string(m.id) +
                   " is " + std::string(to_string(m.status)) + "; reopen it before changing its " +
                   std::string(what_en) + "）",
               ErrorKind::conflict};
}

}  // namespace

std::string_view to_string(Transition t) {
  switch (t) {
    case Transition::progress:
      return "progress";
    case Transition::done:
      return "done";
    case Transition::close:
      return "close";
    case Transition::ongoing:
      return "ongoing";
    case Transition::not_applicable:
      return "na";
    case Transition::send_back:
      return "return";
    case Transition::reopen:
      return "reopen";
  }
  return "progress";
}

std::string_view label_zh(Transition t) {
  switch (t) {
    case Transition::progress:
      return "报进度";
    case Transition::done:
      return "报完成";
    case Transition::close:
      return "销号";
    case Transition::ongoing:
      return "转长期坚持";
    case Transition::not_applicable:
      return "标记无需整改";
    case Transition::send_back:
      return "退回";
    case Transition::reopen:
      return "重新打开";
  }
  return "报进度";
}

bool is_allowed(MeasureStatus from, Transition t) {
  switch (t) {
    case Transition::progress:
    case Transition::done:
    case Transition::not_applicable:
      return from == MeasureStatus::open || from == MeasureStatus::in_progress;
    case Transition::close:
    case Transition::ongoing:
    case Transition::send_back:
      return from == MeasureStatus::done_reported;
    case Transition::reopen:
      return from == MeasureStatus::done_reported || from == MeasureStatus::closed ||
             from == MeasureStatus::ongoing || from == MeasureStatus::not_applicable;
  }
  return false;
}

std::vector<Transition> allowed_from(MeasureStatus s) {
  std::vector<Transition> out;
  for (Transition t : kAllTransitions) {
    if (is_allowed(s, t))
      out.push_back(t);
  }
  return out;
}

MeasureStatus target(Transition t) {
  switch (t) {
    case Transition::progress:
      return MeasureStatus::in_progress;
    case Transition::done:
      return MeasureStatus::done_reported;
    case Transition::close:
      return MeasureStatus::closed;
    case Transition::ongoing:
      return MeasureStatus::ongoing;
    case Transition::not_applicable:
      return MeasureStatus::not_applicable;
    case Transition::send_back:
    case Transition::reopen:
      return MeasureStatus::in_progress;
  }
  return MeasureStatus::open;
}

bool is_finished(MeasureStatus s) {
  return s == MeasureStatus::closed || s == MeasureStatus::ongoing ||
         s == MeasureStatus::not_applicable;
}

Result<Measure> record_progress(const Measure& m, int progress, Instant now) {
  auto r = check(m, Transition::progress);
  if (!r)
    return r;
  if (progress < 0 || progress > 100) {
    return Error{"进度须在 0 到 100 之间，收到 " + std::to_string(progress) +
                 "（progress must be 0–100, got " + std::to_string(progress) + "）"};
  }
  r->status = MeasureStatus::in_progress;
  r->progress = progress;
  r->last_progress_at = now;
  return r;
}

Result<Measure> report_done(const Measure& m, std::string_view evidence, Instant now) {
  auto r = check(m, Transition::done);
  if (!r)
    return r;
  if (is_blank(evidence)) {
    return Error{measure_ref_zh(m) + " 报完成须附整改佐证材料说明（measure " +
                 std::to_string(m.id) + ": evidence is required to report it done）"};
  }
  r->status = MeasureStatus::done_reported;
  r->evidence = std::string(evidence);
  r->progress = 100;
  r->last_progress_at = now;
  return r;
}

Result<Measure> close(const Measure& m, Instant now) {
  auto r = check(m, Transition::close);
  if (!r)
    return r;
  r->status = MeasureStatus::closed;
  r->closed_at = now;
  return r;
}

Result<Measure> close_ongoing(const Measure& m, Instant now) {
  auto r = check(m, Transition::ongoing);
  if (!r)
    return r;
  r->status = MeasureStatus::ongoing;
  r->closed_at = now;
  return r;
}

Result<Measure> mark_not_applicable(const Measure& m, std::string_view reason, Instant now) {
  auto r = check(m, Transition::not_applicable);
  if (!r)
    return r;
  if (is_blank(reason)) {
    return Error{measure_ref_zh(m) + " 标记无需整改须说明理由（measure " + std::to_string(m.id) +
                 ": a reason is required to mark it not applicable）"};
  }
  r->status = MeasureStatus::not_applicable;
  r->na_reason = std::string(reason);
  r->closed_at = now;
  return r;
}

Result<Measure> reopen(const Measure& m) {
  auto r = check(m, Transition::reopen);
  if (!r)
    return r;
  r->status = MeasureStatus::in_progress;
  r->closed_at.reset();
  return r;
}

Result<Measure> send_back(const Measure& m, std::string_view reason) {
  auto r = check(m, Transition::send_back);
  if (!r)
    return r;
  if (is_blank(reason)) {
    return Error{measure_ref_zh(m) + " 退回须说明理由，告诉责任人还差什么（measure " +
                 std::to_string(m.id) + ": a reason is required to return it）"};
  }
  r->status = MeasureStatus::in_progress;
  return r;
}

Result<Measure> assign_owner(const Measure& m, Id owner) {
  if (!is_open_work(m.status))
    return finished_needs_reopen(m, "更换责任人", "owner");
  Measure r = m;
  r.owner_id = owner;
  return r;
}

Result<Measure> set_due(const Measure& m, LocalDate due) {
  if (!is_open_work(m.status))
    return finished_needs_reopen(m, "修改时限", "due date");
  Measure r = m;
  r.due = due;
  return r;
}

Result<Extension> request_extension(const Measure& m, LocalDate new_due, std::string_view reason,
                                    std::string_view actor, LocalDate today, Instant now,
                                    bool has_pending) {
  std::string id = std::to_string(m.id);
  if (!is_open_work(m.status)) {
    return Error{measure_ref_zh(m) + " 当前为“" + std::string(label_zh(m.status)) +
                     "”，不能申请延期（measure " + id + " is " + std::string(to_string(m.status)) +
                     "; only open work can be extended）",
                 ErrorKind::conflict};
  }
  if (!m.due) {
    return Error{measure_ref_zh(m) + " 没有时限，无需申请延期，请直接设定时限（measure " + id +
                 " has no due date; set one instead）"};
  }
  if (!(today < *m.due)) {
    return Error{measure_ref_zh(m) + " 的时限是 " + format_date(*m.due) +
                     "，延期须在时限之前申请，今天（" + format_date(today) +
                     "）已不能申请（measure " + id +
                     ": an extension must be requested before the due "
                     "date " +
                     format_date(*m.due) + "）",
                 ErrorKind::conflict};
  }
  if (!(*m.due < new_due)) {
    return Error{measure_ref_zh(m) + " 申请的新时限 " + format_date(new_due) + " 须晚于现时限 " +
                 format_date(*m.due) + "（measure " + id + ": the new due date must be after " +
                 format_date(*m.due) + "）"};
  }
  if (has_pending) {
    return Error{measure_ref_zh(m) + " 已有待审批的延期申请，请等待审批结果（measure " + id +
                     " already has a pending extension request）",
                 ErrorKind::conflict};
  }
  Extension e;
  e.measure_id = m.id;
  e.requested_at = now;
  e.requested_by = std::string(actor);
  e.old_due = *m.due;
  e.new_due = new_due;
  e.reason = std::string(reason);
  e.state = ExtensionState::pending;
  return e;
}

namespace {

Status check_decidable(const Measure& m, const Extension& e) {
  std::string id = std::to_string(e.id);
  if (e.measure_id != m.id) {
    return Error{"延期申请 " + id + " 不属于措施 " + std::to_string(m.id) + "（extension " + id +
                     " belongs to measure " + std::to_string(e.measure_id) + "）",
                 ErrorKind::conflict};
  }
  if (e.state != ExtensionState::pending) {
    return Error{"延期申请 " + id + " 已" +
                     (e.state == ExtensionState::approved ? "批准" : "驳回") +
                     "，不能再次审批（extension " + id + " is already " +
                     std::string(to_string(e.state)) + "）",
                 ErrorKind::conflict};
  }
  return ok_status();
}

}  // namespace

Result<ExtensionDecision> approve_extension(const Measure& m, const Extension& e,
                                            std::string_view actor, Instant now) {
  if (auto st = check_decidable(m, e); !st)
    return st.error();
  if (!is_open_work(m.status)) {
    return Error{measure_ref_zh(m) + " 当前为“" + std::string(label_zh(m.status)) +
                     "”，不能批准延期，可驳回（measure " + std::to_string(m.id) + " is " +
                     std::string(to_string(m.status)) + "; allowed: reject-extension）",
                 ErrorKind::conflict};
  }
  ExtensionDecision d{m, e};
  if (!d.measure.original_due)
    d.measure.original_due = m.due ? *m.due : e.old_due;
  d.measure.due = e.new_due;
  d.extension.state = ExtensionState::approved;
  d.extension.decided_at = now;
  d.extension.decided_by = std::string(actor);
  return d;
}

Result<ExtensionDecision> reject_extension(const Measure& m, const Extension& e,
                                           std::string_view actor, Instant now) {
  if (auto st = check_decidable(m, e); !st)
    return st.error();
  ExtensionDecision d{m, e};
  d.extension.state = ExtensionState::rejected;
  d.extension.decided_at = now;
  d.extension.decided_by = std::string(actor);
  return d;
}

}  // namespace rectifyd::ledger
