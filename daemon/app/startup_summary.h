#pragma once
// The screen the daemon logs when it starts: which unit, zone, configuration and database it
// runs on, how the ledger stands, which channels exist (ids and types only, never URLs or
// secrets) and what it will do next.

#include <cstdint>
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

struct LedgerCounts {
  std::int64_t problems = 0;
  std::int64_t measures = 0;
  std::int64_t open = 0;     ///< open, in_progress, done_reported
  std::int64_t overdue = 0;  ///< open with a due date before today
  std::int64_t done = 0;     ///< closed, ongoing, not_applicable
  double completion_rate() const {
    return measures == 0 ? 0.0 : static_cast<double>(done) / static_cast<double>(measures);
  }
};

/// Counts the ledger with SQL aggregates; `today` is the unit's local date.
Result<LedgerCounts> count_ledger(store::Database& db, LocalDate today);

/// "12-04 09:00 reminder" in the unit's zone; "nothing planned" without a wake.
std::string describe_wake(const std::optional<Wake>& wake, const date::time_zone* zone);

/// The summary, one line per entry, ready to log.
std::vector<std::string> startup_summary(const config::Config& config, store::Database& db,
                                         Instant now, const std::optional<Wake>& next);

}  // namespace rectifyd::app
