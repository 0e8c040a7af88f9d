#pragma once
// The office's web console on the admin listener: its pages (embedded, web/assets.h) at /, the
// login at /api/v1/session, and the session as a way to call /api/v1 besides the bearer token.
// A session carries its person's role: office may act, viewer may only read. Every write made
// with a session must carry the session's CSRF token in the X-CSRF-Token header.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "admin/api.h"
#include "web/assets.h"
#include "web/login_throttle.h"
#include "web/sessions.h"

namespace rectifyd::admin {

using Request = http::request<http::string_body>;

class Console {
 public:
  explicit Console(ApiEnv& env, web::SessionLimits limits = {}, web::ThrottleLimits throttle = {});

  /// The console's own requests: GET of a page or asset, and /api/v1/session (GET: who is
  /// logged in; POST: log in; DELETE: log out). nullopt for everything else.
  std::optional<Reply> serve(const Call& call, const Request& req, std::string_view peer);

  /// Fills call.caller from the session cookie; a reply (401, 403) when it is refused.
  std::optional<Reply> authenticate(Call& call, const Request& req);

  static bool has_session_cookie(const Request& req);

  /// Set by tests that need other limits.
  void set_limits(web::SessionLimits limits) { limits_ = limits; }

  static constexpr std::string_view kCookie = "rectifyd_session";
  static constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

 private:
  Reply login(const Call& call, const Request& req, std::string_view peer);
  Reply logout(const Call& call, const Request& req);
  Reply whoami(const Request& req);
  Reply asset(const Call& call, const Request& req);
  std::string cookie(const Request& req, std::string_view value,
                     std::chrono::seconds max_age) const;

  ApiEnv& env_;
  web::SessionLimits limits_;
  web::LoginThrottle throttle_;
};

}  // namespace rectifyd::admin
