#pragma once
// The traffic light (红黄绿灯) as the planner and the agenda ask for it: ledger/colour.h's rule
// (the one rule), with the yellow window counted in working days of the unit's calendar.

#include <optional>

#include "core/model.h"
#include "ledger/colour.h"
#include "time/calendar.h"

namespace rectifyd::plan {

using Colour = ledger::Colour;
using ledger::label_zh;
using ledger::to_string;

/// red: today is after the due date; yellow: at most `yellow_within_workdays` working days in
/// (today, due], or progress behind the planned progress; green otherwise.
Colour colour_of(const Calendar& calendar, std::optional<LocalDate> due, LocalDate today,
                 int yellow_within_workdays, int progress, int planned_progress);

}  // namespace rectifyd::plan
