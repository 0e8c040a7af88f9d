// The documents of /api/v1 (and of the same functions on the database file) read into the
// values rectifyctl prints.

#include <exception>

#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "ctl/backend.h"

namespace rectifyd::ctl {
namespace json = boost::json;
namespace {

Error unreadable(const std::string& what, const std::exception& e) {
  return Error{"无法识别 rectifyd 的回复（" + what + "：" + e.what() + "）", ErrorKind::internal};
}

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null())
    return {};
  return std::string(v->as_string());
}

std::int64_t number(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null())
    return 0;
  return v->to_number<std::int64_t>();
}

std::optional<Id> optional_id(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null())
    return std::nullopt;
  return v->to_number<Id>();
}

std::optional<LocalDate> optional_date(const json::object& o, std::string_view key) {
  return parse_date(text(o, key));
}

LocalDate date_of(const json::object& o, std::string_view key) {
  auto d = parse_date(text(o, key));
  if (!d)
    throw std::runtime_error(std::string(key) + " 不是日期");
  return *d;
}

std::optional<Instant> optional_instant(const json::object& o, std::string_view key) {
  return parse_instant(text(o, key));
}

Instant instant_of(const json::object& o, std::string_view key) {
  auto t = parse_instant(text(o, key));
  if (!t)
    throw std::runtime_error(std::string(key) + " 不是时间");
  return *t;
}

Measure stored_measure(const json::object& o) {
  Measure m;
  m.id = number(o, "id");
  m.problem_id = number(o, "problem_id");
  m.ordinal = static_cast<int>(number(o, "ordinal"));
  m.text = text(o, "text");
  m.owner_id = optional_id(o, "owner_id");
  m.due = optional_date(o, "due");
  m.original_due = optional_date(o, "original_due");
  auto st = parse_measure_status(text(o, "status"));
  if (!st)
    throw std::runtime_error("status 无法识别");
  m.status = *st;
  m.evidence = text(o, "evidence");
  m.na_reason = text(o, "na_reason");
  m.planned_progress = static_cast<int>(number(o, "planned_progress"));
  m.progress = static_cast<int>(number(o, "progress"));
  m.talks = static_cast<int>(number(o, "talks"));
  m.regulations = static_cast<int>(number(o, "regulations"));
  m.funds_returned_fen = number(o, "funds_returned_fen");
  m.last_progress_at = optional_instant(o, "last_progress_at");
  m.closed_at = optional_instant(o, "closed_at");
  return m;
}

Extension extension_of(const json::object& o) {
  Extension e;
  e.id = number(o, "id");
  e.measure_id = number(o, "measure_id");
  e.requested_at = instant_of(o, "requested_at");
  e.requested_by = text(o, "requested_by");
  e.old_due = date_of(o, "old_due");
  e.new_due = date_of(o, "new_due");
  e.reason = text(o, "reason");
  auto st = parse_extension_state(text(o, "state"));
  if (!st)
    throw std::runtime_error("state 无法识别");
  e.state = *st;
  e.decided_at = optional_instant(o, "decided_at");
  e.decided_by = text(o, "decided_by");
  return e;
}

MeasureView view_of(const json::object& o) {
  MeasureView v;
  v.measure = stored_measure(o);
  v.label = text(o, "label");
  v.owner = text(o, "owner");
  v.leader = text(o, "leader");
  auto c = ledger::parse_colour(text(o, "colour"));
  if (!c)
    throw std::runtime_error("colour 无法识别");
  v.colour = *c;
  v.json = o;
  return v;
}

/// The object without these members, the others in their order.
json::object without(const json::object& o, std::initializer_list<std::string_view> keys) {
  json::object out;
  for (const auto& [k, v] : o) {
    bool drop = false;
    for (auto key : keys)
      drop = drop || k == key;
    if (!drop)
      out[k] = v;
  }
  return out;
}

ledger::Counts counts_of(const json::object& o) {
  ledger::Counts c;
  c.problems = number(o, "problems");
  c.problems_done = number(o, "problems_done");
  c.measures = number(o, "measures");
  c.closed = number(o, "closed");
  c.ongoing = number(o, "ongoing");
  c.not_applicable = number(o, "not_applicable");
  c.open = number(o, "open");
  c.overdue = number(o, "overdue");
  c.done_reported = number(o, "done_reported");
  c.on_time = number(o, "on_time");
  c.talks = number(o, "talks");
  c.regulations = number(o, "regulations");
  c.funds_returned_fen = number(o, "funds_returned_fen");
  return c;
}

}  // namespace

