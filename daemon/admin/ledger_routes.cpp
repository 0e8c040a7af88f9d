// /api/v1 ledger routes: people, problems, measures and their lifecycle, extensions, imports.
// Changes are office/ actions (one transaction with its audit row each); the route reads the
// body and answers with the action's result, its failure's kind giving the status (404 no such
// measure, 409 not allowed from its status, 422 a bad value).

#include <map>
#include <optional>
#include <string>
#include <variant>

#include <boost/json.hpp>

#include "admin/routes.h"
#include "core/dates.h"
#include "core/names.h"
#include "ledger/colour.h"
#include "ledger/ledger_json.h"
#include "ledger/lifecycle.h"
#include "ledger/measure_view.h"
#include "ledger_io/plan_tree.h"
#include "office/imports.h"
#include "office/measures.h"
#include "office/people.h"
#include "store/ledger_names.h"
#include "store/ledger_store.h"
#include "time/calendar_import.h"
#include "time/zone.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

/// A store read that failed: the store's own words, as a 500.
Reply store_failure(const Error& e) {
  return error(http::status::internal_server_error, e.message);
}

Reply no_measure(Id id, const std::string& path) {
  return error(
      http::status::not_found,
      "没有编号为 " + std::to_string(id) + " 的整改措施（no measure " + std::to_string(id) + "）",
      path);
}

using ledger::Colouring;
using ledger::Names;
using store::load_names;

// ---- people ----

/// Reads the person fields present in `o` over `p`.
std::optional<Reply> read_person(const json::object& o, Person& p, bool creating) {
  static const char* const kKnown[] = {"name",   "title",     "department",  "email",
                                       "mobile", "wecom_id",  "dingtalk_id", "feishu_id",
                                       "roles",  "time_zone", "active",      "id"};
  for (const auto& [k, v] : o) {
    bool known = false;
    for (const char* name : kKnown)
      known = known || k == name;
    if (!known)
      return error(http::status::unprocessable_entity,
                   "未知字段 " + std::string(k) + "（unknown field）", json_pointer(k));
  }
  if (auto e = read_string(o, "name", p.name, creating))
    return e;
  for (auto [key, field] :
       std::initializer_list<std::pair<const char*, std::string*>>{{"title", &p.title},
                                                                   {"department", &p.department},
                                                                   {"email", &p.email},
                                                                   {"mobile", &p.mobile},
                                                                   {"wecom_id", &p.wecom_id},
                                                                   {"dingtalk_id", &p.dingtalk_id},
                                                                   {"feishu_id", &p.feishu_id},
                                                                   {"time_zone", &p.time_zone}}) {
    if (auto e = read_string(o, key, *field))
      return e;
  }
  if (auto* r = o.if_contains("roles"); r && !r->is_null()) {
    std::string text;
    if (r->is_string()) {
      text = std::string(r->get_string());
    } else if (r->is_array()) {
      for (const auto& x : r->get_array()) {
        if (!x.is_string())
          return error(http::status::bad_request, "roles 应为字符串数组", "/roles");
        text += (text.empty() ? "" : ",") + std::string(x.get_string());
      }
    } else {
      return error(http::status::bad_request, "roles 应为 \"owner,leader\" 或数组", "/roles");
    }
    auto roles = parse_roles(text);
    if (!roles)
      return error(http::status::unprocessable_entity,
                   "无法识别的角色“" + text + "”，可用 owner、leader、chief、office", "/roles");
    p.roles = *roles;
  }
  return read_bool(o, "active", p.active);
}

Reply list_people(ApiEnv& env, const Call& c) {
  Page page;
  if (auto e = read_page(c, page))
    return *e;
  auto people = store::LedgerStore(env.db).people();
  if (!people)
    return store_failure(people.error());
  json::array all;
  for (const auto& p : *people)
    all.push_back(ledger::to_json(p));
  return ok(page_of(all, page));
}

Reply add_person(ApiEnv& env, const Call& c) {
  json::object body;
  if (auto e = parse_object(c, body))
    return *e;
  Person p;
  if (auto e = read_person(body, p, true))
    return *e;
  auto office = office_of(env);
  auto added = office::add_person(office, actor_of(c), p);
  if (!added)
    return failure(added.error(), c.path);
  return created(ledger::to_json(*added));
}

