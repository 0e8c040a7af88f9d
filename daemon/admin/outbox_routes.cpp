// /api/v1/outbox: what is queued, sent and dead; a dead row tried again; a row dropped. Each
// change is recorded in the audit log.

#include <boost/json.hpp>

#include "admin/routes.h"
#include "core/dates.h"
#include "ledger/audit.h"
#include "store/outbox.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

json::object row_json(const store::OutboxRow& r) {
  json::object o{{"id", r.id},
                 {"key", r.key},
                 {"kind", r.kind},
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

void audit(ApiEnv& env, const Call& c, const std::string& action, const store::OutboxRow& r) {
  AuditEntry e;
  e.at = env.clock.now();
  e.actor = c.actor;
  e.action = action;
  e.entity = "outbox:" + std::to_string(r.id);
  e.before = json::serialize(row_json(r));
  auto id = ledger::AuditLog(env.db).append(e);
  if (!id)
    throw std::runtime_error(id.error().message);
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

std::optional<Reply> load(ApiEnv& env, const Call& c, store::OutboxRow& out) {
  Id id = 0;
  if (auto e = param_id(c, 0, "消息", id))
    return e;
  auto row = store::Outbox(env.db).get(id);
  if (!row)
    return error(http::status::not_found,
                 "发件箱中没有编号为 " + std::to_string(id) + " 的消息（no outbox row " +
                     std::to_string(id) + "）",
                 c.path);
  out = std::move(*row);
  return std::nullopt;
}

Reply retry(ApiEnv& env, const Call& c) {
  store::OutboxRow row;
  if (auto e = load(env, c, row))
    return *e;
  if (row.state != store::OutboxState::dead)
    return error(http::status::conflict,
                 "消息 " + std::to_string(row.id) + " 的状态为 " +
                     std::string(store::to_string(row.state)) +
                     "，只有死信（dead）可以重发（only a dead row can be retried）",
                 c.path);
  bool done = env.db.write([&] {
    if (!store::Outbox(env.db).retry_dead(row.id, env.clock.now()))
      return false;
    audit(env, c, "outbox.retry", row);
    return true;
  });
  if (!done)
    return error(http::status::conflict, "消息状态已变化，请刷新后重试（the row changed）", c.path);
  return ok(row_json(*store::Outbox(env.db).get(row.id)));
}

Reply drop(ApiEnv& env, const Call& c) {
  store::OutboxRow row;
  if (auto e = load(env, c, row))
    return *e;
  if (row.state == store::OutboxState::sending)
    return error(http::status::conflict,
                 "消息 " + std::to_string(row.id) +
                     " 正在发送，不能删除；请稍后再试（a row being sent cannot be removed）",
                 c.path);
  bool done = env.db.write([&] {
    if (!store::Outbox(env.db).drop(row.id))
      return false;
    audit(env, c, "outbox.drop", row);
    return true;
  });
  if (!done)
    return error(http::status::conflict, "消息状态已变化，请刷新后重试（the row changed）", c.path);
  return ok(json::object{{"deleted", row.id}});
}

}  // namespace

void add_outbox_routes(RouteTable& t) {
  t.add("GET", "/outbox", list);
  t.add("POST", "/outbox/{id}/retry", retry);
  t.add("DELETE", "/outbox/{id}", drop);
}

}  // namespace rectifyd::admin
