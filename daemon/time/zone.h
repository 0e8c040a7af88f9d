#pragma once
// Wall time in a zone ↔ instants, with the DST rules of DESIGN.md: a wall time that does not
// exist (spring forward) resolves to the transition instant; a repeated one (fall back) to its
// first occurrence, so it fires once.

#include <chrono>
#include <string>

#include <date/tz.h>

#include "core/model.h"
#include "core/result.h"

namespace rectifyd {

/// Looks a zone up in the system zoneinfo; an error names the zone.
Result<const date::time_zone*> find_zone(const std::string& name);

/// The instant at which the wall clock in `zone` shows `day` + `time_of_day`.
Instant resolve_local(const date::time_zone* zone, LocalDate day, std::chrono::minutes time_of_day);

/// The local date and time of day of an instant in a zone.
LocalDate local_date(const date::time_zone* zone, Instant t);
std::chrono::minutes local_time_of_day(const date::time_zone* zone, Instant t);

}  // namespace rectifyd
