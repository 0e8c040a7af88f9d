#include "ledger/actions.h"

#include <exception>
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "ledger/audit.h"
#include "ledger/ledger_json.h"

namespace rectifyd::ledger {
namespace json = boost::json;
namespace {

/// Thrown inside a write transaction to roll it back and carry the error out.
struct Abort {
  Error error;
};

std::string measure_entity(Id id) {
  return "measure:" + std::to_string(id);
}

Error no_measure(Id id) {
  return Error{"没有编号为 " + std::to_string(id) + " 的整改措施（no measure " +
               std::to_string(id) + "）"};
}

}  // namespace

template <class T, class F>
Result<T> Actions::transact(F&& f) {
  try {
    return db_.write([&]() -> Result<T> {
      Result<T> r = f();
      if (!r)
        throw Abort{r.error()};
      return r;
    });
  } catch (const Abort& a) {
    return a.error;
  } catch (const std::exception& e) {
    return Error{std::string("数据库操作失败（") + e.what() + "）"};
  }
}

Result<Measure> Actions::load_measure(Id id) {
  auto m = store_.measure(id);
  if (!m)
    return m.error();
  if (!*m)
    return no_measure(id);
  return **m;
}

Status Actions::audit(std::string_view action, std::string entity, std::string before,
                      std::string after, std::string_view actor) {
  AuditEntry e;
  e.at = clock_.now();
  e.actor = std::string(actor);
  e.action = std::string(action);
  e.entity = std::move(entity);
  e.before = std::move(before);
  e.after = std::move(after);
  auto r = AuditLog(db_).append(e);
  if (!r)
    return r.error();
  return ok_status();
}

template <class F>
Result<Measure> Actions::change_measure(Id id, std::string_view action, std::string_view actor,
                                        F&& f) {
  return transact<Measure>([&]() -> Result<Measure> {
    auto before = load_measure(id);
    if (!before)
      return before;
    Result<Measure> after = f(*before);
    if (!after)
      return after;
    if (auto st = store_.update_measure(*after); !st)
      return st.error();
    if (auto st = audit(action, measure_entity(id), json::serialize(to_json(*before)),
                        json::serialize(to_json(*after)), actor);
        !st)
      return st.error();
    return after;
  });
}

Result<Person> Actions::add_person(const Person& p, std::string_view actor) {
  return transact<Person>([&]() -> Result<Person> {
    auto id = store_.add_person(p);
    if (!id)
      return id.error();
    Person added = p;
    added.id = *id;
    if (auto st = audit("person.add", "person:" + std::to_string(*id), "",
                        json::serialize(to_json(added)), actor);
        !st)
      return st.error();
    return added;
  });
}

Result<Person> Actions::update_person(const Person& p, std::string_view actor) {
  return transact<Person>([&]() -> Result<Person> {
    auto before = store_.person(p.id);
    if (!before)
      return before.error();
    if (!*before) {
      return Error{"没有编号为 " + std::to_string(p.id) + " 的人员（no person " +
                   std::to_string(p.id) + "）"};
    }
    if (auto st = store_.update_person(p); !st)
      return st.error();
    if (auto st = audit("person.update", "person:" + std::to_string(p.id),
                        json::serialize(to_json(**before)), json::serialize(to_json(p)), actor);
        !st)
      return st.error();
    return p;
  });
}

Result<Measure> Actions::assign_owner(Id measure, Id owner, std::string_view actor) {
  return change_measure(measure, "measure.assign", actor, [&](const Measure& m) -> Result<Measure> {
    auto p = store_.person(owner);
    if (!p)
      return p.error();
    if (!*p) {
      return Error{"没有编号为 " + std::to_string(owner) + " 的人员（no person " +
                   std::to_string(owner) + "）"};
    }
    return ledger::assign_owner(m, owner);
  });
}

Result<Measure> Actions::set_due(Id measure, LocalDate due, std::string_view actor) {
  return change_measure(measure, "measure.due", actor,
                        [&](const Measure& m) { return ledger::set_due(m, due); });
}

Result<Measure> Actions::record_progress(Id measure, int progress, std::string_view note,
                                         std::string_view actor) {
  Instant now = clock_.now();
  return change_measure(
      measure, "measure.progress", actor, [&](const Measure& m) -> Result<Measure> {
        auto r = ledger::record_progress(m, progress, now);
        if (!r)
          return r;
        ProgressUpdate u{0, m.id, now, std::string(actor), progress, std::string(note)};
        if (auto id = store_.add_progress_update(u); !id)
          return id.error();
        return r;
      });
}

Result<Measure> Actions::report_done(Id measure, std::string_view evidence,
                                     std::string_view actor) {
  Instant now = clock_.now();
  return change_measure(measure, "measure.done", actor, [&](const Measure& m) -> Result<Measure> {
    auto r = ledger::report_done(m, evidence, now);
    if (!r)
      return r;
    ProgressUpdate u{0, m.id, now, std::string(actor), 100, std::string(evidence)};
    if (auto id = store_.add_progress_update(u); !id)
      return id.error();
    return r;
  });
}

Result<Measure> Actions::close(Id measure, std::string_view actor) {
  Instant now = clock_.now();
  return change_measure(measure, "measure.close", actor,
                        [&](const Measure& m) { return ledger::close(m, now); });
}

Result<Measure> Actions::close_ongoing(Id measure, std::string_view actor) {
  Instant now = clock_.now();
  return change_measure(measure, "measure.ongoing", actor,
                        [&](const Measure& m) { return ledger::close_ongoing(m, now); });
}

Result<Measure> Actions::reopen(Id measure, std::string_view reason, std::string_view actor) {
  return transact<Measure>([&]() -> Result<Measure> {
    auto before = load_measure(measure);
    if (!before)
      return before;
    auto after = ledger::reopen(*before);
    if (!after)
      return after;
    if (auto st = store_.update_measure(*after); !st)
      return st.error();
    json::value after_json = to_json(*after);
    after_json.as_object()["reopen_reason"] = std::string(reason);
    if (auto st = audit("measure.reopen", measure_entity(measure),
                        json::serialize(to_json(*before)), json::serialize(after_json), actor);
        !st)
      return st.error();
    return after;
  });
}

Result<Measure> Actions::mark_not_applicable(Id measure, std::string_view reason,
                                             std::string_view actor) {
  Instant now = clock_.now();
  return change_measure(measure, "measure.na", actor, [&](const Measure& m) {
    return ledger::mark_not_applicable(m, reason, now);
  });
}

Result<Extension> Actions::request_extension(Id measure, LocalDate new_due, std::string_view reason,
                                             std::string_view actor, LocalDate today) {
  Instant now = clock_.now();
  return transact<Extension>([&]() -> Result<Extension> {
    auto m = load_measure(measure);
    if (!m)
      return m.error();
    auto existing = store_.extensions(measure);
    if (!existing)
      return existing.error();
    bool has_pending = false;
    for (const auto& e : *existing)
      has_pending = has_pending || e.state == ExtensionState::pending;
    auto e = ledger::request_extension(*m, new_due, reason, actor, today, now, has_pending);
    if (!e)
      return e;
    auto id = store_.add_extension(*e);
    if (!id)
      return id.error();
    e->id = *id;
    if (auto st = audit("extension.request", "extension:" + std::to_string(*id), "",
                        json::serialize(to_json(*e)), actor);
        !st)
      return st.error();
    return e;
  });
}

namespace {

template <class Decide>
Result<ExtensionDecision> decide(LedgerStore& store, Id extension, Decide&& decide_fn) {
  auto e = store.extension(extension);
  if (!e)
    return e.error();
  if (!*e) {
    return Error{"没有编号为 " + std::to_string(extension) + " 的延期申请（no extension " +
                 std::to_string(extension) + "）"};
  }
  auto m = store.measure((*e)->measure_id);
  if (!m)
    return m.error();
  if (!*m)
    return no_measure((*e)->measure_id);
  return decide_fn(**m, **e);
}

}  // namespace

Result<ExtensionDecision> Actions::approve_extension(Id extension, std::string_view actor) {
  Instant now = clock_.now();
  return transact<ExtensionDecision>([&]() -> Result<ExtensionDecision> {
    Measure before_measure;
    auto d = decide(store_, extension, [&](const Measure& m, const Extension& e) {
      before_measure = m;
      return ledger::approve_extension(m, e, actor, now);
    });
    if (!d)
      return d;
    if (auto st = store_.update_extension(d->extension); !st)
      return st.error();
    if (auto st = store_.update_measure(d->measure); !st)
      return st.error();
    json::object before;
    before["measure"] = to_json(before_measure);
    json::object after;
    after["measure"] = to_json(d->measure);
    after["extension"] = to_json(d->extension);
    if (auto st = audit("extension.approve", "extension:" + std::to_string(extension),
                        json::serialize(before), json::serialize(after), actor);
        !st)
      return st.error();
    return d;
  });
}

Result<ExtensionDecision> Actions::reject_extension(Id extension, std::string_view actor) {
  Instant now = clock_.now();
  return transact<ExtensionDecision>([&]() -> Result<ExtensionDecision> {
    Extension before_ext;
    auto d = decide(store_, extension, [&](const Measure& m, const Extension& e) {
      before_ext = e;
      return ledger::reject_extension(m, e, actor, now);
    });
    if (!d)
      return d;
    if (auto st = store_.update_extension(d->extension); !st)
      return st.error();
    if (auto st = audit("extension.reject", "extension:" + std::to_string(extension),
                        json::serialize(to_json(before_ext)),
                        json::serialize(to_json(d->extension)), actor);
        !st)
      return st.error();
    return d;
  });
}

}  // namespace rectifyd::ledger