Reply patch_person(ApiEnv& env, const Call& c) {
  Id id = 0;
  if (auto e = param_id(c, 0, "人员", id))
    return *e;
  json::object body;
  if (auto e = parse_object(c, body))
    return *e;
  auto current = store::LedgerStore(env.db).person(id);
  if (!current)
    return store_failure(current.error());
  if (!*current)
    return error(
        http::status::not_found,
        "没有编号为 " + std::to_string(id) + " 的人员（no person " + std::to_string(id) + "）",
        c.path);
  Person p = **current;
  if (auto e = read_person(body, p, false))
    return *e;
  p.id = id;
  auto office = office_of(env);
  auto updated = office::edit_person(office, actor_of(c), p);
  if (!updated)
    return failure(updated.error(), c.path);
  return ok(ledger::to_json(*updated));
}

Reply deactivate_person(ApiEnv& env, const Call& c) {
  Id id = 0;
  if (auto e = param_id(c, 0, "人员", id))
    return *e;
  auto office = office_of(env);
  auto p = office::deactivate_person(office, actor_of(c), id);
  if (!p)
    return failure(p.error(), c.path);
  return ok(ledger::to_json(*p));
}

// ---- problems and measures ----

Reply list_problems(ApiEnv& env, const Call& c) {
  Page page;
  if (auto e = read_page(c, page))
    return *e;
  store::LedgerStore store(env.db);
  auto names = load_names(store);
  if (!names)
    return store_failure(names.error());
  json::array all;
  for (const auto& [id, p] : names->problems) {
    all.push_back(json::object{{"id", p.id},
                               {"category_id", p.category_id},
                               {"number", p.number},
                               {"title", p.title},
                               {"leader_id", p.leader_id ? json::value(*p.leader_id) : nullptr},
                               {"leader", names->person(p.leader_id)}});
  }
  return ok(page_of(all, page));
}

