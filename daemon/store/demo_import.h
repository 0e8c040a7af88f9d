#pragma once
// The demo ledger (ledger_io/demo.h) loaded into an empty ledger.

#include <string_view>

#include "core/model.h"
#include "core/result.h"
#include "ledger_io/demo.h"
#include "store/database.h"

namespace date {
class time_zone;
}

namespace rectifyd::store {

/// Imports the demo people and ledger in one transaction, today being `now`'s date in `zone`
/// (nullptr: China Standard Time), but only when the ledger has no problems yet.
Result<ledger_io::DemoSummary> load_demo(Database& db, Instant now,
                                         const date::time_zone* zone = nullptr,
                                         std::string_view actor = "demo");

}  // namespace rectifyd::store
