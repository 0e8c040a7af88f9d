#include "plan/working_hours.h"

#include "time/zone.h"

namespace rectifyd::plan {

bool in_working_hours(const config::WorkingHoursConfig& hours, const Calendar& calendar,
                      const date::time_zone* zone, Instant t) {
  const LocalDate day = local_date(zone, t);
  const auto tod = local_time_of_day(zone, t);
  return calendar.is_workday(day) && tod >= hours.start && tod < hours.end;
}

Instant defer_into_working_hours(const config::WorkingHoursConfig& hours, const Calendar& calendar,
                                 const date::time_zone* zone, Instant t) {
  const LocalDate day = local_date(zone, t);
  const auto tod = local_time_of_day(zone, t);
  if (calendar.is_workday(day)) {
    if (tod >= hours.start && tod < hours.end)
      return t;
    if (tod < hours.start) {
      const Instant same_day = resolve_local(zone, day, hours.defer_to);
      return same_day > t ? same_day : resolve_local(zone, day, hours.start);
    }
  }
  return resolve_local(zone, calendar.next_workday(day + date::days{1}), hours.defer_to);
}

}  // namespace rectifyd::plan
