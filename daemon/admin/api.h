#pragma once
// What every admin API route shares: the environment it runs in (the store, the clock, the
// configuration, the daemon's reload and planner), the call it answers, the reply it gives, and
// helpers for the JSON conventions of /api/v1: errors as {"error": {"message", "location"}},
// lists as {"items", "total", "next"}. Nothing here does network I/O: a route is a function
// from a call to a reply, run on the daemon's loop thread, which owns the database.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>
#include <boost/beast/http/status.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "admin/auth.h"
#include "admin/metrics.h"
#include "config/config.h"
#include "core/json_text.h"
#include "core/model.h"
#include "core/result.h"
#include "ledger/measure_view.h"
#include "notify/channel_health.h"
#include "office/office.h"
#include "store/database.h"
#include "time/clock.h"

namespace rectifyd::admin {

namespace http = boost::beast::http;

/// The daemon as the API sees it. The functions are set by whoever hosts the API (rectifyd's
/// main, or a test); each must be callable on the loop thread.
struct ApiEnv {
  store::Database& db;
  const Clock& clock;
  Metrics& metrics;
  /// The configuration in force.
  std::function<config::Snapshot()> config;
  /// The same path as SIGHUP: re-read config_path, validate, swap or keep the old one; the
  /// audit row names `actor`. An Error lists every problem.
  std::function<Status(const std::string& actor)> reload;
  /// Runs the planner soon (coalesced).
  std::function<void()> wake;
  /// When the planner runs next, if it has planned anything.
  std::function<std::optional<Instant>()> next_wake;
  /// The file reloads read; empty when running on the embedded default (config writes refused).
  std::string config_path;
  /// Where preview copies the database.
  std::string scratch_dir;
  /// Told when a write failed because the store's disk is full (optional).
  std::function<void(const std::string& error)> store_full;
  /// Told what an action changed in the ledger, before `wake` (the planner's kept view
  /// re-reads those rows).
  std::function<void(const office::Change& change)> changed;
  /// How each delivery channel is doing (for /metrics and /healthz); unset: not shown.
  std::function<std::vector<notify::ChannelStatus>()> channel_health = {};
};

/// A reply: JSON by default, or a text body (metrics, TOML).
struct Reply {
  http::status status = http::status::ok;
  boost::json::value json;
  std::optional<std::string> text;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

/// One request as a route sees it.
struct Call {
  std::string method;
  std::string path;
  std::vector<std::string> params;  ///< the {…} parts of the route pattern, in order
  std::map<std::string, std::string> query;
  std::string body;
  Caller caller;
  /// Who the audit log names: the token name, or "<X-Rectifyd-Actor> (admin)".
  std::string actor;
};

using Route = std::function<Reply(ApiEnv&, const Call&)>;

Reply ok(boost::json::value v);
Reply created(boost::json::value v);
/// {"error": {"message": …, "location": …}}; location is omitted when empty.
Reply error(http::status status, std::string message, std::string location = "");
/// An application-layer failure as its status: invalid 422, not_found 404, conflict 409,
/// forbidden 403, internal 500; {"error": {"message", "kind", "location"}}, the location being
/// the error's own, else `fallback_location` (the request path).
Reply failure(const Error& e, std::string fallback_location = "");
http::status status_of(ErrorKind k);

/// The application layer as this call sees it: the daemon's store, clock and configuration;
/// each change wakes the planner.
office::Office office_of(ApiEnv& env);
/// The audit log's name for the caller.
inline office::Actor actor_of(const Call& c) {
  return office::Actor{c.actor};
}

/// 422 with every diagnostic: {"error": {"message", "location", "details": [...]}}.
Reply validation_error(std::string message, std::string location, boost::json::array details);

/// The body as a JSON object; an empty body is an empty object. 400 naming the place otherwise.
std::optional<Reply> parse_object(const Call& c, boost::json::object& out);

// Fields of a JSON body. Each returns a 400/422 reply naming the field by its JSON pointer when
// it is missing (and required) or of the wrong type; leaves `out` alone when absent.
std::optional<Reply> read_string(const boost::json::object& o, std::string_view key,
                                 std::string& out, bool required = false);
std::optional<Reply> read_int(const boost::json::object& o, std::string_view key, long long& out,
                              bool required = false);
std::optional<Reply> read_bool(const boost::json::object& o, std::string_view key, bool& out);
std::optional<Reply> read_date(const boost::json::object& o, std::string_view key, LocalDate& out,
                               bool required = false);

/// A path parameter as an id; 404 when it is not one (no such resource can exist).
std::optional<Reply> param_id(const Call& c, std::size_t i, std::string_view what, Id& out);

/// ?limit= (1–1000, default 50) and ?offset= (default 0).
struct Page {
  std::size_t limit = 50;
  std::size_t offset = 0;
};
std::optional<Reply> read_page(const Call& c, Page& out);
/// {"items": …, "total": …, "next": offset of the next page or null}.
boost::json::object paged(boost::json::array items, std::size_t total, const Page& p);
/// The page [offset, offset + limit) of a whole list.
boost::json::object page_of(const boost::json::array& all, const Page& p);

/// The unit's zone (UTC when the configured one is unknown) and today's date there.
const date::time_zone* unit_zone(const config::Config& c);
LocalDate today(ApiEnv& env);
/// Colours by the planner's rule as of today, with the configured yellow window and the
/// unit's calendar.
ledger::Colouring colouring(ApiEnv& env);

}  // namespace rectifyd::admin
