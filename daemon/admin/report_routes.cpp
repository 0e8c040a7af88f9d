// /api/v1/stats, /api/v1/preview, /api/v1/audit, and the gauges of /metrics: what the office
// reads about the state of the rectification and of the daemon.

#include <stdlib.h>

#include <charconv>
#include <filesystem>

#include <boost/json.hpp>

#include "admin/channel_health_view.h"
#include "admin/routes.h"
#include "core/dates.h"
#include "engine/preview.h"
#include "ledger/colour.h"
#include "ledger/ledger_json.h"
#include "ledger/stats.h"
#include "plan/kind_label.h"
#include "store/audit.h"
#include "store/calendar_days.h"
#include "store/ledger_store.h"
#include "store/outbox.h"
#include "store/stats_queries.h"
#include "time/calendar_import.h"
#include "time/zone.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

/// ?name=true|false, `fallback` when absent.
std::optional<Reply> flag(const Call& c, const char* name, bool fallback, bool& out) {
  out = fallback;
  auto it = c.query.find(name);
  if (it == c.query.end())
    return std::nullopt;
  if (it->second != "true" && it->second != "false")
    return error(http::status::bad_request, std::string(name) + " 应为 true 或 false",
                 "?" + std::string(name));
  out = it->second == "true";
  return std::nullopt;
}

/// GET /stats[?per_problem=false][&breakdown=true]: the figures overall, per category and
/// (unless asked not to) per problem, the counts by colour, and when asked the body of
/// GET /stats/breakdown from the same counts.
Reply stats(ApiEnv& env, const Call& c) {
  bool per_problem = true;
  bool with_breakdown = false;
  if (auto e = flag(c, "per_problem", true, per_problem))
    return *e;
  if (auto e = flag(c, "breakdown", false, with_breakdown))
    return *e;
  if (with_breakdown) {
    if (auto dated = store::LedgerStore(env.db).date_closings(unit_zone(*env.config())); !dated)
      return error(http::status::internal_server_error, dated.error().message);
  }
  auto s = store::compute_stats(env.db, today(env));
  if (!s)
    return error(http::status::internal_server_error, s.error().message);
  json::value v = ledger::to_json(*s, per_problem);
  // 红黄绿灯 by the configured yellow window and the unit's working days.
  store::MeasureFilter f;
  f.colour = colouring(env).filter(ledger::Colour::red);
  auto colours = store::LedgerStore(env.db).count_colours(f);
  if (!colours)
    return error(http::status::internal_server_error, colours.error().message);
  v.as_object()["colours"] =
      json::object{{"red", colours->red}, {"yellow", colours->yellow}, {"green", colours->green}};
  if (with_breakdown) {
    auto b = breakdown_body(env, *s);
    if (!b)
      return error(http::status::internal_server_error, b.error().message);
    v.as_object()["breakdown"] = std::move(*b);
  }
  v.as_object()["as_of"] = format_date(today(env));
  return ok(std::move(v));
}

Reply preview(ApiEnv& env, const Call& c) {
  const config::Snapshot cfg = env.config();
  const auto* zone = unit_zone(*cfg);
  engine::PreviewOptions o;
  o.from = today(env);
  if (auto it = c.query.find("from"); it != c.query.end()) {
    auto d = parse_date(it->second);
    if (!d)
      return error(http::status::bad_request,
                   "from 应为 YYYY-MM-DD 格式的日期，收到“" + it->second + "”", "?from");
    o.from = *d;
  }
  if (auto it = c.query.find("days"); it != c.query.end()) {
    int days = 0;
    const std::string& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), days);
    if (ec != std::errc{} || p != s.data() + s.size() || days < 1 || days > 366)
      return error(http::status::bad_request, "days 应在 1 到 366 之间，收到“" + s + "”", "?days");
    o.days = days;
  }
  if (auto it = c.query.find("person"); it != c.query.end() && !it->second.empty()) {
    auto p = store::LedgerStore(env.db).person_by_name(it->second);
    if (!p)
      return error(http::status::internal_server_error, p.error().message);
    if (!*p)
      return error(http::status::unprocessable_entity,
                   "没有名为“" + it->second + "”的人员（no such person）", "?person");
    o.person = it->second;
  }
  Page page;
  page.limit = 1000;
  if (auto e = read_page(c, page))
    return *e;
  auto calendar = try_load_calendar(env.db, cfg->calendar);
  if (!calendar)
    return error(http::status::internal_server_error, calendar.error().message);

  std::string scratch = (std::filesystem::path(env.scratch_dir) / "rectifyd-preview-XXXXXX");
  if (::mkdtemp(scratch.data()) == nullptr)
    return error(
        http::status::internal_server_error,
        "无法创建预览用的临时目录（cannot create a scratch directory in " + env.scratch_dir + "）");
  auto rows = engine::run_preview(env.db, *cfg, *calendar, o, scratch);
  std::error_code ec;
  std::filesystem::remove_all(scratch, ec);
  if (!rows)
    return error(http::status::internal_server_error, rows.error().message);
  json::array all;
  for (const auto& r : *rows) {
    json::array ids;
    for (Id id : r.measures)
      ids.push_back(id);
    all.push_back(json::object{{"at", format_instant(r.at, zone)},
                               {"kind", r.kind},
                               {"kind_zh", plan::kind_label_zh(r.kind)},
                               {"recipient", r.recipient},
                               {"channel", r.channel},
                               {"subject", r.subject},
                               {"text", r.text},
                               {"measures", std::move(ids)},
                               {"late", r.late},
                               {"key", r.key}});
  }
  json::object out = page_of(all, page);
  out["from"] = format_date(o.from);
  out["days"] = o.days;
  return ok(std::move(out));
}

