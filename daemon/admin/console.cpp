#include "admin/console.h"

#include <spdlog/spdlog.h>
#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>

#include "admin/auth.h"
#include "office/users.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

constexpr std::string_view kSessionPath = "/api/v1/session";

/// The value of one cookie in a Cookie header ("a=1; rectifyd_session=…").
std::string_view cookie_value(const Request& req, std::string_view name) {
  std::string_view header = req[http::field::cookie];
  while (!header.empty()) {
    auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ')
      pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=')
      return pair.substr(name.size() + 1);
    if (semi == std::string_view::npos)
      break;
    header.remove_prefix(semi + 1);
  }
  return {};
}

bool is_asset_path(std::string_view p) {
  return p == "/" || p == "/index.html" || p == "/console.css" || p.starts_with("/js/") ||
         p.starts_with("/vendor/") || p == "/favicon.ico";
}

bool accepts_gzip(const Request& req) {
  std::string_view ae = req[http::field::accept_encoding];
  return ae.find("gzip") != std::string_view::npos;
}

json::object session_json(const web::Session& s) {
  return json::object{{"name", s.user.name},
                      {"role", office::to_string(s.user.role)},
                      {"csrf_token", s.csrf_token}};
}

Reply not_logged_in() {
  return error(http::status::unauthorized, "未登录或登录已过期，请重新登录（not logged in）");
}

}  // namespace

Console::Console(ApiEnv& env, web::SessionLimits limits, web::ThrottleLimits throttle)
    : env_(env), limits_(limits), throttle_(env.clock, throttle) {}

bool Console::has_session_cookie(const Request& req) {
  return !cookie_value(req, kCookie).empty();
}

std::string Console::cookie(const Request& req, std::string_view value,
                            std::chrono::seconds max_age) const {
  std::string c = std::string(kCookie) + "=" + std::string(value) +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age.count());
  // Served over https (by the listener's own TLS, or by a reverse proxy in front, or known to
  // be reached at an https address): the browser is to send the cookie over https only. A
  // client claiming https without a proxy only restricts its own cookie.
  const auto cfg = env_.config();
  if (req["X-Forwarded-Proto"] == "https" || cfg->admin.tls() ||
      cfg->web.public_url.starts_with("https://"))
    c += "; Secure";
  return c;
}

std::optional<Reply> Console::serve(const Call& call, const Request& req, std::string_view peer) {
  if (call.path == kSessionPath) {
    if (call.method == "POST")
      return login(call, req, peer);
    if (call.method == "DELETE")
      return logout(call, req);
    if (call.method == "GET")
      return whoami(req);
    Reply r = error(http::status::method_not_allowed, "此地址只支持 GET、POST、DELETE", call.path);
    r.headers.emplace_back("Allow", "GET, POST, DELETE");
    return r;
  }
  if (is_asset_path(call.path) && (call.method == "GET" || call.method == "HEAD"))
    return asset(call, req);
  return std::nullopt;
}

Reply Console::asset(const Call& call, const Request& req) {
  auto a = web::find_asset(call.path);
  if (!a)
    return error(http::status::not_found, "没有这个地址（no such path）", call.path);
  Reply r;
  r.content_type = std::string(a->content_type);
  const bool gzip = !a->file->gzip.empty() && accepts_gzip(req);
  r.text = std::string(gzip ? a->file->gzip : a->file->body);
  if (gzip)
    r.headers.emplace_back("Content-Encoding", "gzip");
  r.headers.emplace_back("Vary", "Accept-Encoding");
  r.headers.emplace_back("Cache-Control", "no-cache");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (call.path == "/" || call.path.ends_with(".html")) {
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                           "form-action 'self'; base-uri 'none'");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
  }
  return r;
}

Reply Console::login(const Call& call, const Request& req, std::string_view peer) {
  json::object body;
  if (auto e = parse_object(call, body))
    return *e;
  std::string name, password;
  if (auto e = read_string(body, "name", name, true))
    return *e;
  if (auto e = read_string(body, "password", password, true))
    return *e;
  if (name.empty())
    return error(http::status::unprocessable_entity, "请填写账号", "/name");

  if (auto wait = throttle_.refused(name, peer)) {
    const long minutes = (wait->count() + 59) / 60;
    spdlog::warn("console: login for {} from {} refused: too many failures", name, peer);
    Reply r = error(
        http::status::too_many_requests,
        "登录失败次数过多，请 " + std::to_string(minutes) + " 分钟后再试（too many failed logins）",
        "/password");
    r.headers.emplace_back("Retry-After", std::to_string(wait->count()));
    return r;
  }
  office::Office o = office_of(env_);
  auto user = office::check_password(o, name, password);
  if (!user) {
    if (user.error().kind != ErrorKind::forbidden)
      return failure(user.error(), call.path);
    throttle_.failed(name, peer);
    spdlog::warn("console: failed login for {} from {}", name, peer);
    return error(http::status::unauthorized, user.error().message, "/password");
  }
  throttle_.succeeded(name);
  auto opened = web::open_session(o, *user);
  if (!opened)
    return failure(opened.error(), call.path);
  spdlog::info("console: {} logged in from {}", user->name, peer);
  Reply r = ok(session_json(opened->session));
  r.headers.emplace_back("Set-Cookie", cookie(req, opened->cookie_value, limits_.absolute));
  return r;
}

Reply Console::logout(const Call& call, const Request& req) {
  std::string_view value = cookie_value(req, kCookie);
  office::Office o = office_of(env_);
  auto s = web::find_session(o, value, limits_);
  if (!s)
    return failure(s.error(), call.path);
  if (!*s)
    return not_logged_in();
  if (!constant_time_equal(req[kCsrfHeader], (*s)->csrf_token))
    return error(http::status::forbidden, "缺少或错误的 CSRF 令牌，请刷新页面后重试（CSRF token）",
                 std::string(kCsrfHeader));
  if (auto st = web::close_session(o, value); !st)
    return failure(st.error(), call.path);
  Reply r = ok(json::object{{"logged_out", true}});
  r.headers.emplace_back("Set-Cookie", cookie(req, "", std::chrono::seconds(0)));
  return r;
}

Reply Console::whoami(const Request& req) {
  office::Office o = office_of(env_);
  auto s = web::find_session(o, cookie_value(req, kCookie), limits_);
  if (!s)
    return failure(s.error(), std::string(kSessionPath));
  if (!*s)
    return not_logged_in();
  return ok(session_json(**s));
}

std::optional<Reply> Console::authenticate(Call& call, const Request& req) {
  office::Office o = office_of(env_);
  auto s = web::find_session(o, cookie_value(req, kCookie), limits_);
  if (!s)
    return failure(s.error(), call.path);
  if (!*s)
    return not_logged_in();
  if (is_write_method(call.method) && !constant_time_equal(req[kCsrfHeader], (*s)->csrf_token))
    return error(http::status::forbidden, "缺少或错误的 CSRF 令牌，请刷新页面后重试（CSRF token）",
                 std::string(kCsrfHeader));
  call.caller =
      Caller{(*s)->user.role == office::Role::office ? Access::read_write : Access::read_only,
             (*s)->user.name, true};
  return std::nullopt;
}

}  // namespace rectifyd::admin
