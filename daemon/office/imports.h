#pragma once
// The imports: the plan text (整改方案), the ledger CSV (台账), the ledger workbook (the 台账
// sheet of an edited .xlsx) and the people CSV. Each is all or nothing: a file with errors
// writes nothing, and the Error lists every problem, one per line, each naming its place
// ("plan.txt:12:3: …", "ledger.csv: row 17, column due: …", "ledger.xlsx, sheet 台账: row 7,
// column I (完成时限): …"); its kind is invalid and its location the source's name. A good
// import writes its rows with its audit row in one transaction and tells the planner the whole
// ledger may have changed.

#include <string>
#include <string_view>

#include "core/result.h"
#include "ledger_io/ledger_csv.h"
#include "ledger_io/people_csv.h"
#include "ledger_io/plan_import.h"
#include "ledger_io/plan_text.h"
#include "office/office.h"

namespace rectifyd::office {

/// The plan as it would be imported, for a dry run; nothing is written.
Result<ledger_io::ParsedPlan> preview_plan(std::string_view text, const std::string& source);
Result<ledger_io::PlanImportSummary> import_plan(Office& o, const Actor& a, std::string_view text,
                                                 const std::string& source,
                                                 const std::string& round_name = "巡察整改");
Result<ledger_io::LedgerImportSummary> import_ledger(Office& o, const Actor& a,
                                                     std::string_view text,
                                                     const std::string& source);
/// `bytes` is the workbook file; the audit row's action is "ledger.import_xlsx".
Result<ledger_io::LedgerImportSummary> import_ledger_xlsx(Office& o, const Actor& a,
                                                          std::string_view bytes,
                                                          const std::string& source);
Result<ledger_io::PeopleImportSummary> import_people(Office& o, const Actor& a,
                                                     std::string_view text,
                                                     const std::string& source);

}  // namespace rectifyd::office
