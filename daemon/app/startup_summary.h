#pragma once
// The screen the daemon logs when it starts: which unit, zone, configuration and database it
// runs on, how the ledger stands, which channels exist (ids and types only, never URLs or
// secrets) and what it will do next.

#include <optional>
#include <string>
#include <vector>

#include "app/service.h"
#include "config/config.h"
#include "core/model.h"
#include "core/result.h"
#include "store/database.h"

namespace date {
class time_zone;
}

namespace rectifyd::app {

/// "12-04 09:00 reminder" in the unit's zone; "nothing planned" without a wake.
std::string describe_wake(const std::optional<Wake>& wake, const date::time_zone* zone);

/// The summary, one line per entry, ready to log.
std::vector<std::string> startup_summary(const config::Config& config, store::Database& db,
                                         Instant now, const std::optional<Wake>& next);

}  // namespace rectifyd::app
