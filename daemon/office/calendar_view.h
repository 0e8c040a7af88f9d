#pragma once
// The working-day calendar as the office reads it: one year day by day (working or not, and
// why: a holiday, a makeup working day, the unit's own day off or on, a weekend), where the year
// comes from, and whether the calendar covers the coming warning period and the ledger's due
// dates (days beyond it count weekends only).

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "office/office.h"

namespace rectifyd::office {

enum class DayKind { workday, weekend, holiday, makeup, extra_off, extra_workday };
/// "workday", "weekend", "holiday", "makeup", "extra_off", "extra_workday".
const char* to_string(DayKind k);

struct CalendarDayView {
  LocalDate day;
  bool workday = true;
  DayKind kind = DayKind::workday;
  std::string name;  ///< the holiday's name (春节…), else empty
};

struct Coverage {
  LocalDate today;
  int warning_days = 0;
  /// The first day within the warning period without a published schedule.
  std::optional<LocalDate> first_uncovered;
  /// The latest due date of open work, and the first day up to it without a schedule.
  std::optional<LocalDate> latest_due;
  std::optional<LocalDate> first_uncovered_due;
};

struct CalendarYearView {
  int year = 0;
  /// "builtin", "imported" or "none" (no published schedule: weekends only).
  std::string source;
  std::vector<CalendarDayView> days;  ///< every day of the year
  std::vector<int> covered_years;
  std::vector<int> imported_years;
  Coverage coverage;
};

/// The year as the daemon's calendar counts it now (configuration and imported years).
Result<CalendarYearView> calendar_year(Office& o, int year);

}  // namespace rectifyd::office
