#include "ledger_io/demo.h"

#include <date/tz.h>

#include "store/database.h"

namespace rectifyd::ledger_io {

Result<DemoSummary> load_demo(store::Database& db, Instant now, const date::time_zone* zone,
                              std::string_view actor) {
  LocalDate today;
  if (zone != nullptr) {
    today = date::floor<date::days>(zone->to_local(now));
  } else {
    today = LocalDate{date::floor<date::days>(now + std::chrono::hours{8}).time_since_epoch()};
  }
  try {
    return db.write([&]() -> Result<DemoSummary> {
      DemoSummary s;
      if (db.sql().execAndGet("SELECT count(*) FROM problems").getInt64() != 0)
        return s;
      auto people = import_people_csv(
          db, demo_people_csv(), PeopleImportOptions{"demo-people.csv", std::string(actor), now});
      if (!people)
        throw std::runtime_error(people.error().message);
      LedgerImportOptions options;
      options.source = "demo-ledger.csv";
      options.today = today;
      options.now = now;
      options.actor = std::string(actor);
      options.round_name = std::string(kDemoRoundName);
      auto ledger = import_ledger_csv(db, demo_ledger_csv(), options);
      // Throwing rolls back whatever was written: all or nothing.
      if (!ledger)
        throw std::runtime_error(ledger.error().message);
      s.loaded = true;
      s.people = *people;
      s.ledger = *ledger;
      return s;
    });
  } catch (const std::exception& e) {
    return Error{std::string("cannot load the demo ledger: ") + e.what()};
  }
}

}  // namespace rectifyd::ledger_io
