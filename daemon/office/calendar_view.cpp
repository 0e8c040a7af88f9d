#include "office/calendar_view.h"

#include <algorithm>
#include <set>

#include "store/calendar_days.h"
#include "store/ledger_store.h"
#include "time/calendar_import.h"

namespace rectifyd::office {

const char* to_string(DayKind k) {
  switch (k) {
    case DayKind::workday:
      return "workday";
    case DayKind::weekend:
      return "weekend";
    case DayKind::holiday:
      return "holiday";
    case DayKind::makeup:
      return "makeup";
    case DayKind::extra_off:
      return "extra_off";
    case DayKind::extra_workday:
      return "extra_workday";
  }
  return "workday";
}

Result<CalendarYearView> calendar_year(Office& o, int year) {
  if (year < 1970 || year > 2200)
    return invalid("年份应在 1970 至 2200 之间", "?year");
  const config::Snapshot cfg = o.config();
  auto cal = try_load_calendar(o.db(), cfg->calendar);
  if (!cal)
    return internal(cal.error().message);
  auto imported = load_imported_years(o.db());
  if (!imported)
    return internal(imported.error().message);

  CalendarYearView v;
  v.year = year;
  for (const auto& y : *imported)
    v.imported_years.push_back(y.year);
  for (int y : cal->covered_years())
    v.covered_years.push_back(y);
  const bool imp = std::ranges::find(v.imported_years, year) != v.imported_years.end();
  v.source = imp ? "imported" : cal->covered_years().contains(year) ? "builtin" : "none";

  const std::set<LocalDate> off(cfg->calendar.extra_days_off.begin(),
                                cfg->calendar.extra_days_off.end());
  const std::set<LocalDate> on(cfg->calendar.extra_workdays.begin(),
                               cfg->calendar.extra_workdays.end());
  const LocalDate first = date::local_days{date::year{year} / 1 / 1};
  const LocalDate end = date::local_days{date::year{year + 1} / 1 / 1};
  for (LocalDate d = first; d < end; d += date::days{1}) {
    CalendarDayView day;
    day.day = d;
    day.workday = cal->is_workday(d);
    day.name = cal->day_name(d);
    const bool weekend = date::weekday{d}.iso_encoding() >= 6;
    if (off.contains(d))
      day.kind = DayKind::extra_off;
    else if (on.contains(d))
      day.kind = DayKind::extra_workday;
    else if (!day.name.empty())
      day.kind = day.workday ? DayKind::makeup : DayKind::holiday;
    else
      day.kind = weekend ? DayKind::weekend : DayKind::workday;
    v.days.push_back(std::move(day));
  }

  Coverage& c = v.coverage;
  c.today = o.today();
  c.warning_days = cfg->calendar.coverage_warning_days;
  c.first_uncovered = cal->first_uncovered(c.today, c.warning_days);
  store::LedgerStore store(o.db());
  store::MeasureFilter open;
  open.statuses = {MeasureStatus::open, MeasureStatus::in_progress, MeasureStatus::done_reported};
  auto measures = store.measures(open);
  if (!measures)
    return internal(measures.error().message);
  for (const auto& m : *measures) {
    if (m.due && (!c.latest_due || *m.due > *c.latest_due))
      c.latest_due = m.due;
  }
  if (c.latest_due && *c.latest_due >= c.today)
    c.first_uncovered_due =
        cal->first_uncovered(c.today, static_cast<int>((*c.latest_due - c.today).count()) + 1);
  return v;
}

}  // namespace rectifyd::office