Reply audit(ApiEnv& env, const Call& c) {
  store::AuditQuery q;
  if (auto it = c.query.find("limit"); it != c.query.end()) {
    int n = 0;
    const std::string& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || p != s.data() + s.size() || n < 1 || n > 1000)
      return error(http::status::bad_request, "limit 应在 1 到 1000 之间，收到“" + s + "”",
                   "?limit");
    q.limit = n;
  }
  // Cursor paging: ?before=<id> from the previous page's "next".
  for (const char* key : {"before", "cursor"}) {
    if (auto it = c.query.find(key); it != c.query.end()) {
      Id id = 0;
      const std::string& s = it->second;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
      if (ec != std::errc{} || p != s.data() + s.size() || id < 1)
        return error(http::status::bad_request, std::string(key) + " 应为上一页给出的 next 值",
                     "?" + std::string(key));
      q.before_id = id;
    }
  }
  if (auto it = c.query.find("entity"); it != c.query.end())
    q.entity = it->second;
  if (auto it = c.query.find("actor"); it != c.query.end())
    q.actor = it->second;
  if (auto it = c.query.find("action"); it != c.query.end())
    q.action = it->second;
  // ?from= and ?until= are days in the unit's zone, both included.
  const auto* zone = unit_zone(*env.config());
  for (const char* key : {"from", "until"}) {
    auto it = c.query.find(key);
    if (it == c.query.end() || it->second.empty())
      continue;
    auto d = parse_date(it->second);
    if (!d)
      return error(http::status::bad_request,
                   std::string(key) + " 应为 YYYY-MM-DD 格式的日期，收到“" + it->second + "”",
                   "?" + std::string(key));
    const LocalDate day = std::string_view(key) == "from" ? *d : *d + date::days{1};
    (std::string_view(key) == "from" ? q.from : q.until) =
        resolve_local(zone, day, std::chrono::minutes{0});
  }
  auto page = store::AuditLog(env.db).list(q);
  if (!page)
    return error(http::status::internal_server_error, page.error().message);
  auto total = store::AuditLog(env.db).count(q);
  if (!total)
    return error(http::status::internal_server_error, total.error().message);
  json::array items;
  for (const auto& e : page->entries)
    items.push_back(ledger::to_json(e));
  json::object out{{"items", std::move(items)}, {"total", *total}};
  out["next"] = page->next_before ? json::value(*page->next_before) : json::value(nullptr);
  return ok(std::move(out));
}

}  // namespace

void add_report_routes(RouteTable& t) {
  t.add("GET", "/stats", stats);
  t.add("GET", "/preview", preview);
  t.add("GET", "/audit", audit);
}

std::string render_metrics(ApiEnv& env) {
  Metrics& m = env.metrics;
  m.describe("rectifyd_outbox_rows", MetricType::gauge, "Outbox rows by state and channel.");
  m.describe("rectifyd_outbox_dead_rows", MetricType::gauge, "Dead outbox rows (all channels).");
  m.describe("rectifyd_outbox_retried_attempts", MetricType::gauge,
             "Delivery attempts beyond the first, over the rows still in the outbox.");
  m.describe("rectifyd_next_wake_timestamp_seconds", MetricType::gauge,
             "When the planner runs next (Unix time); 0 when nothing is planned.");
  m.describe("rectifyd_measures", MetricType::gauge, "Measures by colour (红黄绿灯).");
  m.describe("rectifyd_completion_ratio", MetricType::gauge,
             "办结率: (closed + ongoing + not applicable) / measures.");
  m.describe("rectifyd_measures_overdue", MetricType::gauge, "Open measures past their due date.");

  m.clear("rectifyd_outbox_rows");
  double dead = 0;
  double retried = 0;
  for (const auto& t : store::outbox_tally(env.db)) {
    const auto n = static_cast<double>(t.rows);
    m.set("rectifyd_outbox_rows", {{"channel", t.channel}, {"state", t.state}}, n);
    if (t.state == "dead")
      dead += n;
    retried += static_cast<double>(t.retried_attempts);
  }
  m.set("rectifyd_outbox_dead_rows", {}, dead);
  if (env.channel_health)
    set_channel_gauges(m, env.channel_health(), env.clock.now());
  m.set("rectifyd_outbox_retried_attempts", {}, retried);

  const auto next = env.next_wake ? env.next_wake() : std::nullopt;
  m.set("rectifyd_next_wake_timestamp_seconds", {},
        next ? static_cast<double>(next->time_since_epoch().count()) : 0.0);

  const LocalDate day = today(env);
  std::map<std::string, double> colours{{"green", 0}, {"yellow", 0}, {"red", 0}};
  store::MeasureFilter open;
  open.statuses = {MeasureStatus::open, MeasureStatus::in_progress, MeasureStatus::done_reported};
  const ledger::Colouring colouring_now = colouring(env);
  if (auto ms = store::LedgerStore(env.db).measures(open)) {
    for (const auto& x : *ms)
      colours[std::string(ledger::to_string(colouring_now.of(x)))] += 1;
  }
  if (auto s = store::compute_stats(env.db, day)) {
    // Finished measures are green.
    colours["green"] += static_cast<double>(s->overall.finished());
    m.set("rectifyd_completion_ratio", {}, s->overall.completion_rate());
    m.set("rectifyd_measures_overdue", {}, static_cast<double>(s->overall.overdue));
  }
  for (const auto& [colour, n] : colours)
    m.set("rectifyd_measures", {{"colour", colour}}, n);
  return m.render();
}

}  // namespace rectifyd::admin
