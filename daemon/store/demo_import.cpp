#include "store/demo_import.h"

#include <exception>
#include <stdexcept>
#include <string>

#include "store/ledger_import.h"
#include "store/people_import.h"

namespace rectifyd::store {

Result<ledger_io::DemoSummary> load_demo(Database& db, Instant now, const date::time_zone* zone,
                                         std::string_view actor) {
  const LocalDate today = ledger_io::demo_today(now, zone);
  try {
    return db.write([&]() -> Result<ledger_io::DemoSummary> {
      ledger_io::DemoSummary s;
      if (db.sql().execAndGet("SELECT count(*) FROM problems").getInt64() != 0)
        return s;
      auto people = import_people_csv(
          db, ledger_io::demo_people_csv(),
          ledger_io::PeopleImportOptions{"demo-people.csv", std::string(actor), now});
      if (!people)
        throw std::runtime_error(people.error().message);
      ledger_io::LedgerImportOptions options;
      options.source = "demo-ledger.csv";
      options.today = today;
      options.now = now;
      options.actor = std::string(actor);
      options.round_name = std::string(ledger_io::kDemoRoundName);
      auto ledger = import_ledger_csv(db, ledger_io::demo_ledger_csv(), options);
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

}  // namespace rectifyd::store
