// The commands' backend through a running rectifyd: /api/v1 over RemoteClient. A failure the
// API sends ({"error": {"message", "kind", "location", "details"}}) becomes the Error the same
// action gives on the database file, so the command reports it with the same words and exit
// status.

#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "ctl/backend.h"
#include "ctl/remote.h"

namespace rectifyd::ctl {
namespace json = boost::json;
namespace {

/// The failure kind an HTTP status stands for, as admin::status_of maps it the other way; for
/// errors that carry no kind.
ErrorKind kind_of_status(long status) {
  switch (status) {
    case 404:
      return ErrorKind::not_found;
    case 409:
      return ErrorKind::conflict;
    case 401:
    case 403:
      return ErrorKind::forbidden;
    default:
      return status >= 500 ? ErrorKind::internal : ErrorKind::invalid;
  }
}

std::optional<ErrorKind> parse_kind(std::string_view s) {
  for (ErrorKind k : {ErrorKind::invalid, ErrorKind::not_found, ErrorKind::conflict,
                      ErrorKind::forbidden, ErrorKind::internal}) {
    if (s == to_string(k))
      return k;
  }
  return std::nullopt;
}

/// The Error an API failure reply stands for. The API names the request's path as the place
/// when the failure names none: that place is dropped, as the local action has none.
Error api_error(const RemoteReply& r, const std::string& path) {
  Error e{r.body, kind_of_status(r.status)};
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  const json::object* err = nullptr;
  if (!ec && v.is_object()) {
    if (const auto* x = v.as_object().if_contains("error"); x && x->is_object())
      err = &x->as_object();
  }
  if (!err) {
    if (e.message.empty())
      e.message = "rectifyd 答复 HTTP " + std::to_string(r.status);
    return e;
  }
  if (const auto* m = err->if_contains("message"); m && m->is_string())
    e.message = std::string(m->get_string());
  if (const auto* k = err->if_contains("kind"); k && k->is_string()) {
    if (auto kind = parse_kind(k->get_string()))
      e.kind = *kind;
  }
  if (const auto* loc = err->if_contains("location"); loc && loc->is_string()) {
    const std::string where(loc->get_string());
    if (where != path.substr(0, path.find('?')))
      e.location = where;
  }
  if (const auto* d = err->if_contains("details"); d && d->is_array()) {
    for (const auto& line : d->as_array()) {
      if (line.is_string())
        e.message += "\n  " + std::string(line.get_string());
      else if (line.is_object() && line.as_object().contains("text") && line.at("text").is_string())
        e.message += "\n  " + std::string(line.at("text").get_string());
    }
  }
  return e;
}

std::string body_of(const json::object& o) {
  return json::serialize(o);
}

class HttpBackend final : public Backend {
 public:
  explicit HttpBackend(RemoteClient client) : client_(std::move(client)) {}

  Result<std::vector<Person>> people() override {
    auto items = all_items("/api/v1/people?");
    if (!items)
      return items.error();
    std::vector<Person> out;
    for (const auto& v : items->items) {
      auto p = person_from_json(v);
      if (!p)
        return p.error();
      out.push_back(std::move(*p));
    }
    return out;
  }

  Result<std::optional<Person>> person_by_name(const std::string& name) override {
    auto all = people();
    if (!all)
      return all.error();
    for (auto& p : *all) {
      if (p.name == name)
        return std::optional<Person>(std::move(p));
    }
    return std::optional<Person>{};
  }

  Result<Person> add_person(const Person& p) override {
    return person_reply("POST", "/api/v1/people", person_body(p, false));
  }

  Result<Person> edit_person(const Person& p) override {
    return person_reply("PATCH", "/api/v1/people/" + std::to_string(p.id), person_body(p, true));
  }

  Result<Person> deactivate_person(Id id) override {
    return person_reply("POST", "/api/v1/people/" + std::to_string(id) + "/deactivate", {});
  }

