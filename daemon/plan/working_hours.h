#pragma once
// Working hours: messages go out on working days within [start, end) in the unit's zone. A
// message planned outside them is deferred — never dropped — to `defer_to`: the same day when
// planned before the start of a working day, else the next working day.

#include <date/tz.h>

#include "config/config.h"
#include "core/model.h"
#include "time/calendar.h"

namespace rectifyd::plan {

/// True when t falls on a working day within [start, end).
bool in_working_hours(const config::WorkingHoursConfig& hours, const Calendar& calendar,
                      const date::time_zone* zone, Instant t);

/// t itself inside working hours; else the next working time at `defer_to`.
Instant defer_into_working_hours(const config::WorkingHoursConfig& hours, const Calendar& calendar,
                                 const date::time_zone* zone, Instant t);

}  // namespace rectifyd::plan
