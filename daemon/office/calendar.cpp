#include "office/calendar.h"

#include <boost/json.hpp>

#include "store/calendar_days.h"

namespace rectifyd::office {
namespace json = boost::json;

Result<CalendarImported> import_calendar_year(Office& o, const Actor& a, const PublishedYear& year,
                                              const std::string& source) {
  CalendarImported c;
  c.year = year.year;
  for (const auto& d : year.days)
    (d.off ? c.days_off : c.workdays) += 1;
  auto r = transact<Ok>(o, [&]() -> Result<Ok> {
    auto before = load_imported_years(o.db());
    if (!before)
      return Error{before.error().message, ErrorKind::internal};
    for (const auto& y : *before) {
      if (y.year == year.year)
        c.replaced_days = static_cast<int>(y.days.size());
    }
    if (auto st = store_calendar_year(o.db(), year); !st)
      return Error{st.error().message, ErrorKind::internal};
    if (auto st =
            audit(o, a, "calendar.import", "calendar:" + std::to_string(year.year),
                  json::serialize(json::object{{"year", year.year}, {"days", c.replaced_days}}),
                  json::serialize(json::object{{"year", year.year},
                                               {"days", year.days.size()},
                                               {"days_off", c.days_off},
                                               {"workdays", c.workdays},
                                               {"file", source}}));
        !st)
      return st.error();
    return Ok{};
  });
  if (!r)
    return r.error();
  Change ch;
  ch.calendar = true;
  o.changed(ch);
  return c;
}

}  // namespace rectifyd::office
