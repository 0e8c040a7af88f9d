#include "admin/request_handler.h"

#include <exception>

#include <spdlog/spdlog.h>
#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>

#include "admin/channel_health_view.h"
#include "admin/client_address.h"
#include "admin/routes.h"
#include "core/json_text.h"
#include "core/percent_decode.h"
#include "store/disk_full.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

std::vector<std::string> split_path(std::string_view p) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < p.size()) {
    if (p[start] == '/') {
      ++start;
      continue;
    }
    auto slash = p.find('/', start);
    out.emplace_back(p.substr(start, slash - start));
    if (slash == std::string_view::npos)
      break;
    start = slash;
  }
  return out;
}

Response to_response(const Reply& r, unsigned version, bool keep_alive) {
  Response res{r.status, version};
  res.set(http::field::server, "rectifyd");
  res.set(http::field::cache_control, "no-store");
  if (r.text) {
    res.set(http::field::content_type, r.content_type);
    res.body() = *r.text;
  } else {
    res.set(http::field::content_type, "application/json; charset=utf-8");
    res.body() = json_text(r.json);
    res.body() += '\n';
  }
  for (const auto& [k, v] : r.headers)
    res.set(k, v);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

Reply healthz(ApiEnv& env) {
  try {
    if (!env.db.ping())
      return error(http::status::service_unavailable, "数据库无响应（the store did not answer）");
  } catch (const std::exception& e) {
    spdlog::warn("admin: /healthz: the store failed: {}", e.what());
    return error(http::status::service_unavailable, "数据库不可用（the store is unreachable）");
  }
  // Answering at all shows the loop is alive: this runs on it. A failing channel does not make
  // the daemon unhealthy (restarting it would not help), but it is "degraded" and named.
  json::object body{{"status", "ok"}, {"store", "ok"}, {"loop", "ok"}};
  if (env.channel_health) {
    const auto channels = env.channel_health();
    for (const auto& c : channels) {
      if (c.failing)
        body["status"] = "degraded";
    }
    body["channels"] = channel_health_json(channels);
  }
  return ok(std::move(body));
}

/// 507 for a write the store refused for lack of space; the office is told (ApiEnv::store_full).
Reply disk_full(ApiEnv& env, const std::string& what, const std::string& path) {
  if (env.store_full)
    env.store_full(what);
  return error(http::status::insufficient_storage,
               "数据库所在磁盘已满，未做任何修改；请清理磁盘空间后重试"
               "（no space left on the store's disk; nothing changed）",
               path);
}

/// The message of an error reply, when it is one.
std::string_view error_message(const Reply& r) {
  if (const auto* o = r.json.if_object()) {
    if (const auto* e = o->if_contains("error"); e && e->is_object()) {
      if (const auto* m = e->as_object().if_contains("message"); m && m->is_string())
        return m->as_string();
    }
  }
  return {};
}

}  // namespace

void RouteTable::add(std::string method, std::string_view pattern, Route route) {
  entries_.push_back(Entry{std::move(method), split_path(pattern), std::move(route)});
}

RequestHandler::RequestHandler(ApiEnv env)
    : env_(std::move(env)), console_(env_), owner_pages_(env_) {
  add_ledger_routes(routes_);
  add_meeting_routes(routes_);
  add_outbox_routes(routes_);
  add_config_routes(routes_);
  add_report_routes(routes_);
  add_paper_routes(routes_);
  add_owner_routes(routes_);
  add_calendar_routes(routes_);
  add_trend_routes(routes_);
}

Response RequestHandler::error_response(http::status status, const std::string& message,
                                        unsigned version) {
  return to_response(error(status, message), version, false);
}

Response RequestHandler::too_large(const Request& header, const std::string& message) {
  if (header.target().starts_with(OwnerPages::kPrefix))
    return to_response(OwnerPages::too_large(header.target(), env_.config()->web), header.version(),
                       false);
  return error_response(http::status::payload_too_large, message, header.version());
}

