#pragma once
// Holiday schedules published after a release: read from a JSON file in the holiday-cn shape
// ({year, papers, days: [{name, date, isOffDay}]}), and merged with the built-in years and the
// unit's own days into the Calendar the daemon runs on. They are kept in the calendar_days
// table (store::store_calendar_year).

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "time/calendar.h"

namespace rectifyd {

/// One published year: its days may include December days of the year before.
struct PublishedYear {
  int year = 0;
  std::vector<CalendarDay> days;  ///< in file order
};

/// Parses and checks the JSON text. An error names `source` and the place: "f.json:3:7: …" for
/// syntax, "f.json: /days/3/date: expected YYYY-MM-DD" for content. A year with no days is
/// refused (it means "not published yet").
Result<PublishedYear> parse_calendar_json(std::string_view text, const std::string& source);
/// Reads and parses a file.
Result<PublishedYear> read_calendar_file(const std::string& path);

/// The built-in years (when `builtin_holidays`), then the imported years (an imported year
/// replaces a built-in one), then the unit's extra days.
Calendar merge_calendar(bool builtin_holidays, const std::vector<PublishedYear>& imported,
                        const std::vector<LocalDate>& extra_days_off,
                        const std::vector<LocalDate>& extra_workdays);

}  // namespace rectifyd