Reply list_measures(ApiEnv& env, const Call& c) {
  Page page;
  if (auto e = read_page(c, page))
    return *e;
  store::LedgerStore store(env.db);
  store::MeasureFilter f;
  const Colouring colours = colouring(env);
  auto person = [&](const char* key, std::optional<Id>& out) -> std::optional<Reply> {
    auto it = c.query.find(key);
    if (it == c.query.end())
      return std::nullopt;
    auto p = store.person_by_name(it->second);
    if (!p)
      return store_failure(p.error());
    if (!*p)
      return error(http::status::unprocessable_entity,
                   "没有名为“" + it->second + "”的人员（no such person）", "?" + std::string(key));
    out = (*p)->id;
    return std::nullopt;
  };
  if (auto e = person("owner", f.owner_id))
    return *e;
  if (auto e = person("leader", f.leader_id))
    return *e;
  if (auto it = c.query.find("problem_id"); it != c.query.end()) {
    try {
      f.problem_id = std::stoll(it->second);
    } catch (const std::exception&) {
      return error(http::status::bad_request, "problem_id 应为整数", "?problem_id");
    }
  }
  if (auto it = c.query.find("category_id"); it != c.query.end()) {
    try {
      f.category_id = std::stoll(it->second);
    } catch (const std::exception&) {
      return error(http::status::bad_request, "category_id 应为整数", "?category_id");
    }
  }
  if (auto it = c.query.find("status"); it != c.query.end()) {
    std::string_view rest = it->second;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      auto word = rest.substr(0, comma);
      auto st = parse_measure_status(word);
      if (!st)
        return error(http::status::bad_request,
                     "无法识别的状态“" + std::string(word) +
                         "”，可用 open、in_progress、done_reported、closed、ongoing、"
                         "not_applicable",
                     "?status");
      f.statuses.push_back(*st);
      if (comma == std::string_view::npos)
        break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (auto it = c.query.find("overdue"); it != c.query.end() && it->second != "false")
    f.overdue_as_of = colours.today;
  if (auto it = c.query.find("due_within"); it != c.query.end()) {
    int days = -1;
    try {
      days = std::stoi(it->second);
    } catch (const std::exception&) {
    }
    if (days < 0)
      return error(http::status::bad_request, "due_within 应为 0 或更大的天数", "?due_within");
    f.due_within = store::MeasureFilter::DueWithin{colours.today, days};
  }
  std::optional<ledger::Colour> colour;
  if (auto it = c.query.find("colour"); it != c.query.end()) {
    colour = ledger::parse_colour(it->second);
    if (!colour)
      return error(http::status::bad_request, "colour 应为 green、yellow 或 red", "?colour");
  }
  if (colour)
    f.colour = colours.filter(*colour);
  auto names = load_names(store);
  if (!names)
    return store_failure(names.error());
  // ?q=: the measure's text, its label or its owner's name contains it. Without it the store
  // reads only the page and counts the rest.
  std::string q;
  if (auto it = c.query.find("q"); it != c.query.end())
    q = it->second;
  json::array items;
  std::size_t total = 0;
  if (q.empty()) {
    auto counted = store.count_measures(f);
    if (!counted)
      return store_failure(counted.error());
    total = *counted;
    f.limit = page.limit;
    f.offset = page.offset;
    auto measures = store.measures(f);
    if (!measures)
      return store_failure(measures.error());
    for (const auto& m : *measures)
      items.push_back(ledger::measure_json(m, *names, colours));
  } else {
    auto measures = store.measures(f);
    if (!measures)
      return store_failure(measures.error());
    for (const auto& m : *measures) {
      if (m.text.find(q) == std::string::npos && names->label(m).find(q) == std::string::npos &&
          names->person(m.owner_id).find(q) == std::string::npos)
        continue;
      if (total >= page.offset && items.size() < page.limit)
        items.push_back(ledger::measure_json(m, *names, colours));
      ++total;
    }
  }
  auto out = paged(std::move(items), total, page);
  out["as_of"] = format_date(colours.today);
  return ok(std::move(out));
}

Reply get_measure(ApiEnv& env, const Call& c) {
  Id id = 0;
  if (auto e = param_id(c, 0, "整改措施", id))
    return *e;
  store::LedgerStore store(env.db);
  auto m = store.measure(id);
  if (!m)
    return store_failure(m.error());
  if (!*m)
    return no_measure(id, c.path);
  auto names = load_names(store);
  if (!names)
    return store_failure(names.error());
  auto updates = store.progress_updates(id);
  if (!updates)
    return store_failure(updates.error());
  auto extensions = store.extensions(id);
  if (!extensions)
    return store_failure(extensions.error());
  json::object o = ledger::measure_json(**m, *names, colouring(env));
  json::array ups;
  for (const auto& u : *updates)
    ups.push_back(ledger::to_json(u));
  json::array exts;
  for (const auto& e : *extensions)
    exts.push_back(ledger::to_json(e));
  o["progress_updates"] = std::move(ups);
  o["extensions"] = std::move(exts);
  // What the lifecycle allows from its status, so that a front end offers exactly these.
  json::array actions;
  for (ledger::Transition t : ledger::allowed_from((*m)->status))
    actions.push_back(json::object{{"verb", ledger::to_string(t)}, {"label", ledger::label_zh(t)}});
  o["actions"] = std::move(actions);
  return ok(std::move(o));
}

/// The measure as the API shows it after an action, or the action's failure.
Reply measure_reply(ApiEnv& env, const Call& c, const Result<Measure>& r) {
  if (!r)
    return failure(r.error(), c.path);
  store::LedgerStore store(env.db);
  auto names = load_names(store);
  if (!names)
    return store_failure(names.error());
  return ok(ledger::measure_json(*r, *names, colouring(env)));
}

/// What a measure route's body gives: the action's result, or a reply refusing the body itself
/// (a field of the wrong type, 400).
using Answer = std::variant<Reply, Result<Measure>>;
using MeasureAction =
    std::function<Answer(office::Office&, const office::Actor&, Id, const json::object& body)>;

/// POST /measures/{id}/<verb>: reads the body, runs the action.
Route measure_route(MeasureAction act) {
  return [act = std::move(act)](ApiEnv& env, const Call& c) -> Reply {
    Id id = 0;
    if (auto e = param_id(c, 0, "整改措施", id))
      return *e;
    json::object b;
    if (auto e = parse_object(c, b))
      return *e;
    auto office = office_of(env);
    Answer a = act(office, actor_of(c), id, b);
    if (auto* refused = std::get_if<Reply>(&a))
      return *refused;
    return measure_reply(env, c, std::get<Result<Measure>>(a));
  };
}

Answer invalid_field(std::string message, std::string pointer) {
  return Result<Measure>(Error{std::move(message), ErrorKind::invalid, std::move(pointer)});
}

void add_measure_actions(RouteTable& t) {
  t.add("POST", "/measures/{id}/assign",
        measure_route(
            [](office::Office& o, const office::Actor& a, Id id, const json::object& b) -> Answer {
              std::string owner;
              long long owner_id = 0;
              if (auto e = read_string(b, "owner", owner))
                return *e;
              if (auto e = read_int(b, "owner_id", owner_id))
                return *e;
              if (owner.empty() && owner_id == 0)
                return invalid_field(
                    "请给出责任人：owner（姓名）或 owner_id（the owner is required）", "/owner");
              if (!owner.empty()) {
                auto p = store::LedgerStore(o.db()).person_by_name(owner);
                if (!p)
                  return Result<Measure>(Error{p.error().message, ErrorKind::internal});
                if (!*p)
                  return invalid_field("没有名为“" + owner + "”的人员（no such person）", "/owner");
                owner_id = (*p)->id;
              }
              return office::assign_owner(o, a, id, owner_id);
            }));
  t.add("POST", "/measures/{id}/due",
        measure_route(
            [](office::Office& o, const office::Actor& a, Id id, const json::object& b) -> Answer {
              LocalDate due{};
              if (auto e = read_date(b, "due", due, true))
                return *e;
              return office::set_due(o, a, id, due);
            }));
  t.add("POST", "/measures/{id}/progress",
        measure_route(
            [](office::Office& o, const office::Actor& a, Id id, const json::object& b) -> Answer {
              long long progress = 0;
              std::string note;
              if (auto e = read_int(b, "progress", progress, true))
                return *e;
              if (auto e = read_string(b, "note", note))
                return *e;
              if (progress < 0 || progress > 100)
                return invalid_field("进度应在 0 到 100 之间，收到 " + std::to_string(progress),
                                     "/progress");
              return office::record_progress(o, a, id, static_cast<int>(progress), note);
            }));
  t.add("POST", "/measures/{id}/done",
        measure_route(
            [](office::Office& o, const office::Actor& a, Id id, const json::object& b) -> Answer {
              std::string evidence;
              if (auto e = read_string(b, "evidence", evidence, true))
                return *e;
              return office::report_done(o, a, id, evidence);
            }));
  t.add("POST", "/measures/{id}/close",
        measure_route(
            [](office::Office& o, const office::Actor& a, Id id, const json::object& b) -> Answer {
              bool ongoing = false;
              if (auto e = read_bool(b, "ongoing", ongoing))
                return *e;
              return office::close(o, a, id, ongoing);
            }));
  t.add("POST", "/measures/{id}/return",
        measure_route(
            [](office::Office& o, const office::Actor& a, Id id, const json::object& b) -> Answer {
              std::string reason;
              if (auto e = read_string(b, "reason", reason, true))
                return *e;
              return office::send_back(o, a, id, reason);
            }));
  t.add("POST", "/measures/{id}/reopen",
        measure_route(
            [](office::Office& o, const office::Actor& a, Id id, const json::object& b) -> Answer {
              std::string reason;
              if (auto e = read_string(b, "reason", reason))
                return *e;
              return office::reopen(o, a, id, reason);
            }));
  t.add("POST", "/measures/{id}/na",
        measure_route(
            [](office::Office& o, const office::Actor& a, Id id, const json::object& b) -> Answer {
              std::string reason;
              if (auto e = read_string(b, "reason", reason, true))
                return *e;
              return office::mark_not_applicable(o, a, id, reason);
            }));
  t.add("POST", "/measures/{id}/extend", [](ApiEnv& env, const Call& c) {
    Id id = 0;
    if (auto e = param_id(c, 0, "整改措施", id))
      return *e;
    json::object b;
    if (auto e = parse_object(c, b))
      return *e;
    LocalDate due{};
    std::string reason;
    if (auto e = read_date(b, "due", due, true))
      return *e;
    if (auto e = read_string(b, "reason", reason))
      return *e;
    auto office = office_of(env);
    auto ext = office::request_extension(office, actor_of(c), id, due, reason);
    if (!ext)
      return failure(ext.error(), c.path);
    return created(ledger::to_json(*ext));
  });
}

Reply decide_extension(ApiEnv& env, const Call& c, bool approve) {
  Id id = 0;
  if (auto e = param_id(c, 0, "延期申请", id))
    return *e;
  json::object b;
  if (auto e = parse_object(c, b))
    return *e;
  std::string reason;
  if (auto e = read_string(b, "reason", reason))
    return *e;
  auto office = office_of(env);
  auto d = approve ? office::approve_extension(office, actor_of(c), id)
                   : office::reject_extension(office, actor_of(c), id, reason);
  if (!d)
    return failure(d.error(), c.path);
  return ok(json::object{{"extension", ledger::to_json(d->extension)},
                         {"measure", ledger::to_json(d->measure)}});
}

// ---- imports ----

/// An import's Error lists every problem one per line ("source:line:col: …" or "…: row 4, …").
Reply import_failed(const Error& e, const std::string& source) {
  json::array details;
  std::string_view rest = e.message;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    auto line = rest.substr(0, nl);
    if (!line.empty())
      details.push_back(json::string(line));
    if (nl == std::string_view::npos)
      break;
    rest.remove_prefix(nl + 1);
  }
  std::string first = details.empty() ? e.message : std::string(details[0].as_string());
  return validation_error(
      "导入失败，未写入任何数据（import failed, nothing was written）：" + first, source,
      std::move(details));
}

