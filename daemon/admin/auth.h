#pragma once
// Who is calling the admin API: the bearer token of the Authorization header against the two
// tokens of the configuration (admin.token: read-write, admin.read_only_token: read only).
// Tokens are compared in constant time; an unset token matches nothing.

#include <string>
#include <string_view>

#include "config/config.h"

namespace rectifyd::admin {

enum class Access { none, read_only, read_write };

struct Caller {
  Access access = Access::none;
  /// "admin" or "read-only": the actor the audit log records. Empty when not authenticated.
  /// For a person logged in to the console, their name.
  std::string name;
  /// Logged in to the console (a session), not a bearer token.
  bool person = false;
};

/// The caller an Authorization header value ("Bearer <token>") identifies.
Caller authenticate(const config::AdminConfig& admin, std::string_view authorization);

/// Compares in time independent of where the strings differ (and of their lengths).
bool constant_time_equal(std::string_view a, std::string_view b);

/// POST, PUT, PATCH and DELETE change something; a read-only caller may not use them.
bool is_write_method(std::string_view method);

}  // namespace rectifyd::admin
