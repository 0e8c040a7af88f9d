// /api/v1/outbox: what is queued, sent and dead; a dead row tried again; a row dropped. Each
// change is recorded in the audit log. /measures/{id}/messages: the rows about one measure.

#include <boost/json.hpp>

#include "admin/routes.h"
#include "core/dates.h"
#include "office/outbox.h"
#include "plan/kind_label.h"
#include "store/outbox.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

json::object row_json(const store::OutboxRow& r) {
  json::object o{{"id", r.id},
                 {"key", r.key},
                 {"kind", r.kind},
                 {"kind_zh", plan::kind_label_zh(r.kind)},
                 {"channel", r.channel},
                 {"recipient", r.recipient},
                 {"subject", r.subject},
                 {"state", store::to_string(r.state)},
                 {"attempts", r.attempts},
                 {"not_before", format_instant_utc(r.not_before)},
                 {"last_error", r.last_error},
                 {"late", r.late},
                 {"created_at", format_instant_utc(r.created_at)},
                 {"updated_at", format_instant_utc(r.updated_at)}};
  o["sent_at"] = r.sent_at ? json::value(format_instant_utc(*r.sent_at)) : json::value(nullptr);
  return o;
}

Reply list(ApiEnv& env, const Call& c) {
  Page page;
  if (auto e = read_page(c, page))
    return *e;
  std::optional<store::OutboxState> state;
  if (auto it = c.query.find("state"); it != c.query.end() && !it->second.empty()) {
    state = store::outbox_state_from_string(it->second);
    if (!state)
      return error(http::status::bad_request,
                   "无法识别的状态“" + it->second + "”，可用 pending、sending、sent、failed、dead",
                   "?state");
  }
  store::Outbox outbox(env.db);
  std::size_t total = 0;
  for (const auto& [s, n] : outbox.counts()) {
    if (!state || s == *state)
      total += static_cast<std::size_t>(n);
  }
  json::array items;
  for (const auto& r : outbox.list(state, page.limit, page.offset))
    items.push_back(row_json(r));
  return ok(paged(std::move(items), total, page));
}

std::optional<Reply> row_id(const Call& c, Id& out) {
  return param_id(c, 0, "消息", out);
}

Reply retry(ApiEnv& env, const Call& c) {
  Id id = 0;
  if (auto e = row_id(c, id))
    return *e;
  auto office = office_of(env);
  auto row = office::retry_outbox_row(office, actor_of(c), id);
  if (!row)
    return failure(row.error(), c.path);
  return ok(row_json(*row));
}

Reply drop(ApiEnv& env, const Call& c) {
  Id id = 0;
  if (auto e = row_id(c, id))
    return *e;
  auto office = office_of(env);
  auto row = office::drop_outbox_row(office, actor_of(c), id);
  if (!row)
    return failure(row.error(), c.path);
  return ok(json::object{{"deleted", row->id}});
}

/// GET /measures/{id}/messages: the rows whose message names the measure, newest first.
Reply about_measure(ApiEnv& env, const Call& c) {
  Id id = 0;
  if (auto e = param_id(c, 0, "整改措施", id))
    return *e;
  json::array items;
  for (const auto& r : store::Outbox(env.db).about_measure(id))
    items.push_back(row_json(r));
  const auto n = items.size();
  return ok(json::object{{"items", std::move(items)}, {"total", n}});
}

}  // namespace

void add_outbox_routes(RouteTable& t) {
  t.add("GET", "/outbox", list);
  t.add("GET", "/measures/{id}/messages", about_measure);
  t.add("POST", "/outbox/{id}/retry", retry);
  t.add("DELETE", "/outbox/{id}", drop);
}

}  // namespace rectifyd::admin