Result<Person> person_from_json(const json::value& v) {
  try {
    const auto& o = v.as_object();
    Person p;
    p.id = number(o, "id");
    p.name = text(o, "name");
    p.title = text(o, "title");
    p.department = text(o, "department");
    p.email = text(o, "email");
    p.mobile = text(o, "mobile");
    p.wecom_id = text(o, "wecom_id");
    p.dingtalk_id = text(o, "dingtalk_id");
    p.feishu_id = text(o, "feishu_id");
    auto roles = parse_roles(text(o, "roles"));
    if (!roles)
      throw std::runtime_error("roles 无法识别");
    p.roles = *roles;
    p.time_zone = text(o, "time_zone");
    p.active = o.at("active").as_bool();
    return p;
  } catch (const std::exception& e) {
    return unreadable("人员", e);
  }
}

Result<MeasureView> measure_from_json(const json::value& v) {
  try {
    return view_of(v.as_object());
  } catch (const std::exception& e) {
    return unreadable("整改措施", e);
  }
}

Result<MeasureDetail> measure_detail_from_json(const json::value& v) {
  try {
    const auto& o = v.as_object();
    MeasureDetail d;
    d.view = view_of(o);
    for (const auto& u : o.at("progress_updates").as_array()) {
      const auto& uo = u.as_object();
      ProgressUpdate x;
      x.id = number(uo, "id");
      x.measure_id = number(uo, "measure_id");
      x.at = instant_of(uo, "at");
      x.actor = text(uo, "actor");
      x.progress = static_cast<int>(number(uo, "progress"));
      x.note = text(uo, "note");
      d.updates.push_back(std::move(x));
    }
    for (const auto& e : o.at("extensions").as_array())
      d.extensions.push_back(extension_of(e.as_object()));
    d.json = o;
    return d;
  } catch (const std::exception& e) {
    return unreadable("整改措施", e);
  }
}

Result<Extension> extension_from_json(const json::value& v) {
  try {
    return extension_of(v.as_object());
  } catch (const std::exception& e) {
    return unreadable("延期申请", e);
  }
}

Result<DecisionView> decision_from_json(const json::value& v) {
  try {
    const auto& o = v.as_object();
    DecisionView d;
    d.extension = extension_of(o.at("extension").as_object());
    const auto& m = o.at("measure").as_object();
    d.measure_id = number(m, "id");
    d.due = optional_date(m, "due");
    d.json = json::object{{"extension", o.at("extension")}, {"measure", o.at("measure")}};
    return d;
  } catch (const std::exception& e) {
    return unreadable("延期审批", e);
  }
}

Result<StatsView> stats_from_json(const json::value& v) {
  try {
    const auto& o = v.as_object();
    StatsView s;
    s.stats.overall = counts_of(o);
    s.stats.categories = number(o, "categories");
    for (const auto& c : o.at("per_category").as_array()) {
      const auto& co = c.as_object();
      ledger::CategoryStats x;
      x.category.id = number(co, "id");
      x.category.round_id = number(co, "round_id");
      x.category.ordinal = static_cast<int>(number(co, "ordinal"));
      x.category.title = text(co, "title");
      x.counts = counts_of(co);
      s.stats.per_category.push_back(std::move(x));
    }
    if (const auto* probs = o.if_contains("per_problem")) {
      for (const auto& p : probs->as_array()) {
        const auto& po = p.as_object();
        ledger::ProblemStats x;
        x.problem.id = number(po, "id");
        x.problem.category_id = number(po, "category_id");
        x.problem.number = static_cast<int>(number(po, "number"));
        x.problem.title = text(po, "title");
        x.counts = counts_of(po);
        s.stats.per_problem.push_back(std::move(x));
      }
    }
    s.as_of = text(o, "as_of");
    // The document again from the counts, so that the rates are the quotients themselves
    // rather than their decimal text read back.
    s.json = ledger::to_json(s.stats).as_object();
    s.json["as_of"] = s.as_of;
    return s;
  } catch (const std::exception& e) {
    return unreadable("统计", e);
  }
}

Result<MeetingView> meeting_from_json(const json::value& v) {
  try {
    const auto& o = v.as_object();
    MeetingView m;
    m.key = text(o, "key");
    m.status = text(o, "status");
    m.time_zh = text(o, "time_zh");
    m.note = text(o, "note");
    if (const auto* phases = o.if_contains("phases")) {
      for (const auto& p : phases->as_array()) {
        const auto& po = p.as_object();
        m.phases.push_back({text(po, "phase"), text(po, "at"), po.at("enabled").as_bool()});
      }
    }
    m.json = o;
    return m;
  } catch (const std::exception& e) {
    return unreadable("推进会", e);
  }
}

Result<MeetingChangeView> meeting_change_from_json(const json::value& v) {
  try {
    MeetingChangeView c;
    c.json = v.as_object();
    c.summary = text(c.json, "summary");
    if (const auto* w = c.json.if_contains("warnings")) {
      for (const auto& line : w->as_array())
        c.warnings.emplace_back(line.as_string());
    }
    c.json = without(c.json, {"summary", "warnings"});
    return c;
  } catch (const std::exception& e) {
    return unreadable("推进会", e);
  }
}

}  // namespace rectifyd::ctl
