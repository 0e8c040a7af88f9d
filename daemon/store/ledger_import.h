#pragma once
// The ledger CSV into and out of the database (the rules are ledger_io/ledger_csv.h): the
// import reads the newest round, has the rows checked against it, and writes them with one
// audit row; the export writes the newest round as CSV.

#include <ostream>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ledger_io/csv.h"
#include "ledger_io/ledger_csv.h"
#include "store/database.h"

namespace rectifyd::store {

/// Everyone by name, and the newest round with its categories, problems and measures. Throws
/// what SQLite throws.
ledger_io::LedgerImportBase load_ledger_import_base(Database& db);

/// Writes a checked import and its audit row (options.audit_action, entity "round:N"), in the
/// caller's write transaction.
Result<ledger_io::LedgerImportSummary> write_ledger_import(
    Database& db, const ledger_io::LedgerImportWrite& rows,
    const ledger_io::LedgerImportOptions& options);

/// Imports ledger CSV text (UTF-8 or GB18030): checks every row against the ledger and writes
/// them, all in one transaction. An Error lists every problem, one per line, e.g.
/// "ledger.csv: row 17, column due: expected YYYY-MM-DD or today±N, got '2026-13-01'".
Result<ledger_io::LedgerImportSummary> import_ledger_csv(
    Database& db, std::string_view text, const ledger_io::LedgerImportOptions& options);

/// The same import from records already read (the first non-blank one is the header).
Result<ledger_io::LedgerImportSummary> import_ledger_records(
    Database& db, std::vector<ledger_io::CsvRecord> records,
    const ledger_io::LedgerImportOptions& options);

/// Writes the newest round's ledger (ledger_io::LedgerCsvWriter). Dates are written as
/// YYYY-MM-DD, statuses by their English names.
Status export_ledger_csv(Database& db, std::ostream& out);

}  // namespace rectifyd::store
