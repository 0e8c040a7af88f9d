#pragma once
// The console's sessions: opened by a login, carried by a cookie whose value is 32 random bytes
// (libsodium), stored only as the SHA-256 of that value, ended by logout, by idling longer than
// `idle` or by living longer than `absolute`. Each session has a CSRF token that the pages send
// back in a header on every request that changes something.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "office/office.h"
#include "office/users.h"

namespace rectifyd::web {

struct SessionLimits {
  std::chrono::seconds idle = std::chrono::minutes(30);
  std::chrono::seconds absolute = std::chrono::hours(12);
};

struct Session {
  office::User user;
  std::string csrf_token;
};

struct OpenedSession {
  Session session;
  std::string cookie_value;  ///< given to the browser once, never stored
};

/// Opens a session for `user` and audits the login ("session.login", the person named).
Result<OpenedSession> open_session(office::Office& o, const office::User& user);

/// The session this cookie value carries, when it is live and its login still enabled; marks it
/// used now. An expired one is removed.
Result<std::optional<Session>> find_session(office::Office& o, std::string_view cookie_value,
                                            const SessionLimits& limits);

/// Ends the session (logout) and audits it ("session.logout").
Status close_session(office::Office& o, std::string_view cookie_value);

/// The stored key of a cookie value: lower-case hex SHA-256.
std::string session_key(std::string_view cookie_value);

}  // namespace rectifyd::web