  Result<MeasureList> measures(const MeasureQuery& q) override {
    std::string query;
    auto add = [&](const std::string& k, const std::string& v) {
      query += k + "=" + url_encode(v) + "&";
    };
    if (!q.owner.empty())
      add("owner", q.owner);
    if (!q.leader.empty())
      add("leader", q.leader);
    if (!q.statuses.empty()) {
      std::string s;
      for (auto st : q.statuses)
        s += (s.empty() ? "" : ",") + std::string(to_string(st));
      add("status", s);
    }
    if (q.colour)
      add("colour", std::string(ledger::to_string(*q.colour)));
    if (q.overdue)
      add("overdue", "true");
    if (q.due_within)
      add("due_within", std::to_string(*q.due_within));
    auto items = all_items("/api/v1/measures?" + query);
    if (!items)
      return items.error();
    MeasureList out;
    out.as_of = items->as_of;
    for (const auto& v : items->items) {
      auto m = measure_from_json(v);
      if (!m)
        return m.error();
      out.measures.push_back(std::move(*m));
    }
    return out;
  }

  Result<MeasureDetail> measure(Id id) override {
    auto v = call("GET", "/api/v1/measures/" + std::to_string(id));
    if (!v)
      return v.error();
    return measure_detail_from_json(*v);
  }

  Result<MeasureView> change_measure(Id id, const MeasureChange& c) override {
    json::object b;
    if (c.verb == "assign")
      b["owner_id"] = c.owner_id;
    else if (c.verb == "due")
      b["due"] = format_date(c.due);
    else if (c.verb == "progress")
      b = {{"progress", c.progress}, {"note", c.text}};
    else if (c.verb == "done")
      b["evidence"] = c.text;
    else if (c.verb == "close")
      b["ongoing"] = c.ongoing;
    else
      b["reason"] = c.text;
    auto v = call("POST", "/api/v1/measures/" + std::to_string(id) + "/" + c.verb, body_of(b));
    if (!v)
      return v.error();
    return measure_from_json(*v);
  }

  Result<Extension> request_extension(Id id, LocalDate due, const std::string& reason) override {
    auto v = call("POST", "/api/v1/measures/" + std::to_string(id) + "/extend",
                  body_of({{"due", format_date(due)}, {"reason", reason}}));
    if (!v)
      return v.error();
    return extension_from_json(*v);
  }

  Result<DecisionView> decide_extension(Id id, bool approve, const std::string& reason) override {
    auto v = call("POST",
                  "/api/v1/extensions/" + std::to_string(id) + (approve ? "/approve" : "/reject"),
                  body_of({{"reason", reason}}));
    if (!v)
      return v.error();
    return decision_from_json(*v);
  }

  Result<StatsView> stats() override {
    auto v = call("GET", "/api/v1/stats");
    if (!v)
      return v.error();
    return stats_from_json(*v);
  }

  Result<MeetingList> meetings(int weeks) override {
    auto items = all_items("/api/v1/meetings?weeks=" + std::to_string(weeks) + "&");
    if (!items)
      return items.error();
    MeetingList out;
    out.time_zone = items->text("time_zone");
    out.title = items->text("title");
    out.location = items->text("location");
    for (const auto& v : items->items) {
      auto m = meeting_from_json(v);
      if (!m)
        return m.error();
      out.meetings.push_back(std::move(*m));
    }
    return out;
  }

  Result<MeetingChangeView> move_meeting(LocalDate day, const std::string& to,
                                         const std::string& note) override {
    return meeting_reply("/api/v1/meetings/" + format_date(day) + "/move",
                         body_of({{"to", to}, {"note", note}}));
  }

  Result<MeetingChangeView> cancel_meeting(LocalDate day, const std::string& note) override {
    return meeting_reply("/api/v1/meetings/" + format_date(day) + "/cancel",
                         body_of({{"note", note}}));
  }

  Result<MeetingChangeView> add_meeting(const std::string& start,
                                        const std::string& note) override {
    return meeting_reply("/api/v1/meetings", body_of({{"start", start}, {"note", note}}));
  }

  Result<MeetingChangeView> send_notice(LocalDate day) override {
    return meeting_reply("/api/v1/meetings/" + format_date(day) + "/notice", "");
  }

  Result<ConfigView> config() override {
    auto v = call("GET", "/api/v1/config");
    if (!v)
      return v.error();
    const auto* o = v->if_object();
    if (!o || !o->contains("toml") || !o->at("toml").is_string() || !o->contains("settings") ||
        !o->at("settings").is_object())
      return Error{"无法识别 rectifyd 的回复（配置）", ErrorKind::internal};
    return ConfigView{std::string(o->at("toml").get_string()), o->at("settings").get_object()};
  }

