#include "web/sessions.h"

#include <sodium.h>

#include <boost/json.hpp>

#include "store/sessions.h"
#include "store/users.h"

namespace rectifyd::web {
namespace json = boost::json;
namespace {

std::int64_t seconds(Instant t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

std::string session_key(std::string_view cookie_value) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(cookie_value.data()),
                     cookie_value.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

Result<OpenedSession> open_session(office::Office& o, const office::User& user) {
  OpenedSession out;
  out.cookie_value = office::random_hex(32);
  out.session = Session{user, office::random_hex(32)};
  const std::int64_t now = seconds(o.clock().now());
  auto r = office::transact<OpenedSession>(o, [&]() -> Result<OpenedSession> {
    store::Sessions sessions(o.db());
    if (auto st = sessions.insert(store::SessionRow{session_key(out.cookie_value), user.id,
                                                    out.session.csrf_token, now, now});
        !st)
      return st.error();
    if (auto st = office::audit(
            o, office::Actor{user.name}, "session.login", "user:" + std::to_string(user.id), "",
            json::serialize(json::object{{"role", office::to_string(user.role)}}));
        !st)
      return st.error();
    return out;
  });
  return r;
}

Result<std::optional<Session>> find_session(office::Office& o, std::string_view cookie_value,
                                            const SessionLimits& limits) {
  if (cookie_value.size() != 64)
    return std::optional<Session>{};
  store::Sessions sessions(o.db());
  const std::string key = session_key(cookie_value);
  auto row = sessions.find(key);
  if (!row)
    return row.error();
  if (!*row)
    return std::optional<Session>{};
  const std::int64_t now = seconds(o.clock().now());
  if (now - (*row)->last_seen > limits.idle.count() ||
      now - (*row)->created_at > limits.absolute.count()) {
    if (auto st = sessions.remove(key); !st)
      return st.error();
    return std::optional<Session>{};
  }
  auto user = office::active_user(o, (*row)->user_id);
  if (!user) {
    if (user.error().kind != ErrorKind::forbidden)
      return user.error();
    return std::optional<Session>{};
  }
  if (now != (*row)->last_seen) {
    if (auto st = sessions.touch(key, now); !st)
      return st.error();
  }
  return std::optional<Session>{Session{*user, (*row)->csrf_token}};
}

Status close_session(office::Office& o, std::string_view cookie_value) {
  store::Sessions sessions(o.db());
  const std::string key = session_key(cookie_value);
  auto row = sessions.find(key);
  if (!row)
    return row.error();
  if (!*row)
    return ok_status();
  auto user = store::Users(o.db()).by_id((*row)->user_id);
  return office::transact<Ok>(o, [&]() -> Status {
    if (auto st = sessions.remove(key); !st)
      return st.error();
    const std::string name = user && *user ? (*user)->name : "?";
    return office::audit(o, office::Actor{name}, "session.logout",
                         "user:" + std::to_string((*row)->user_id), "", "");
  });
}

}  // namespace rectifyd::web
