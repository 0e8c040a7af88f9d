// The people CSV import into an empty store: a refused file names its rows and writes nothing;
// an accepted one survives export → import → export unchanged.

#include <cstdint>

#include "csv_import.h"
#include "fuzz_check.h"
#include "ledger_io/people_csv.h"
#include "store/people_import.h"

using namespace rectifyd;

namespace {

const fuzz::CsvFormat& format() {
  static const fuzz::CsvFormat f{
      "people.csv", fuzz::memory_db,
      [](store::Database& db, std::string_view text) -> Status {
        ledger_io::PeopleImportOptions o;
        o.source = "people.csv";
        auto r = store::import_people_csv(db, text, o);
        if (!r)
          return r.error();
        return ok_status();
      },
      [](store::Database& db, std::ostream& out) { return store::export_people_csv(db, out); }};
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::unique_ptr<store::Database> db = fuzz::memory_db();
  fuzz::check_csv_import(format(), db, fuzz::as_text(data, size));
  return 0;
}
