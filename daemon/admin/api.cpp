#include "admin/api.h"

#include <charconv>

#include <boost/json.hpp>

#include "core/dates.h"
#include "ledger_io/utf8.h"
#include "store/calendar_days.h"
#include "time/zone.h"

namespace rectifyd::admin {
namespace json = boost::json;

Reply ok(json::value v) {
  return Reply{http::status::ok, std::move(v), std::nullopt, "application/json", {}};
}

Reply created(json::value v) {
  return Reply{http::status::created, std::move(v), std::nullopt, "application/json", {}};
}

Reply error(http::status status, std::string message, std::string location) {
  // Errors quote what the request said (its path, a query value), which may be any bytes.
  json::object e{{"message", ledger_io::replace_invalid_utf8(message)}};
  if (!location.empty())
    e["location"] = ledger_io::replace_invalid_utf8(location);
  return Reply{status, json::object{{"error", std::move(e)}}, std::nullopt, "application/json", {}};
}

http::status status_of(ErrorKind k) {
  switch (k) {
    case ErrorKind::invalid:
      return http::status::unprocessable_entity;
    case ErrorKind::not_found:
      return http::status::not_found;
    case ErrorKind::conflict:
      return http::status::conflict;
    case ErrorKind::forbidden:
      return http::status::forbidden;
    case ErrorKind::internal:
      return http::status::internal_server_error;
  }
  return http::status::internal_server_error;
}

Reply failure(const Error& e, std::string fallback_location) {
  Reply r = error(status_of(e.kind), e.message,
                  e.location.empty() ? std::move(fallback_location) : e.location);
  r.json.as_object()["error"].as_object()["kind"] = to_string(e.kind);
  return r;
}

office::Office office_of(ApiEnv& env) {
  return office::Office(env.db, env.clock, env.config, [&env](const office::Change& c) {
    if (env.changed)
      env.changed(c);
    if (env.wake)
      env.wake();
  });
}

Reply validation_error(std::string message, std::string location, json::array details) {
  Reply r = error(http::status::unprocessable_entity, std::move(message), std::move(location));
  r.json.as_object()["error"].as_object()["details"] = std::move(details);
  return r;
}

std::optional<Reply> parse_object(const Call& c, json::object& out) {
  if (c.body.empty()) {
    out = {};
    return std::nullopt;
  }
  boost::system::error_code ec;
  json::parse_options opts;
  json::stream_parser p({}, opts);
  p.write(c.body, ec);
  if (!ec)
    p.finish(ec);
  if (ec) {
    // The parser stops at the first byte it cannot take: report that offset.
    return error(http::status::bad_request,
                 "请求体不是有效的 JSON（the body is not valid JSON: " + ec.message() + "）",
                 "body");
  }
  json::value v = p.release();
  if (!v.is_object())
    return error(http::status::bad_request,
                 "请求体应为 JSON 对象（the body must be a JSON object）", "/");
  out = std::move(v.as_object());
  return std::nullopt;
}

namespace {
std::string pointer(std::string_view key) {
  return json_pointer(key);
}
}  // namespace

std::optional<Reply> read_string(const json::object& o, std::string_view key, std::string& out,
                                 bool required) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (required)
      return error(http::status::unprocessable_entity,
                   "缺少字段 " + std::string(key) + "（" + std::string(key) + " is required）",
                   pointer(key));
    return std::nullopt;
  }
  if (!v->is_string())
    return error(http::status::bad_request,
                 "字段 " + std::string(key) + " 应为字符串（expected a string）", pointer(key));
  out = std::string(v->get_string());
  return std::nullopt;
}

