#pragma once
// 红黄绿灯: the one place that decides a measure's colour. Red: open work past its due date.
// Yellow: due within the yellow window (calendar days, today included) or behind the progress
// the plan expects by now. Green: everything else, and every finished measure.

#include <optional>
#include <string_view>

#include "core/model.h"
#include "time/calendar.h"

namespace rectifyd::ledger {

enum class Colour { green, yellow, red };

/// "green", "yellow", "red".
std::string_view to_string(Colour c);
std::optional<Colour> parse_colour(std::string_view s);
/// 绿灯, 黄灯, 红灯.
std::string_view label_zh(Colour c);

struct ColourInput {
  MeasureStatus status = MeasureStatus::open;
  std::optional<LocalDate> due;
  LocalDate today{};
  int yellow_within_days = 3;
  int planned_progress = 0;
  int progress = 0;
  /// When set, the yellow window counts working days in (today, due] instead of calendar days:
  /// the rule the planner's reminders and the agenda use.
  const Calendar* calendar = nullptr;
};

Colour colour_of(const ColourInput& in);

/// The colour of a measure today with the given yellow window.
Colour colour_of(const Measure& m, LocalDate today, int yellow_within_days);

/// The measures of one colour as colour_of gives it on `today` with a yellow window that ends
/// on `yellow_until`: what a list of measures is filtered by.
struct ColourIs {
  Colour colour = Colour::green;
  LocalDate today{};
  LocalDate yellow_until{};
};

}  // namespace rectifyd::ledger
