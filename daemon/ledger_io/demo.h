#pragma once
// The demo ledger the quick start loads: a fictional archives bureau with about a dozen people
// and sixteen problems, its due dates relative to the day it is loaded, so that some items are
// always overdue, some due today and some due within days. The CSV files (config/demo-*.csv)
// are embedded in the binary at build time.

#include <string_view>

#include "core/model.h"
#include "core/result.h"
#include "ledger_io/ledger_csv.h"
#include "ledger_io/people_csv.h"

namespace date {
class time_zone;
}

namespace rectifyd::store {
class Database;
}

namespace rectifyd::ledger_io {

/// The embedded text of config/demo-people.csv and config/demo-ledger.csv.
std::string_view demo_people_csv();
std::string_view demo_ledger_csv();

inline constexpr std::string_view kDemoRoundName = "区委第一巡察组反馈问题整改（演示）";

struct DemoSummary {
  bool loaded = false;  ///< false: the ledger was not empty, nothing was written
  PeopleImportSummary people;
  LedgerImportSummary ledger;
};

/// Imports the demo people and ledger in one transaction, today being `now`'s date in `zone`
/// (nullptr: China Standard Time), but only when the ledger has no problems yet.
Result<DemoSummary> load_demo(store::Database& db, Instant now,
                              const date::time_zone* zone = nullptr,
                              std::string_view actor = "demo");

}  // namespace rectifyd::ledger_io
