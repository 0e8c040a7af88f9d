#pragma once
// The write of a parsed plan (ledger_io/plan_text.h): a new round with its categories, problems
// and measures, in one transaction with its audit entry.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "ledger_io/plan_text.h"

namespace rectifyd::store {
class Database;
}

namespace rectifyd::ledger_io {

struct PlanImportSummary {
  Id round_id = 0;
  std::size_t categories = 0;
  std::size_t problems = 0;
  std::size_t measures = 0;
  std::size_t leaders_linked = 0;  ///< problems given a 责任领导 found among the people
  std::size_t owners_linked = 0;   ///< measures given a 责任人 found among the people
  std::size_t dues_set = 0;        ///< measures given a 完成时限
  /// The parse's warnings, then the names the plan gives that are not among the people, one
  /// line each, to assign later.
  std::vector<std::string> notes;
};

/// Writes a new round with the plan's categories, problems and measures in one transaction, and
/// an audit entry naming `actor`. A measure takes its own 责任人 and 完成时限, else its
/// problem's; a problem's 责任领导 and a measure's 责任人 are linked when a person of that exact
/// name exists. A problem's own status (its status line) is kept with it. All or nothing; a
/// round of the same name is refused.
Result<PlanImportSummary> import_plan(store::Database& db, const ParsedPlan& plan,
                                      std::string_view actor, Instant now,
                                      std::string_view round_name = "巡察整改");

}  // namespace rectifyd::ledger_io
