// The plan text parser: any bytes give a plan or errors at source:line:column inside the text;
// a parsed plan's places are inside the text, its counts agree, and it imports whole into an
// empty ledger.

#include <cstdint>

#include "fuzz_check.h"
#include "ledger_io/plan_import.h"
#include "store/plan_import.h"

using namespace rectifyd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  auto plan = ledger_io::parse_plan_text(text, "plan.txt");
  if (!plan) {
    fuzz::require_line_columns(plan.error().message, "plan.txt", text, true);
    return 0;
  }
  const std::size_t lines = fuzz::line_count(text);
  std::size_t problems = 0;
  std::size_t measures = 0;
  for (const auto& c : plan->categories) {
    fuzz::require(c.line >= 1 && c.line <= lines, "a category's line is inside the text");
    for (const auto& p : c.problems) {
      fuzz::require(p.line >= 1 && p.line <= lines, "a problem's line is inside the text");
      ++problems;
      for (const auto& m : p.measures) {
        fuzz::require(m.line >= 1 && m.line <= lines && m.column >= 1,
                      "a measure's place is inside the text");
        fuzz::require(m.status != MeasureStatus::not_applicable || !m.na_reason.empty(),
                      "a measure that needs no action keeps its reason");
        ++measures;
      }
    }
  }
  fuzz::require(problems == plan->problem_count() && measures == plan->measure_count(),
                "the plan's counts agree with its lists");

  auto db = fuzz::memory_db();
  auto imported = store::import_plan(*db, *plan, "fuzz", Instant{});
  fuzz::require(imported.ok(), "a parsed plan imports into an empty ledger",
                imported ? "" : imported.error().message);
  fuzz::require(imported->problems == problems && imported->measures == measures,
                "the import writes every problem and measure of the plan");
  return 0;
}
