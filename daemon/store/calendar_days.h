#pragma once
// The imported holiday schedules (time/calendar_import.h), kept in the calendar_days table,
// and the Calendar the daemon runs on, made from them and the configuration.

#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "store/database.h"
#include "time/calendar.h"
#include "time/calendar_import.h"

namespace rectifyd::store {

/// Stores the year in calendar_days, replacing whatever was imported for it before; all or
/// nothing.
Status store_calendar_year(Database& db, const PublishedYear& year);
/// Every imported year, ascending.
Result<std::vector<PublishedYear>> load_imported_years(Database& db);

/// The daemon's calendar: the built-in years (when enabled), then the imported years (an
/// imported year replaces a built-in one), then the unit's extra days.
Result<Calendar> try_load_calendar(Database& db, const config::CalendarConfig& cfg);
/// As try_load_calendar; when the imported years cannot be read, logs the error and goes on
/// without them.
Calendar load_calendar(Database& db, const config::CalendarConfig& cfg);

}  // namespace rectifyd::store
