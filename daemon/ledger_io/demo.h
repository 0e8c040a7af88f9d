#pragma once
// The demo ledger the quick start loads: a fictional archives bureau with about a dozen people
// and sixteen problems, its due dates relative to the day it is loaded, so that some items are
// always overdue, some due today and some due within days. The CSV files (config/demo-*.csv)
// are embedded in the binary at build time; store::load_demo loads them.

#include <string_view>

#include "core/model.h"
#include "ledger_io/ledger_csv.h"
#include "ledger_io/people_csv.h"

namespace date {
class time_zone;
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

/// The day the demo's due dates count from: `now`'s date in `zone` (nullptr: China Standard
/// Time).
LocalDate demo_today(Instant now, const date::time_zone* zone);

}  // namespace rectifyd::ledger_io
