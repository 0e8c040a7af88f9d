#pragma once
// The traffic light of one deadline (红黄绿灯), the single rule every listing, agenda and
// reminder uses. Counted in working days, so a due date after a holiday block turns yellow
// when the remaining working days are few, not the remaining calendar days.

#include <optional>
#include <string_view>

#include "core/model.h"
#include "time/calendar.h"

namespace rectifyd::plan {

enum class Colour { green, yellow, red };

/// "green", "yellow", "red".
std::string_view to_string(Colour c);
/// 绿灯, 黄灯, 红灯.
std::string_view label_zh(Colour c);

/// red: today is after the due date; yellow: due within `yellow_within_workdays` working days
/// (the due day counts as 0 when it is today), or progress behind the planned progress;
/// green otherwise. Items without a due date are green unless behind plan.
Colour colour_of(const Calendar& calendar, std::optional<LocalDate> due, LocalDate today,
                 int yellow_within_workdays, int progress, int planned_progress);

}  // namespace rectifyd::plan
