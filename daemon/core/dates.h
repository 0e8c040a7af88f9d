#pragma once
// Text forms of dates and instants: ISO 8601 everywhere a machine or a person reads one.

#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"

namespace date {
class time_zone;
}

namespace rectifyd {

/// "2026-03-14" → date; nullopt for anything else (including 2026-02-30).
std::optional<LocalDate> parse_date(std::string_view s);
std::string format_date(LocalDate d);

/// "2026-03-14T08:30:00Z" or with "+08:00"; nullopt when malformed.
std::optional<Instant> parse_instant(std::string_view s);
/// UTC, "2026-03-14T00:30:00Z".
std::string format_instant_utc(Instant t);
/// In a zone, with its offset: "2026-03-14T08:30:00+08:00".
std::string format_instant(Instant t, const date::time_zone* zone);

/// Chinese short date a message uses: "3月14日（周六）".
std::string format_date_zh(LocalDate d);

}  // namespace rectifyd
