#include "office/users.h"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

#include <boost/json.hpp>

#include "store/ledger_store.h"
#include "store/sessions.h"
#include "store/users.h"

namespace rectifyd::office {
namespace json = boost::json;
namespace {

void init_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0)
      throw std::runtime_error("libsodium cannot be initialised");
  });
}

Result<std::string> hash_password(std::string_view password) {
  init_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return Error{"无法计算密码散列（out of memory）", ErrorKind::internal};
  return std::string(out);
}

bool verify_password(const std::string& hash, std::string_view password) {
  init_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

/// A hash of a password nobody has, verified for an unknown name so that it costs the same.
const std::string& dummy_hash() {
  static const std::string h = [] {
    auto r = hash_password(random_hex(16));
    return r ? *r : std::string();
  }();
  return h;
}

Status check_new_password(std::string_view password) {
  if (password.size() < kMinPasswordLength)
    return invalid(
        "密码至少 " + std::to_string(kMinPasswordLength) + " 个字符（password too short）",
        "/password");
  if (password.find('\n') != std::string_view::npos ||
      password.find('\0') != std::string_view::npos)
    return invalid("密码不能含换行或空字符", "/password");
  return ok_status();
}

Result<Role> role_of(const std::string& s) {
  return parse_role(s);
}

Result<User> to_user(const store::UserRow& r) {
  auto role = role_of(r.role);
  if (!role)
    return Error{"登录记录的角色无效：" + r.role, ErrorKind::internal};
  return User{r.id, r.person_id, r.name, *role, r.disabled};
}

Error no_user(std::string_view name) {
  return not_found("“" + std::string(name) + "”没有登录账号（no login）", "/name");
}

std::string user_json(const User& u) {
  return json::serialize(
      json::object{{"name", u.name}, {"role", to_string(u.role)}, {"disabled", u.disabled}});
}

Change person_change(Id id) {
  Change c;
  c.people.push_back(id);
  return c;
}

}  // namespace

const char* to_string(Role r) {
  return r == Role::office ? "office" : "viewer";
}

Result<Role> parse_role(std::string_view s) {
  if (s == "office")
    return Role::office;
  if (s == "viewer")
    return Role::viewer;
  return invalid("角色应为 office（办公室）或 viewer（只读），收到“" + std::string(s) + "”",
                 "/role");
}

std::string random_hex(std::size_t n) {
  init_sodium();
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), n);
  std::string hex(2 * n + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()), n);
  sodium_memzero(bytes.data(), n);
  hex.pop_back();
  return hex;
}

std::string generate_password() {
  init_sodium();
  // No 0/O, 1/l/I: read off a terminal and typed.
  static constexpr std::string_view kAlphabet =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 4 == 0)
      out += '-';
    out += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return out;
}

Result<User> add_user(Office& o, const Actor& a, std::string_view name, Role role,
                      std::string_view password) {
  if (auto st = check_new_password(password); !st)
    return st.error();
  auto hash = hash_password(password);
  if (!hash)
    return hash.error();
  auto r = transact<User>(o, [&]() -> Result<User> {
    store::LedgerStore ledger(o.db());
    auto person = ledger.person_by_name(name);
    if (!person)
      return Error{person.error().message, ErrorKind::internal};
    if (!*person || !(*person)->active)
      return not_found(
          "没有名为“" + std::string(name) + "”的在册人员；请先添加人员（no such person）", "/name");
    store::Users users(o.db());
    auto existing = users.by_name(name);
    if (!existing)
      return existing.error();
    if (*existing)
      return conflict("“" + std::string(name) + "”已有登录账号；改密码请用 user passwd", "/name");
    auto id = users.insert((*person)->id, *hash, to_string(role), o.clock().now());
    if (!id)
      return id.error();
    User u{*id, (*person)->id, std::string(name), role, false};
    if (auto st = audit(o, a, "user.add", "user:" + std::to_string(u.id), "", user_json(u)); !st)
      return st.error();
    return u;
  });
  if (r)
    o.changed(person_change(r->person_id));
  return r;
}

Result<User> set_password(Office& o, const Actor& a, std::string_view name,
                          std::string_view password) {
  if (auto st = check_new_password(password); !st)
    return st.error();
  auto hash = hash_password(password);
  if (!hash)
    return hash.error();
  return transact<User>(o, [&]() -> Result<User> {
    store::Users users(o.db());
    auto row = users.by_name(name);
    if (!row)
      return row.error();
    if (!*row)
      return no_user(name);
    auto u = to_user(**row);
    if (!u)
      return u.error();
    if (auto st = users.set_password(u->id, *hash); !st)
      return st.error();
    if (auto st = store::Sessions(o.db()).remove_for_user(u->id); !st)
      return st.error();
    // The audit row says that the password changed, never what it is.
    if (auto st = audit(o, a, "user.passwd", "user:" + std::to_string(u->id), "", user_json(*u));
        !st)
      return st.error();
    return *u;
  });
}

Result<User> disable_user(Office& o, const Actor& a, std::string_view name) {
  return transact<User>(o, [&]() -> Result<User> {
    store::Users users(o.db());
    auto row = users.by_name(name);
    if (!row)
      return row.error();
    if (!*row)
      return no_user(name);
    auto before = to_user(**row);
    if (!before)
      return before.error();
    if (before->disabled)
      return conflict("“" + std::string(name) + "”的登录账号已停用", "/name");
    User after = *before;
    after.disabled = true;
    if (auto st = users.set_disabled(after.id, true); !st)
      return st.error();
    if (auto st = store::Sessions(o.db()).remove_for_user(after.id); !st)
      return st.error();
    if (auto st = audit(o, a, "user.disable", "user:" + std::to_string(after.id),
                        user_json(*before), user_json(after));
        !st)
      return st.error();
    return after;
  });
}

Result<User> check_password(Office& o, std::string_view name, std::string_view password) {
  const Error refused{"账号或密码不正确（wrong name or password）", ErrorKind::forbidden,
                      "/password"};
  auto row = store::Users(o.db()).by_name(name);
  if (!row)
    return row.error();
  if (!*row) {
    (void)verify_password(dummy_hash(), password);
    return refused;
  }
  const bool good = verify_password((*row)->password_hash, password);
  if (!good || (*row)->disabled)
    return refused;
  return to_user(**row);
}

Result<User> active_user(Office& o, Id user) {
  auto row = store::Users(o.db()).by_id(user);
  if (!row)
    return row.error();
  if (!*row || (*row)->disabled)
    return Error{"登录账号不存在或已停用", ErrorKind::forbidden};
  return to_user(**row);
}

}  // namespace rectifyd::office
