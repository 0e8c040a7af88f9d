#include "ledger_io/demo.h"

#include <date/tz.h>

namespace rectifyd::ledger_io {

LocalDate demo_today(Instant now, const date::time_zone* zone) {
  if (zone != nullptr)
    return date::floor<date::days>(zone->to_local(now));
  return LocalDate{date::floor<date::days>(now + std::chrono::hours{8}).time_since_epoch()};
}

}  // namespace rectifyd::ledger_io
