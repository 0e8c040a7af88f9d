#include "office/measures.h"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "core/dates.h"

#include "ledger/ledger_json.h"
#include "store/ledger_store.h"
#include "store/owner_notices.h"
#include "time/zone.h"

namespace rectifyd::office {
namespace json = boost::json;
namespace {

std::string measure_entity(Id id) {
  return "measure:" + std::to_string(id);
}

Result<Measure> load_measure(store::LedgerStore& store, Id id) {
  auto m = store.measure(id);
  if (!m)
    return Error{m.error().message, ErrorKind::internal};
  if (!*m)
    return no_measure(id);
  return **m;
}

Change measure_change(Id id) {
  Change c;
  c.measures.push_back(id);
  return c;
}

/// Loads the measure, lets f make the new value (and any rows beside it), writes it and the
/// audit row; `extra` adds fields to the audit row's "after".
template <class F>
Result<Measure> change_measure(Office& o, const Actor& a, Id id, std::string_view action, F&& f,
                               json::object extra = {}) {
  store::LedgerStore store(o.db());
  auto r = transact<Measure>(o, [&]() -> Result<Measure> {
    auto before = load_measure(store, id);
    if (!before)
      return before;
    Result<Measure> after = f(store, *before);
    if (!after)
      return after;
    // The day it was finished, in the unit's zone, is what 按期办结 compares with the due date.
    if (!after->closed_at)
      after->closed_on.reset();
    else if (after->closed_at != before->closed_at || !after->closed_on)
      after->closed_on = local_date(o.zone(), *after->closed_at);
    if (auto st = store.update_measure(*after); !st)
      return Error{st.error().message, ErrorKind::internal};
    json::value after_json = ledger::to_json(*after);
    for (auto& [k, v] : extra)
      after_json.as_object()[k] = v;
    if (auto st = audit(o, a, action, measure_entity(id), json::serialize(ledger::to_json(*before)),
                        json::serialize(after_json));
        !st)
      return st.error();
    return after;
  });
  if (r)
    o.changed(measure_change(id));
  return r;
}

/// Appends a line to the measure's progress history.
Status add_update(store::LedgerStore& store, const Measure& m, const Actor& a, Instant now,
                  int progress, std::string_view note) {
  ProgressUpdate u{0, m.id, now, a.name, progress, std::string(note)};
  if (auto id = store.add_progress_update(u); !id)
    return Error{id.error().message, ErrorKind::internal};
  return ok_status();
}

/// The owner is to be told of the office's decision (the planner engine sends it to their
/// personal channels); joins the decision's transaction.
Status tell_owner(Office& o, const Measure& m, std::string kind, std::string_view reason,
                  std::string new_due = {}) {
  if (!m.owner_id)
    return ok_status();
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(o.clock().now().time_since_epoch()).count();
  plan::OwnerNoticeRow row;
  row.person_id = *m.owner_id;
  row.measure_id = m.id;
  row.kind = std::move(kind);
  row.reason = std::string(reason);
  row.new_due = std::move(new_due);
  row.created_at = now;
  auto id = store::OwnerNotices(o.db()).insert(row);
  if (!id)
    return id.error();
  return ok_status();
}

}  // namespace

Error no_measure(Id id) {
  return not_found("没有编号为 " + std::to_string(id) + " 的整改措施（no measure " +
                   std::to_string(id) + "）");
}

Result<Measure> assign_owner(Office& o, const Actor& a, Id measure, Id owner) {
  return change_measure(o, a, measure, "measure.assign",
                        [&](store::LedgerStore& store, const Measure& m) -> Result<Measure> {
                          auto p = store.person(owner);
                          if (!p)
                            return Error{p.error().message, ErrorKind::internal};
                          if (!*p) {
                            return invalid("没有编号为 " + std::to_string(owner) +
                                               " 的人员（no person " + std::to_string(owner) + "）",
                                           "/owner");
                          }
                          if (!(*p)->active) {
                            return conflict("“" + (*p)->name +
                                                "”已停用，不能再作为责任人（the person is "
                                                "inactive）",
                                            "/owner");
                          }
                          return ledger::assign_owner(m, owner);
                        });
}

Result<Measure> set_due(Office& o, const Actor& a, Id measure, LocalDate due) {
  return change_measure(o, a, measure, "measure.due", [&](store::LedgerStore&, const Measure& m) {
    return ledger::set_due(m, due);
  });
}

Result<Measure> record_progress(Office& o, const Actor& a, Id measure, int progress,
                                std::string_view note) {
  if (progress < 0 || progress > 100)
    return invalid("进度应在 0 到 100 之间，收到 " + std::to_string(progress), "/progress");
  const Instant now = o.clock().now();
  return change_measure(o, a, measure, "measure.progress",
                        [&](store::LedgerStore& store, const Measure& m) -> Result<Measure> {
                          auto r = ledger::record_progress(m, progress, now);
                          if (!r)
                            return r;
                          if (auto st = add_update(store, m, a, now, progress, note); !st)
                            return st.error();
                          return r;
                        });
}

Result<Measure> report_done(Office& o, const Actor& a, Id measure, std::string_view evidence) {
  const Instant now = o.clock().now();
  return change_measure(o, a, measure, "measure.done",
                        [&](store::LedgerStore& store, const Measure& m) -> Result<Measure> {
                          auto r = ledger::report_done(m, evidence, now);
                          if (!r)
                            return Error{r.error().message, r.error().kind, "/evidence"};
                          if (auto st = add_update(store, m, a, now, 100, evidence); !st)
                            return st.error();
                          return r;
                        });
}

Result<Measure> close(Office& o, const Actor& a, Id measure, bool ongoing) {
  const Instant now = o.clock().now();
  return change_measure(o, a, measure, ongoing ? "measure.ongoing" : "measure.close",
                        [&](store::LedgerStore&, const Measure& m) -> Result<Measure> {
                          auto r = ongoing ? ledger::close_ongoing(m, now) : ledger::close(m, now);
                          if (!r)
                            return r;
                          if (auto st = tell_owner(o, *r, "closed", ""); !st)
                            return st.error();
                          return r;
                        });
}

Result<Measure> send_back(Office& o, const Actor& a, Id measure, std::string_view reason) {
  const Instant now = o.clock().now();
  return change_measure(
      o, a, measure, "measure.return",
      [&](store::LedgerStore& store, const Measure& m) -> Result<Measure> {
        auto r = ledger::send_back(m, reason);
        if (!r)
          return Error{r.error().message, r.error().kind,
                       r.error().kind == ErrorKind::invalid ? "/reason" : ""};
        if (auto st = add_update(store, *r, a, now, r->progress, "退回：" + std::string(reason));
            !st)
          return st.error();
        if (auto st = tell_owner(o, *r, "returned", reason); !st)
          return st.error();
        return r;
      },
      json::object{{"return_reason", std::string(reason)}});
}

Result<Measure> reopen(Office& o, const Actor& a, Id measure, std::string_view reason) {
  return change_measure(
      o, a, measure, "measure.reopen",
      [&](store::LedgerStore&, const Measure& m) { return ledger::reopen(m); },
      json::object{{"reopen_reason", std::string(reason)}});
}

Result<Measure> mark_not_applicable(Office& o, const Actor& a, Id measure,
                                    std::string_view reason) {
  const Instant now = o.clock().now();
  return change_measure(o, a, measure, "measure.na",
                        [&](store::LedgerStore&, const Measure& m) -> Result<Measure> {
                          auto r = ledger::mark_not_applicable(m, reason, now);
                          if (!r && r.error().kind == ErrorKind::invalid)
                            return Error{r.error().message, ErrorKind::invalid, "/reason"};
                          return r;
                        });
}

Result<Extension> request_extension(Office& o, const Actor& a, Id measure, LocalDate new_due,
                                    std::string_view reason) {
  const Instant now = o.clock().now();
  const LocalDate today = o.today();
  store::LedgerStore store(o.db());
  auto r = transact<Extension>(o, [&]() -> Result<Extension> {
    auto m = load_measure(store, measure);
    if (!m)
      return m.error();
    auto existing = store.extensions(measure);
    if (!existing)
      return Error{existing.error().message, ErrorKind::internal};
    bool has_pending = false;
    for (const auto& e : *existing)
      has_pending = has_pending || e.state == ExtensionState::pending;
    auto e = ledger::request_extension(*m, new_due, reason, a.name, today, now, has_pending);
    if (!e)
      return Error{e.error().message, e.error().kind,
                   e.error().kind == ErrorKind::invalid ? "/due" : ""};
    auto id = store.add_extension(*e);
    if (!id)
      return Error{id.error().message, ErrorKind::internal};
    e->id = *id;
    if (auto st = audit(o, a, "extension.request", "extension:" + std::to_string(*id), "",
                        json::serialize(ledger::to_json(*e)));
        !st)
      return st.error();
    return e;
  });
  if (r)
    o.changed(measure_change(measure));
  return r;
}

namespace {

Error no_extension(Id id) {
  return not_found("没有编号为 " + std::to_string(id) + " 的延期申请（no extension " +
                   std::to_string(id) + "）");
}

template <class Decide>
Result<ledger::ExtensionDecision> decide(Office& o, const Actor& a, Id extension,
                                         std::string_view action, json::object extra,
                                         Decide&& decide_fn) {
  store::LedgerStore store(o.db());
  Id measure_id = 0;
  auto r = transact<ledger::ExtensionDecision>(o, [&]() -> Result<ledger::ExtensionDecision> {
    auto e = store.extension(extension);
    if (!e)
      return Error{e.error().message, ErrorKind::internal};
    if (!*e)
      return no_extension(extension);
    auto m = load_measure(store, (*e)->measure_id);
    if (!m)
      return m.error();
    measure_id = m->id;
    auto d = decide_fn(*m, **e);
    if (!d)
      return d;
    if (auto st = store.update_extension(d->extension); !st)
      return Error{st.error().message, ErrorKind::internal};
    if (auto st = store.update_measure(d->measure); !st)
      return Error{st.error().message, ErrorKind::internal};
    json::object before{{"measure", ledger::to_json(*m)}, {"extension", ledger::to_json(**e)}};
    json::object after{{"measure", ledger::to_json(d->measure)},
                       {"extension", ledger::to_json(d->extension)}};
    for (auto& [k, v] : extra)
      after[k] = v;
    if (auto st = audit(o, a, action, "extension:" + std::to_string(extension),
                        json::serialize(before), json::serialize(after));
        !st)
      return st.error();
    const bool approved = d->extension.state == ExtensionState::approved;
    const auto* reason = after.if_contains("reason");
    if (auto st = tell_owner(o, d->measure, approved ? "extension_approved" : "extension_rejected",
                             reason && reason->is_string() ? std::string_view(reason->as_string())
                                                           : std::string_view(),
                             approved ? format_date(d->extension.new_due) : std::string());
        !st)
      return st.error();
    return d;
  });
  if (r)
    o.changed(measure_change(measure_id));
  return r;
}

}  // namespace

Result<ledger::ExtensionDecision> approve_extension(Office& o, const Actor& a, Id extension) {
  const Instant now = o.clock().now();
  return decide(o, a, extension, "extension.approve", {},
                [&](const Measure& m, const Extension& e) {
                  return ledger::approve_extension(m, e, a.name, now);
                });
}

Result<ledger::ExtensionDecision> reject_extension(Office& o, const Actor& a, Id extension,
                                                   std::string_view reason) {
  const Instant now = o.clock().now();
  json::object extra;
  if (!reason.empty())
    extra["reason"] = std::string(reason);
  return decide(o, a, extension, "extension.reject", std::move(extra),
                [&](const Measure& m, const Extension& e) {
                  return ledger::reject_extension(m, e, a.name, now);
                });
}

}  // namespace rectifyd::office
