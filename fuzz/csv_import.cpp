#include "csv_import.h"

#include <sstream>

#include "fuzz_check.h"

namespace rectifyd::fuzz {

void check_csv_import(const CsvFormat& format, std::unique_ptr<store::Database>& db,
                      std::string_view text) {
  const long long before = total_changes(*db);
  Status imported = format.import(*db, text);
  if (!imported) {
    const std::string& message = imported.error().message;
    require(!message.starts_with(format.source + ": cannot import, nothing was written: "),
            "every refusal is found by validation, not by the store", message);
    require_csv_rows(message, format.source, text, true);
    require(total_changes(*db) == before, "a refused import changes nothing", message);
    return;
  }

  std::ostringstream first;
  Status exported = format.export_to(*db, first);
  require(exported.ok(), "an imported ledger exports", exported ? "" : exported.error().message);

  auto again = format.fresh();
  Status reimported = format.import(*again, first.str());
  require(reimported.ok(), "an export imports into a fresh store",
          reimported ? first.str() : reimported.error().message + "\n--- export:\n" + first.str());
  std::ostringstream second;
  require(format.export_to(*again, second).ok(), "a re-imported ledger exports");
  require(first.str() == second.str(), "export → import → export gives the same text",
          first.str() + "\n--- then:\n" + second.str());
  db = format.fresh();
}

}  // namespace rectifyd::fuzz
