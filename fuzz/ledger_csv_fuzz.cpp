// The ledger CSV import against a store holding the demo people: a refused file names its rows
// and writes nothing; an accepted one survives export → import → export unchanged.

#include <cstdint>

#include "csv_import.h"
#include "fuzz_check.h"
#include "ledger_io/demo.h"
#include "ledger_io/ledger_csv.h"
#include "ledger_io/people_csv.h"
#include "store/ledger_import.h"
#include "store/people_import.h"

using namespace rectifyd;

namespace {

const LocalDate kToday{date::year{2026} / 3 / 2};
const Instant kNow = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{1};

std::unique_ptr<store::Database> with_people() {
  auto db = fuzz::memory_db();
  auto people = store::import_people_csv(*db, ledger_io::demo_people_csv(), {});
  fuzz::require(people.ok(), "the demo people import", people ? "" : people.error().message);
  return db;
}

const fuzz::CsvFormat& format() {
  static const fuzz::CsvFormat f{
      "ledger.csv", with_people,
      [](store::Database& db, std::string_view text) -> Status {
        ledger_io::LedgerImportOptions o;
        o.source = "ledger.csv";
        o.today = kToday;
        o.now = kNow;
        auto r = store::import_ledger_csv(db, text, o);
        if (!r)
          return r.error();
        return ok_status();
      },
      [](store::Database& db, std::ostream& out) { return store::export_ledger_csv(db, out); }};
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::unique_ptr<store::Database> db = with_people();
  fuzz::check_csv_import(format(), db, fuzz::as_text(data, size));
  return 0;
}
