#pragma once
// A parsed plan (ledger_io/plan_text.h) made ready to write as a new round: each measure with
// its own 责任人 and 完成时限 or its problem's, the names linked to the people who exist, and a
// note for every name that is not among them. The write is store::import_plan.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "ledger_io/plan_text.h"

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

/// The rows of a new round, in the plan's order.
struct PlanImportRows {
  struct Measure {
    int ordinal = 0;
    std::string text;
    std::optional<Id> owner_id;
    std::optional<LocalDate> due;
    MeasureStatus status = MeasureStatus::open;
    std::string na_reason;
    int progress = 0;
    bool finished = false;  ///< closed, ongoing or not applicable: dated as closed now
  };
  struct Problem {
    int number = 0;
    std::string title;
    std::optional<Id> leader_id;
    std::optional<MeasureStatus> status;  ///< the problem's own status line
    std::vector<Measure> measures;
  };
  struct Category {
    int ordinal = 0;
    std::string title;
    std::vector<Problem> problems;
  };
  std::vector<Category> categories;
  /// The counts of links and dues, and the notes; the store fills in the rest.
  PlanImportSummary summary;
};

/// A problem's 责任领导 (its own, else its first measure's that names one) and a measure's
/// 责任人 are linked when `people` (the active people, by exact name) has that name.
PlanImportRows plan_import_rows(const ParsedPlan& plan,
                                const std::map<std::string, Id, std::less<>>& people);

}  // namespace rectifyd::ledger_io
