#pragma once
// The route groups of /api/v1, one file each; request_handler.cpp registers them all.

#include <boost/json/object.hpp>

#include "admin/request_handler.h"
#include "core/result.h"
#include "ledger/stats.h"

namespace rectifyd::admin {

/// /people, /problems, /measures, /extensions, /imports.
void add_ledger_routes(RouteTable& t);
/// /meetings.
void add_meeting_routes(RouteTable& t);
/// /outbox.
void add_outbox_routes(RouteTable& t);
/// /config.
void add_config_routes(RouteTable& t);
/// /stats, /preview, /audit.
void add_report_routes(RouteTable& t);
/// /exports/xlsx, /imports/xlsx, /reports/weekly, /reports/final.
void add_paper_routes(RouteTable& t);
/// /stats/trend.
void add_trend_routes(RouteTable& t);
/// /calendar, /calendar/import.
void add_calendar_routes(RouteTable& t);
/// /people/{id}/links/revoke, /measures/{id}/evidence.
void add_owner_routes(RouteTable& t);

/// The body of GET /stats/breakdown from stats already computed for today (the measures' days
/// of closing recorded first: store::LedgerStore::date_closings).
Result<boost::json::object> breakdown_body(ApiEnv& env, const ledger::LedgerStats& stats);

/// The Prometheus text of /metrics: the registry's counters plus the gauges read from the
/// store now (outbox rows, measures by colour, completion rate, next wake).
std::string render_metrics(ApiEnv& env);

}  // namespace rectifyd::admin
