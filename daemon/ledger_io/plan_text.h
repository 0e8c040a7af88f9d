#pragma once
// The plan text format of a rectification report (巡察整改情况报告), as the office receives it:
//
//   （一）在…方面                     a category heading: a line of its own that ends with 方面
//   问题3：履行职能职责不到位。         a problem, numbered
//   整改措施及结果：一是…。二是…。      the measures, split at the ordinal markers 一是 … 十是
//   目前已整改到位并长期坚持。          the problem's status: 已整改到位 → closed, 长期坚持 →
//   ongoing
//
// A measure whose text says 无需整改 is not_applicable, with that sentence as its reason. Lines
// before the first category heading, and lines the format does not know, are narrative and are
// skipped. Parsing is pure: text in, ParsedPlan or every error (file:line:column) out.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"

namespace rectifyd::store {
class Database;
}

namespace rectifyd::ledger_io {

struct ParsedMeasure {
  int ordinal = 0;   ///< 一是 → 1
  std::string text;  ///< everything after the marker up to the next one, trimmed
  MeasureStatus status = MeasureStatus::open;
  std::string na_reason;  ///< the sentence saying 无需整改, when not_applicable
  std::size_t line = 0;   ///< where the measure's marker stands
  std::size_t column = 0;
};

struct ParsedProblem {
  int number = 0;     ///< 问题N
  std::string title;  ///< without the closing 。
  std::size_t line = 0;
  std::vector<ParsedMeasure> measures;  ///< empty when the text omits them （略）
};

struct ParsedCategory {
  int ordinal = 0;    ///< （一）→ 1
  std::string title;  ///< "在…方面"
  std::size_t line = 0;
  std::vector<ParsedProblem> problems;
};

struct ParsedPlan {
  std::vector<ParsedCategory> categories;
  std::size_t problem_count() const;
  std::size_t measure_count() const;
};

/// Parses a plan. `source` names the text in errors; an Error lists every problem found, one
/// per line, each as "source:line:column: what is wrong".
Result<ParsedPlan> parse_plan_text(std::string_view text, const std::string& source = "plan");

struct PlanImportSummary {
  Id round_id = 0;
  std::size_t categories = 0;
  std::size_t problems = 0;
  std::size_t measures = 0;
};

/// Writes a new round with the plan's categories, problems and measures in one transaction, and
/// an audit entry naming `actor`. All or nothing; a round of the same name is refused.
Result<PlanImportSummary> import_plan(store::Database& db, const ParsedPlan& plan,
                                      std::string_view actor, Instant now,
                                      std::string_view round_name = "巡察整改");

}  // namespace rectifyd::ledger_io
