// /api/v1/stats/trend: 办结率 per day since the round began (office/stats_trend.h), the last
// point being today as it stands now.

#include <boost/json.hpp>

#include "admin/routes.h"
#include "core/dates.h"
#include "office/stats_trend.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

Reply trend(ApiEnv& env, const Call& c) {
  office::Office o = office_of(env);
  auto t = office::stats_trend(o);
  if (!t)
    return failure(t.error(), c.path);
  json::array items;
  for (const auto& d : t->days) {
    items.push_back(json::object{{"day", d.day},
                                 {"measures", d.measures},
                                 {"closed", d.closed},
                                 {"ongoing", d.ongoing},
                                 {"not_applicable", d.not_applicable},
                                 {"open", d.open},
                                 {"overdue", d.overdue},
                                 {"done_reported", d.done_reported},
                                 {"completion_rate", d.completion_rate}});
  }
  return ok(json::object{
      {"round_began", t->round_began ? json::value(json::string(format_date(*t->round_began)))
                                     : json::value(nullptr)},
      {"items", std::move(items)}});
}

}  // namespace

void add_trend_routes(RouteTable& t) {
  t.add("GET", "/stats/trend", trend);
}

}  // namespace rectifyd::admin
