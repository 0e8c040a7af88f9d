#include "office/personal_links.h"

#include <boost/json.hpp>

#include "store/ledger_store.h"
#include "store/link_tokens.h"

namespace rectifyd::office {
namespace json = boost::json;
namespace {

std::int64_t seconds(Instant t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

std::string link_key(std::string_view token) {
  return store::link_key(token);
}

Actor link_actor(const Person& p) {
  return Actor{p.name + "（个人链接）"};
}

Result<std::optional<Person>> person_of_link(Office& o, std::string_view token) {
  if (!store::link_token_shaped(token))
    return std::optional<Person>{};
  store::LinkTokens tokens(o.db());
  auto row = tokens.find(link_key(token));
  if (!row)
    return row.error();
  const std::int64_t now = seconds(o.clock().now());
  if (!*row || (*row)->revoked_at || (*row)->expires_at <= now)
    return std::optional<Person>{};
  store::LedgerStore store(o.db());
  auto p = store.person((*row)->person_id);
  if (!p)
    return Error{p.error().message, ErrorKind::internal};
  if (!*p || !(*p)->active)
    return std::optional<Person>{};
  return std::optional<Person>{**p};
}

Result<int> revoke_links(Office& o, const Actor& a, Id person) {
  store::LedgerStore store(o.db());
  const std::int64_t now = seconds(o.clock().now());
  return transact<int>(o, [&]() -> Result<int> {
    auto p = store.person(person);
    if (!p)
      return Error{p.error().message, ErrorKind::internal};
    if (!*p)
      return not_found("没有编号为 " + std::to_string(person) + " 的人员（no person " +
                           std::to_string(person) + "）",
                       "/person");
    auto n = store::LinkTokens(o.db()).revoke_person(person, now);
    if (!n)
      return n.error();
    if (auto st = audit(o, a, "links.revoke", "person:" + std::to_string(person), "",
                        json::serialize(json::object{{"revoked", *n}}));
        !st)
      return st.error();
    return *n;
  });
}

}  // namespace rectifyd::office
