#pragma once
// A newly published year of statutory holidays and makeup working days (国务院办公厅 notice),
// imported by the office: checked whole, stored with its audit row ("calendar.import"), and the
// planner told, so deadlines and meetings follow the new working days at once.

#include <string>

#include "core/result.h"
#include "office/office.h"
#include "time/calendar_import.h"

namespace rectifyd::office {

struct CalendarImported {
  int year = 0;
  int days_off = 0;
  int workdays = 0;       ///< makeup working days on weekends
  int replaced_days = 0;  ///< days that year had before, now replaced
};

/// `source` names the file or upload in the audit row.
Result<CalendarImported> import_calendar_year(Office& o, const Actor& a, const PublishedYear& year,
                                              const std::string& source);

}  // namespace rectifyd::office
