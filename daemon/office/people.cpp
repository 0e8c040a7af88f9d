#include "office/people.h"

#include <string>

#include <boost/json.hpp>

#include "ledger/ledger_json.h"
#include "store/ledger_store.h"
#include "store/link_tokens.h"
#include "time/zone.h"

namespace rectifyd::office {
namespace json = boost::json;
namespace {

bool is_blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

Error no_person(Id id) {
  return not_found("没有编号为 " + std::to_string(id) + " 的人员（no person " + std::to_string(id) +
                   "）");
}

Error name_taken(const std::string& name) {
  return conflict("已有名为“" + name + "”的人员（name taken）", "/name");
}

Change person_change(Id id) {
  Change c;
  c.people.push_back(id);
  return c;
}

Result<Person> write_person(Office& o, const Actor& a, const Person& p, std::string_view action) {
  store::LedgerStore store(o.db());
  auto r = transact<Person>(o, [&]() -> Result<Person> {
    auto before = store.person(p.id);
    if (!before)
      return Error{before.error().message, ErrorKind::internal};
    if (!*before)
      return no_person(p.id);
    if (p.name != (*before)->name) {
      auto taken = store.person_by_name(p.name);
      if (!taken)
        return Error{taken.error().message, ErrorKind::internal};
      if (*taken)
        return name_taken(p.name);
    }
    if (auto st = store.update_person(p); !st)
      return Error{st.error().message, ErrorKind::internal};
    if (auto st =
            audit(o, a, action, "person:" + std::to_string(p.id),
                  json::serialize(ledger::to_json(**before)), json::serialize(ledger::to_json(p)));
        !st)
      return st.error();
    return p;
  });
  if (r)
    o.changed(person_change(p.id));
  return r;
}

}  // namespace

Status check_person(const Person& p) {
  if (is_blank(p.name))
    return invalid("姓名不能为空（name must not be empty）", "/name");
  if (!p.time_zone.empty() && !find_zone(p.time_zone))
    return invalid(
        "未知时区“" + p.time_zone + "”，应为 IANA 时区名，如 Asia/Shanghai、Europe/Berlin",
        "/time_zone");
  if (!p.email.empty() && p.email.find('@') == std::string::npos)
    return invalid("邮箱地址应形如 name@example.org，收到“" + p.email + "”", "/email");
  return ok_status();
}

Result<Person> add_person(Office& o, const Actor& a, const Person& p) {
  if (auto st = check_person(p); !st)
    return st.error();
  store::LedgerStore store(o.db());
  auto r = transact<Person>(o, [&]() -> Result<Person> {
    auto taken = store.person_by_name(p.name);
    if (!taken)
      return Error{taken.error().message, ErrorKind::internal};
    if (*taken)
      return name_taken(p.name);
    auto id = store.add_person(p);
    if (!id)
      return Error{id.error().message, ErrorKind::internal};
    Person added = p;
    added.id = *id;
    if (auto st = audit(o, a, "person.add", "person:" + std::to_string(*id), "",
                        json::serialize(ledger::to_json(added)));
        !st)
      return st.error();
    return added;
  });
  if (r)
    o.changed(person_change(r->id));
  return r;
}

Result<Person> edit_person(Office& o, const Actor& a, const Person& p) {
  if (auto st = check_person(p); !st)
    return st.error();
  return write_person(o, a, p, "person.update");
}

Result<Person> deactivate_person(Office& o, const Actor& a, Id person) {
  auto current = store::LedgerStore(o.db()).person(person);
  if (!current)
    return Error{current.error().message, ErrorKind::internal};
  if (!*current)
    return no_person(person);
  if (!(*current)->active)
    return conflict("“" + (*current)->name + "”已经停用（already inactive）");
  Person p = **current;
  p.active = false;
  // Their personal links stop working with them, in the same transaction.
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(o.clock().now().time_since_epoch()).count();
  return transact<Person>(o, [&]() -> Result<Person> {
    auto r = write_person(o, a, p, "person.deactivate");
    if (!r)
      return r;
    if (auto n = store::LinkTokens(o.db()).revoke_person(person, now); !n)
      return n.error();
    return r;
  });
}

}  // namespace rectifyd::office
