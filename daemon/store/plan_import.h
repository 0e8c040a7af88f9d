#pragma once
// A parsed plan (ledger_io/plan_text.h) written as a new round with its categories, problems
// and measures, in one transaction with its audit entry.

#include <string_view>

#include "core/model.h"
#include "core/result.h"
#include "ledger_io/plan_import.h"
#include "ledger_io/plan_text.h"
#include "store/database.h"

namespace rectifyd::store {

/// Writes the rows as a new round named `round_name` and its audit row ("ledger.import_plan",
/// naming `actor`), in the caller's write transaction; a round of the same name is refused.
Result<ledger_io::PlanImportSummary> write_plan_import(Database& db,
                                                       const ledger_io::PlanImportRows& rows,
                                                       std::string_view actor, Instant now,
                                                       std::string_view round_name);

/// Writes a new round with the plan's categories, problems and measures in one transaction, and
/// an audit entry naming `actor`. A measure takes its own 责任人 and 完成时限, else its
/// problem's; a problem's 责任领导 and a measure's 责任人 are linked when an active person of
/// that exact name exists. A problem's own status (its status line) is kept with it. All or
/// nothing; a round of the same name is refused.
Result<ledger_io::PlanImportSummary> import_plan(Database& db, const ledger_io::ParsedPlan& plan,
                                                 std::string_view actor, Instant now,
                                                 std::string_view round_name = "巡察整改");

}  // namespace rectifyd::store
