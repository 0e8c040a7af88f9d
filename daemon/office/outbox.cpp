#include "office/outbox.h"

#include <string>

#include <boost/json.hpp>

#include "core/dates.h"

namespace rectifyd::office {
namespace json = boost::json;
namespace {

Result<store::OutboxRow> load(Office& o, Id id) {
  auto row = store::Outbox(o.db()).get(id);
  if (!row)
    return not_found("发件箱中没有编号为 " + std::to_string(id) + " 的消息（no outbox row " +
                     std::to_string(id) + "）");
  return std::move(*row);
}

/// What the audit row keeps of a row: where it was going and how it fared, not its text.
std::string audit_json(const store::OutboxRow& r) {
  return json::serialize(json::object{{"id", r.id},
                                      {"key", r.key},
                                      {"kind", r.kind},
                                      {"channel", r.channel},
                                      {"recipient", r.recipient},
                                      {"subject", r.subject},
                                      {"state", store::to_string(r.state)},
                                      {"attempts", r.attempts},
                                      {"last_error", r.last_error}});
}

Error changed_meanwhile() {
  return conflict("消息状态已变化，请刷新后重试（the row changed）");
}

}  // namespace

Result<store::OutboxRow> retry_outbox_row(Office& o, const Actor& a, Id id) {
  auto row = load(o, id);
  if (!row)
    return row;
  if (row->state != store::OutboxState::dead)
    return conflict("消息 " + std::to_string(row->id) + " 的状态为 " +
                    std::string(store::to_string(row->state)) +
                    "，只有死信（dead）可以重发（only a dead row can be retried）");
  auto r = transact<Ok>(o, [&]() -> Result<Ok> {
    if (!store::Outbox(o.db()).retry_dead(row->id, o.clock().now()))
      return changed_meanwhile();
    if (auto st =
            audit(o, a, "outbox.retry", "outbox:" + std::to_string(row->id), audit_json(*row), "");
        !st)
      return st.error();
    return Ok{};
  });
  if (!r)
    return r.error();
  Change c;
  c.outbox = true;
  o.changed(c);
  return load(o, id);
}

Result<store::OutboxRow> drop_outbox_row(Office& o, const Actor& a, Id id) {
  auto row = load(o, id);
  if (!row)
    return row;
  if (row->state == store::OutboxState::sending)
    return conflict("消息 " + std::to_string(row->id) +
                    " 正在发送，不能删除；请稍后再试（a row being sent cannot be removed）");
  auto r = transact<Ok>(o, [&]() -> Result<Ok> {
    if (!store::Outbox(o.db()).drop(row->id))
      return changed_meanwhile();
    if (auto st =
            audit(o, a, "outbox.drop", "outbox:" + std::to_string(row->id), audit_json(*row), "");
        !st)
      return st.error();
    return Ok{};
  });
  if (!r)
    return r.error();
  return row;
}

}  // namespace rectifyd::office
