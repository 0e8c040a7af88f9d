#include "ledger/colour.h"

#include "ledger/lifecycle.h"

namespace rectifyd::ledger {

std::string_view to_string(Colour c) {
  switch (c) {
    case Colour::green:
      return "green";
    case Colour::yellow:
      return "yellow";
    case Colour::red:
      return "red";
  }
  return "green";
}

std::optional<Colour> parse_colour(std::string_view s) {
  if (s == "green")
    return Colour::green;
  if (s == "yellow")
    return Colour::yellow;
  if (s == "red")
    return Colour::red;
  return std::nullopt;
}

std::string_view label_zh(Colour c) {
  switch (c) {
    case Colour::green:
      return "绿灯";
    case Colour::yellow:
      return "黄灯";
    case Colour::red:
      return "红灯";
  }
  return "绿灯";
}

Colour colour_of(const ColourInput& in) {
  if (is_finished(in.status))
    return Colour::green;
  if (in.due && *in.due < in.today)
    return Colour::red;
  if (in.due && in.calendar != nullptr &&
      in.calendar->workdays_between(in.today, *in.due) <= in.yellow_within_days)
    return Colour::yellow;
  if (in.due && in.calendar == nullptr && *in.due <= in.today + date::days{in.yellow_within_days})
    return Colour::yellow;
  if (in.progress < in.planned_progress)
    return Colour::yellow;
  return Colour::green;
}

Colour colour_of(const Measure& m, LocalDate today, int yellow_within_days) {
  return colour_of(
      ColourInput{m.status, m.due, today, yellow_within_days, m.planned_progress, m.progress});
}

}  // namespace rectifyd::ledger
