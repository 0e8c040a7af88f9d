#include "time/zone.h"

#include <exception>

namespace rectifyd {

Result<const date::time_zone*> find_zone(const std::string& name) {
  if (name.empty())
    return Error{"time zone: empty name"};
  try {
    return date::locate_zone(name);
  } catch (const std::exception& e) {
    return Error{"unknown time zone \"" + name + "\" (" + e.what() + ")"};
  }
}

Instant resolve_local(const date::time_zone* zone, LocalDate day,
                      std::chrono::minutes time_of_day) {
  const date::local_seconds wall{day.time_since_epoch() + time_of_day};
  const auto info = zone->get_info(wall);
  switch (info.result) {
    case date::local_info::unique:
      return Instant{wall.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
      // Spring forward: the wall clock skips this time; fire when the clock jumps.
      return std::chrono::time_point_cast<std::chrono::seconds>(info.first.end);
    case date::local_info::ambiguous:
      // Fall back: the first occurrence, under the offset in force before the change.
      return Instant{wall.time_since_epoch() - info.first.offset};
  }
  return Instant{wall.time_since_epoch() - info.first.offset};
}

LocalDate local_date(const date::time_zone* zone, Instant t) {
  return date::floor<date::days>(zone->to_local(t));
}

std::chrono::minutes local_time_of_day(const date::time_zone* zone, Instant t) {
  const auto local = zone->to_local(t);
  return date::floor<std::chrono::minutes>(local - date::floor<date::days>(local));
}

}  // namespace rectifyd