std::string source_name(const Call& c, const char* fallback) {
  auto it = c.query.find("source");
  return it == c.query.end() || it->second.empty() ? fallback : it->second;
}

void add_import_routes(RouteTable& t) {
  t.add("POST", "/imports/plan", [](ApiEnv& env, const Call& c) {
    const std::string source = source_name(c, "plan.txt");
    // ?dry_run=1: the tree it would import, nothing written.
    if (auto dry = c.query.find("dry_run"); dry != c.query.end() && dry->second != "0") {
      auto parsed = office::preview_plan(c.body, source);
      if (!parsed)
        return import_failed(parsed.error(), source);
      json::object tree = ledger_io::plan_tree_json(*parsed).as_object();
      tree["dry_run"] = true;
      return ok(std::move(tree));
    }
    auto round = c.query.find("round");
    auto office = office_of(env);
    auto s = office::import_plan(office, actor_of(c), c.body, source,
                                 round == c.query.end() ? "巡察整改" : round->second);
    if (!s)
      return import_failed(s.error(), source);
    json::array warnings;
    for (const auto& n : s->notes)
      warnings.push_back(json::string(n));
    return created(json::object{{"round_id", s->round_id},
                                {"categories", s->categories},
                                {"problems", s->problems},
                                {"measures", s->measures},
                                {"warnings", std::move(warnings)}});
  });
  t.add("POST", "/imports/csv", [](ApiEnv& env, const Call& c) {
    const std::string source = source_name(c, "ledger.csv");
    auto office = office_of(env);
    auto s = office::import_ledger(office, actor_of(c), c.body, source);
    if (!s)
      return import_failed(s.error(), source);
    return ok(json::object{{"round_id", s->round_id},
                           {"rows", s->rows},
                           {"categories_created", s->categories_created},
                           {"problems_created", s->problems_created},
                           {"measures_created", s->measures_created},
                           {"measures_updated", s->measures_updated},
                           {"measures_unchanged", s->measures_unchanged},
                           {"encoding", ledger_io::to_string(s->encoding)}});
  });
  t.add("POST", "/imports/people", [](ApiEnv& env, const Call& c) {
    const std::string source = source_name(c, "people.csv");
    auto office = office_of(env);
    auto s = office::import_people(office, actor_of(c), c.body, source);
    if (!s)
      return import_failed(s.error(), source);
    return ok(json::object{{"rows", s->rows}, {"created", s->created}, {"updated", s->updated}});
  });
}

}  // namespace

void add_ledger_routes(RouteTable& t) {
  t.add("GET", "/people", list_people);
  t.add("POST", "/people", add_person);
  t.add("PATCH", "/people/{id}", patch_person);
  t.add("POST", "/people/{id}/deactivate", deactivate_person);
  t.add("GET", "/problems", list_problems);
  t.add("GET", "/measures", list_measures);
  t.add("GET", "/measures/{id}", get_measure);
  add_measure_actions(t);
  t.add("POST", "/extensions/{id}/approve",
        [](ApiEnv& env, const Call& c) { return decide_extension(env, c, true); });
  t.add("POST", "/extensions/{id}/reject",
        [](ApiEnv& env, const Call& c) { return decide_extension(env, c, false); });
  add_import_routes(t);
}

}  // namespace rectifyd::admin