Response RequestHandler::handle(const Request& req, std::string_view peer) {
  Call call;
  call.method = std::string(req.method_string());
  std::string_view target = req.target();
  std::string_view path = target.substr(0, target.find('?'));
  if (auto q = target.find('?'); q != std::string_view::npos) {
    std::string_view qs = target.substr(q + 1);
    while (!qs.empty()) {
      auto amp = qs.find('&');
      std::string_view pair = qs.substr(0, amp);
      auto eq = pair.find('=');
      auto k = percent_decode(pair.substr(0, eq), true);
      auto v = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
      if (!k || !v) {
        return to_response(error(http::status::bad_request,
                                 "查询参数编码有误（malformed percent-encoding in the query）",
                                 "?" + std::string(pair.substr(0, eq))),
                           req.version(), req.keep_alive());
      }
      if (!k->empty())
        call.query[*k] = *v;
      if (amp == std::string_view::npos)
        break;
      qs.remove_prefix(amp + 1);
    }
  }
  auto decoded = percent_decode(path, false);
  call.path = decoded ? *decoded : std::string(path);
  call.body = req.body();

  const std::string client =
      client_address(peer, req["X-Forwarded-For"], env_.config()->admin.trusted_proxies);
  Reply reply = decoded ? dispatch(call, req, client)
                        : error(http::status::bad_request,
                                "路径编码有误（malformed percent-encoding in the path）", "path");
  // Routes report a store failure as an error value; a full disk is answered the same way
  // wherever it was met.
  if (static_cast<unsigned>(reply.status) >= 400 &&
      reply.status != http::status::insufficient_storage &&
      store::is_disk_full(error_message(reply)))
    reply = disk_full(env_, std::string(error_message(reply)), call.path);
  env_.metrics.add(kHttpRequests, {{"code", std::to_string(static_cast<unsigned>(reply.status))}});
  const unsigned code = static_cast<unsigned>(reply.status);
  if (is_write_method(call.method) && code >= 200 && code < 300 && env_.wake)
    env_.wake();
  spdlog::debug("admin: {} {} → {} ({})", call.method, call.path, code,
                call.caller.name.empty() ? "-" : call.caller.name);
  return to_response(reply, req.version(), req.keep_alive());
}

Reply RequestHandler::dispatch(Call& call, const Request& req, std::string_view peer) {
  if (call.path == "/healthz") {
    if (call.method != "GET" && call.method != "HEAD") {
      Reply r = error(http::status::method_not_allowed, "只支持 GET（only GET is allowed）");
      r.headers.emplace_back("Allow", "GET");
      return r;
    }
    return healthz(env_);
  }

  // An owner's page is opened by the link in their message; the console's pages and its
  // login need no token.
  if (auto r = owner_pages_.serve(call, req, peer))
    return *r;
  if (auto r = console_.serve(call, req, peer))
    return *r;

  const config::Snapshot cfg = env_.config();
  const auto authorization = req[http::field::authorization];
  if (authorization.empty() && Console::has_session_cookie(req)) {
    // A person logged in to the console: the session cookie, and the CSRF header on a write.
    if (auto refused = console_.authenticate(call, req))
      return *refused;
  } else {
    call.caller = authenticate(cfg->admin, authorization);
  }
  if (call.caller.access == Access::none) {
    Reply r = error(http::status::unauthorized,
                    "需要有效的令牌：请在 Authorization 头中提供 Bearer 令牌"
                    "（a valid bearer token is required）");
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"rectifyd\"");
    return r;
  }
  call.actor = call.caller.name;
  if (auto who = req["X-Rectifyd-Actor"]; !call.caller.person && !who.empty() && who.size() <= 64)
    call.actor = std::string(who) + " (" + call.caller.name + ")";

  if (call.path == "/metrics") {
    if (call.method != "GET") {
      Reply r = error(http::status::method_not_allowed, "只支持 GET（only GET is allowed）");
      r.headers.emplace_back("Allow", "GET");
      return r;
    }
    Reply r;
    r.text = render_metrics(env_);
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return r;
  }

  constexpr std::string_view kPrefix = "/api/v1";
  if (!call.path.starts_with(kPrefix) ||
      (call.path.size() > kPrefix.size() && call.path[kPrefix.size()] != '/'))
    return error(http::status::not_found, "没有这个地址（no such path）", call.path);
  const std::vector<std::string> parts = split_path(call.path.substr(kPrefix.size()));

  std::string allowed;
  for (const auto& e : routes_.entries()) {
    if (e.parts.size() != parts.size())
      continue;
    std::vector<std::string> params;
    bool match = true;
    for (std::size_t i = 0; i < parts.size() && match; ++i) {
      if (e.parts[i].starts_with('{'))
        params.push_back(parts[i]);
      else
        match = e.parts[i] == parts[i];
    }
    if (!match)
      continue;
    if (e.method != call.method) {
      if (allowed.find(e.method) == std::string::npos)
        allowed += (allowed.empty() ? "" : ", ") + e.method;
      continue;
    }
    if (is_write_method(call.method) && call.caller.access != Access::read_write)
      return error(http::status::forbidden,
                   call.caller.person
                       ? "只读账号不能修改数据（a viewer cannot make changes）"
                       : "只读令牌不能修改数据（the read-only token cannot make changes）",
                   call.path);
    call.params = std::move(params);
    try {
      return e.route(env_, call);
    } catch (const std::exception& ex) {
      spdlog::error("admin: {} {} failed: {}", call.method, call.path, ex.what());
      if (store::is_disk_full(ex))
        return disk_full(env_, ex.what(), call.path);
      return error(http::status::internal_server_error,
                   "内部错误，未做任何修改；详见 rectifyd 日志（internal error, nothing changed）",
                   call.path);
    }
  }
  if (!allowed.empty()) {
    Reply r = error(http::status::method_not_allowed,
                    "此地址不支持 " + call.method + "，可用：" + allowed + "（method not allowed）",
                    call.path);
    r.headers.emplace_back("Allow", allowed);
    return r;
  }
  return error(http::status::not_found, "没有这个地址（no such path）", call.path);
}

}  // namespace rectifyd::admin
