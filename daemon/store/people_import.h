#pragma once
// The people CSV into and out of the database (the rules are ledger_io/people_csv.h): an
// upsert by name, all or nothing, with one audit row; the export writes every active person.

#include <ostream>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "ledger_io/people_csv.h"
#include "store/database.h"

namespace rectifyd::store {

/// Creates or updates the people (by name) and writes the audit row ("people.import"), in the
/// caller's write transaction.
Result<ledger_io::PeopleImportSummary> write_people_import(
    Database& db, const std::vector<Person>& people, const ledger_io::PeopleImportOptions& options);

/// Checks every row, then creates or updates the people in one transaction. An Error lists
/// every problem, one per line: "people.csv: row 4, column email: expected an address like
/// name@example.org, got 'zhang'".
Result<ledger_io::PeopleImportSummary> import_people_csv(
    Database& db, std::string_view text, const ledger_io::PeopleImportOptions& options);

/// Writes every active person with the people CSV's header, ordered by name.
Status export_people_csv(Database& db, std::ostream& out);

}  // namespace rectifyd::store
