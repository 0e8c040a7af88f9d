// /api/v1/calendar: one year of the working-day calendar day by day with the coverage warning
// (GET /calendar?year=), and the import of a newly published year's schedule in the holiday-cn
// JSON shape (POST /calendar/import, the file as the body, ?source= its name for the audit
// row). Both are office/ calls; this file only translates.

#include <boost/json.hpp>

#include "admin/routes.h"
#include "core/dates.h"
#include "office/calendar.h"
#include "office/calendar_view.h"
#include "time/calendar_import.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

json::value date_or_null(const std::optional<LocalDate>& d) {
  return d ? json::value(json::string(format_date(*d))) : json::value(nullptr);
}

Reply show(ApiEnv& env, const Call& c) {
  office::Office o = office_of(env);
  int year = static_cast<int>(date::year_month_day{o.today()}.year());
  if (auto it = c.query.find("year"); it != c.query.end()) {
    try {
      year = std::stoi(it->second);
    } catch (const std::exception&) {
      return error(http::status::bad_request, "year 应为年份，如 2027", "?year");
    }
  }
  auto v = office::calendar_year(o, year);
  if (!v)
    return failure(v.error(), c.path);
  json::array days;
  for (const auto& d : v->days) {
    json::object day{
        {"date", format_date(d.day)}, {"workday", d.workday}, {"kind", office::to_string(d.kind)}};
    if (!d.name.empty())
      day["name"] = d.name;
    days.push_back(std::move(day));
  }
  auto years = [](const std::vector<int>& ys) {
    json::array a;
    for (int y : ys)
      a.push_back(y);
    return a;
  };
  const office::Coverage& cov = v->coverage;
  return ok(json::object{
      {"year", v->year},
      {"source", v->source},
      {"days", std::move(days)},
      {"covered_years", years(v->covered_years)},
      {"imported_years", years(v->imported_years)},
      {"coverage", json::object{{"today", format_date(cov.today)},
                                {"warning_days", cov.warning_days},
                                {"first_uncovered", date_or_null(cov.first_uncovered)},
                                {"latest_due", date_or_null(cov.latest_due)},
                                {"first_uncovered_due", date_or_null(cov.first_uncovered_due)}}}});
}

Reply import(ApiEnv& env, const Call& c) {
  std::string source = "上传的文件";
  if (auto it = c.query.find("source"); it != c.query.end() && !it->second.empty())
    source = it->second;
  auto year = parse_calendar_json(c.body, source);
  if (!year)
    return failure(year.error(), source);
  office::Office o = office_of(env);
  auto r = office::import_calendar_year(o, actor_of(c), *year, source);
  if (!r)
    return failure(r.error(), c.path);
  return ok(json::object{{"year", r->year},
                         {"days_off", r->days_off},
                         {"workdays", r->workdays},
                         {"replaced_days", r->replaced_days},
                         {"source", source}});
}

}  // namespace

void add_calendar_routes(RouteTable& t) {
  t.add("GET", "/calendar", show);
  t.add("POST", "/calendar/import", import);
}

}  // namespace rectifyd::admin
