#include "plan/colour.h"

namespace rectifyd::plan {

std::string_view to_string(Colour c) {
  switch (c) {
    case Colour::red:
      return "red";
    case Colour::yellow:
      return "yellow";
    case Colour::green:
      break;
  }
  return "green";
}

std::string_view label_zh(Colour c) {
  switch (c) {
    case Colour::red:
      return "红灯";
    case Colour::yellow:
      return "黄灯";
    case Colour::green:
      break;
  }
  return "绿灯";
}

Colour colour_of(const Calendar& calendar, std::optional<LocalDate> due, LocalDate today,
                 int yellow_within_workdays, int progress, int planned_progress) {
  if (due && today > *due)
    return Colour::red;
  if (due && calendar.workdays_between(today, *due) <= yellow_within_workdays)
    return Colour::yellow;
  if (progress < planned_progress)
    return Colour::yellow;
  return Colour::green;
}

}  // namespace rectifyd::plan
