#pragma once
// The console's logins: a person of the ledger who may log in, as office (may act) or viewer
// (may read everything, act on nothing). Passwords are hashed with Argon2id (libsodium) and
// never logged, shown, audited or stored in clear. Each change is audited ("user.add",
// "user.passwd", "user.disable"); a new password or a disabled login ends its sessions.

#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"
#include "office/office.h"

namespace rectifyd::office {

enum class Role { office, viewer };

/// "office" or "viewer".
const char* to_string(Role r);
/// Error located at /role for anything else.
Result<Role> parse_role(std::string_view s);

struct User {
  Id id = 0;
  Id person_id = 0;
  std::string name;
  Role role = Role::viewer;
  bool disabled = false;
};

/// The shortest password accepted.
inline constexpr std::size_t kMinPasswordLength = 10;

/// Gives the person `name` a login. Not found when no active person has that name, conflict
/// when they already have one, invalid when the password is too short (/password).
Result<User> add_user(Office& o, const Actor& a, std::string_view name, Role role,
                      std::string_view password);
/// Sets a new password and ends the login's sessions.
Result<User> set_password(Office& o, const Actor& a, std::string_view name,
                          std::string_view password);
/// Disables the login and ends its sessions.
Result<User> disable_user(Office& o, const Actor& a, std::string_view name);

/// The login whose name and password these are, when it is enabled. One answer (forbidden,
/// "账号或密码不正确") for an unknown name, a wrong password and a disabled login, and the
/// same work done for each, so that a refusal tells nothing about which logins exist.
Result<User> check_password(Office& o, std::string_view name, std::string_view password);

/// The login with this id, when it exists and is enabled.
Result<User> active_user(Office& o, Id user);

/// Random bytes from libsodium, as lower-case hex (2 × n characters).
std::string random_hex(std::size_t n);
/// A password of 16 letters and digits in four groups ("k7Qm-3xPa-…"), from libsodium.
std::string generate_password();

}  // namespace rectifyd::office
