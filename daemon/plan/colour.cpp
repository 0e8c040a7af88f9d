#include "plan/colour.h"

namespace rectifyd::plan {

Colour colour_of(const Calendar& calendar, std::optional<LocalDate> due, LocalDate today,
                 int yellow_within_workdays, int progress, int planned_progress) {
  ledger::ColourInput in;
  in.due = due;
  in.today = today;
  in.yellow_within_days = yellow_within_workdays;
  in.progress = progress;
  in.planned_progress = planned_progress;
  in.calendar = &calendar;
  return ledger::colour_of(in);
}

}  // namespace rectifyd::plan
