#include "ledger/ledger_json.h"

#include <optional>
#include <string>

#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"

namespace rectifyd::ledger {
namespace json = boost::json;
namespace {

json::value date_or_null(const std::optional<LocalDate>& d) {
  if (!d)
    return nullptr;
  return json::value(format_date(*d));
}

json::value instant_or_null(const std::optional<Instant>& t) {
  if (!t)
    return nullptr;
  return json::value(format_instant_utc(*t));
}

json::value id_or_null(const std::optional<Id>& id) {
  if (!id)
    return nullptr;
  return json::value(*id);
}

}  // namespace

json::value to_json(const Person& p) {
  json::object o;
  o["id"] = p.id;
  o["name"] = p.name;
  o["title"] = p.title;
  o["department"] = p.department;
  o["email"] = p.email;
  o["mobile"] = p.mobile;
  o["wecom_id"] = p.wecom_id;
  o["dingtalk_id"] = p.dingtalk_id;
  o["feishu_id"] = p.feishu_id;
  o["roles"] = roles_to_string(p.roles);
  o["time_zone"] = p.time_zone;
  o["active"] = p.active;
  return o;
}

json::value to_json(const Measure& m) {
  json::object o;
  o["id"] = m.id;
  o["problem_id"] = m.problem_id;
  o["ordinal"] = m.ordinal;
  o["text"] = m.text;
  o["owner_id"] = id_or_null(m.owner_id);
  o["due"] = date_or_null(m.due);
  o["original_due"] = date_or_null(m.original_due);
  o["status"] = to_string(m.status);
  o["evidence"] = m.evidence;
  o["na_reason"] = m.na_reason;
  o["planned_progress"] = m.planned_progress;
  o["progress"] = m.progress;
  o["talks"] = m.talks;
  o["regulations"] = m.regulations;
  o["funds_returned_fen"] = m.funds_returned_fen;
  o["last_progress_at"] = instant_or_null(m.last_progress_at);
  o["closed_at"] = instant_or_null(m.closed_at);
  return o;
}

json::value to_json(const Extension& e) {
  json::object o;
  o["id"] = e.id;
  o["measure_id"] = e.measure_id;
  o["requested_at"] = format_instant_utc(e.requested_at);
  o["requested_by"] = e.requested_by;
  o["old_due"] = format_date(e.old_due);
  o["new_due"] = format_date(e.new_due);
  o["reason"] = e.reason;
  o["state"] = to_string(e.state);
  o["decided_at"] = instant_or_null(e.decided_at);
  o["decided_by"] = e.decided_by;
  return o;
}

json::value to_json(const ProgressUpdate& u) {
  json::object o;
  o["id"] = u.id;
  o["measure_id"] = u.measure_id;
  o["at"] = format_instant_utc(u.at);
  o["actor"] = u.actor;
  o["progress"] = u.progress;
  o["note"] = u.note;
  return o;
}

json::value to_json(const AuditEntry& e) {
  json::object o;
  o["id"] = e.id;
  o["at"] = format_instant_utc(e.at);
  o["actor"] = e.actor;
  o["action"] = e.action;
  o["entity"] = e.entity;
  o["before"] = e.before;
  o["after"] = e.after;
  return o;
}

}  // namespace rectifyd::ledger
