#pragma once
// Holiday schedules published after a release: read from a JSON file in the holiday-cn shape
// ({year, papers, days: [{name, date, isOffDay}]}), kept in the calendar_days table, and merged
// with the built-in years and the unit's own days into the Calendar the daemon runs on.

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "time/calendar.h"

namespace rectifyd::store {
class Database;
}

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

/// Stores the year in calendar_days, replacing whatever was imported for it before; all or
/// nothing.
Status store_calendar_year(store::Database& db, const PublishedYear& year);
/// Every imported year, ascending.
Result<std::vector<PublishedYear>> load_imported_years(store::Database& db);

/// The daemon's calendar: the built-in years (when enabled), then the imported years (an
/// imported year replaces a built-in one), then the unit's extra days.
Result<Calendar> try_load_calendar(store::Database& db, const config::CalendarConfig& cfg);
/// As try_load_calendar; when the imported years cannot be read, logs the error and goes on
/// without them.
Calendar load_calendar(store::Database& db, const config::CalendarConfig& cfg);

}  // namespace rectifyd