std::optional<Reply> read_int(const json::object& o, std::string_view key, long long& out,
                              bool required) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (required)
      return error(http::status::unprocessable_entity,
                   "缺少字段 " + std::string(key) + "（" + std::string(key) + " is required）",
                   pointer(key));
    return std::nullopt;
  }
  if (v->is_int64()) {
    out = v->get_int64();
    return std::nullopt;
  }
  if (v->is_uint64() && v->get_uint64() <= 9007199254740992ULL) {
    out = static_cast<long long>(v->get_uint64());
    return std::nullopt;
  }
  return error(http::status::bad_request,
               "字段 " + std::string(key) + " 应为整数（expected an integer）", pointer(key));
}

std::optional<Reply> read_bool(const json::object& o, std::string_view key, bool& out) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null())
    return std::nullopt;
  if (!v->is_bool())
    return error(http::status::bad_request,
                 "字段 " + std::string(key) + " 应为 true 或 false（expected a boolean）",
                 pointer(key));
  out = v->get_bool();
  return std::nullopt;
}

std::optional<Reply> read_date(const json::object& o, std::string_view key, LocalDate& out,
                               bool required) {
  std::string text;
  if (auto e = read_string(o, key, text, required))
    return e;
  if (text.empty() && !required)
    return std::nullopt;
  auto d = parse_date(text);
  if (!d)
    return error(http::status::unprocessable_entity,
                 "字段 " + std::string(key) + " 应为 YYYY-MM-DD 格式的日期，收到“" + text +
                     "”（expected a date YYYY-MM-DD）",
                 pointer(key));
  out = *d;
  return std::nullopt;
}

std::optional<Reply> param_id(const Call& c, std::size_t i, std::string_view what, Id& out) {
  const std::string& s = c.params.at(i);
  Id v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || v <= 0)
    return error(
        http::status::not_found,
        "没有编号为 " + s + " 的" + std::string(what) + "（no such " + std::string(what) + "）",
        c.path);
  out = v;
  return std::nullopt;
}

std::optional<Reply> read_page(const Call& c, Page& out) {
  auto number = [&](const char* name, std::size_t& v, std::size_t lo,
                    std::size_t hi) -> std::optional<Reply> {
    auto it = c.query.find(name);
    if (it == c.query.end())
      return std::nullopt;
    const std::string& s = it->second;
    std::size_t x = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (ec != std::errc{} || p != s.data() + s.size() || x < lo || x > hi)
      return error(http::status::bad_request,
                   "参数 " + std::string(name) + " 应为 " + std::to_string(lo) + " 到 " +
                       std::to_string(hi) + " 之间的整数，收到“" + s + "”",
                   "?" + std::string(name));
    v = x;
    return std::nullopt;
  };
  if (auto e = number("limit", out.limit, 1, 1000))
    return e;
  return number("offset", out.offset, 0, 1u << 30);
}

json::object paged(json::array items, std::size_t total, const Page& p) {
  json::object o;
  const std::size_t end = p.offset + items.size();
  o["items"] = std::move(items);
  o["total"] = total;
  if (end < total)
    o["next"] = end;
  else
    o["next"] = nullptr;
  return o;
}

json::object page_of(const json::array& all, const Page& p) {
  json::array items;
  for (std::size_t i = p.offset; i < all.size() && items.size() < p.limit; ++i)
    items.push_back(all[i]);
  return paged(std::move(items), all.size(), p);
}

const date::time_zone* unit_zone(const config::Config& c) {
  auto z = find_zone(c.unit.time_zone);
  return z ? *z : date::locate_zone("UTC");
}

LocalDate today(ApiEnv& env) {
  return local_date(unit_zone(*env.config()), env.clock.now());
}

ledger::Colouring colouring(ApiEnv& env) {
  const config::Snapshot cfg = env.config();
  ledger::Colouring c;
  c.today = local_date(unit_zone(*cfg), env.clock.now());
  c.yellow_within_workdays = cfg->deadlines.yellow_within_workdays;
  if (auto cal = try_load_calendar(env.db, cfg->calendar))
    c.calendar = std::move(*cal);
  return c;
}

}  // namespace rectifyd::admin