  Result<ConfigApplied> put_config(const std::string& toml) override {
    return applied(call("PUT", "/api/v1/config", toml, "application/toml"));
  }
  Result<ConfigApplied> patch_config(const json::object& changes) override {
    return applied(call("PATCH", "/api/v1/config", body_of(changes)));
  }
  Result<ConfigApplied> reload_config() override {
    return applied(call("POST", "/api/v1/config/reload"));
  }

 private:
  /// Every item of a paged list, and the members of its first page.
  struct Items {
    json::array items;
    std::string as_of;
    json::object first;
    std::string text(const char* key) const {
      const auto* v = first.if_contains(key);
      return v && v->is_string() ? std::string(v->get_string()) : std::string();
    }
  };

  /// The reply's JSON on success; the API's failure as an Error otherwise.
  Result<json::value> call(const std::string& method, const std::string& path,
                           const std::string& body = "",
                           const std::string& content_type = "application/json") {
    auto r = client_.call(method, path, body, content_type);
    if (!r)
      return r.error();
    if (r->status < 200 || r->status >= 300)
      return api_error(*r, path);
    boost::system::error_code ec;
    json::value v = json::parse(r->body, ec);
    if (ec)
      return Error{"rectifyd 的回复不是 JSON（" + ec.message() + "）", ErrorKind::internal};
    return v;
  }

  /// `path_and_query` ends with "?" or "&".
  Result<Items> all_items(const std::string& path_and_query) {
    Items out;
    std::size_t offset = 0;
    for (;;) {
      auto v = call("GET", path_and_query + "limit=1000&offset=" + std::to_string(offset));
      if (!v)
        return v.error();
      const auto* o = v->if_object();
      if (!o || !o->contains("items") || !o->at("items").is_array())
        return Error{"无法识别 rectifyd 的回复（列表）", ErrorKind::internal};
      if (offset == 0) {
        out.first = *o;
        out.as_of = out.text("as_of");
      }
      for (const auto& x : o->at("items").get_array())
        out.items.push_back(x);
      const auto* next = o->if_contains("next");
      if (!next || next->is_null())
        return out;
      const auto n = next->to_number<std::size_t>();
      if (n <= offset)
        return out;
      offset = n;
    }
  }

  static std::string person_body(const Person& p, bool editing) {
    json::object o{{"name", p.name},
                   {"title", p.title},
                   {"department", p.department},
                   {"email", p.email},
                   {"mobile", p.mobile},
                   {"wecom_id", p.wecom_id},
                   {"dingtalk_id", p.dingtalk_id},
                   {"feishu_id", p.feishu_id},
                   {"roles", roles_to_string(p.roles)},
                   {"time_zone", p.time_zone}};
    if (editing)
      o["active"] = p.active;
    return body_of(o);
  }

  Result<Person> person_reply(const std::string& method, const std::string& path,
                              const std::string& body) {
    auto v = call(method, path, body);
    if (!v)
      return v.error();
    return person_from_json(*v);
  }

  Result<MeetingChangeView> meeting_reply(const std::string& path, const std::string& body) {
    auto v = call("POST", path, body);
    if (!v)
      return v.error();
    return meeting_change_from_json(*v);
  }

  static Result<ConfigApplied> applied(const Result<json::value>& v) {
    if (!v)
      return v.error();
    ConfigApplied a;
    if (const auto* o = v->if_object()) {
      a.json = *o;
      if (const auto* c = o->if_contains("changes"); c && c->is_array()) {
        for (const auto& line : c->get_array()) {
          if (line.is_string())
            a.changes.emplace_back(line.get_string());
        }
      }
    }
    return a;
  }

  RemoteClient client_;
};

}  // namespace

Result<std::unique_ptr<Backend>> http_backend(const RemoteTarget& target,
                                              const std::string& actor) {
  auto c = RemoteClient::open(target, actor);
  if (!c)
    return c.error();
  return std::unique_ptr<Backend>(std::make_unique<HttpBackend>(std::move(*c)));
}

}  // namespace rectifyd::ctl
