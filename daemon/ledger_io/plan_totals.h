#pragma once
// The totals a plan or report states about itself (巡察反馈25个问题，已完成整改19个、正在整改6个;
// 对照…反馈的三个方面16项问题; 68条整改措施), and their comparison with what was read.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ledger_io/folded_text.h"

namespace rectifyd::ledger_io {

/// What a plan holds, by the parser's count.
struct PlanCounts {
  std::size_t categories = 0;
  std::size_t problems = 0;
  std::size_t measures = 0;
  std::size_t problems_done = 0;         ///< its status or every measure closed / ongoing / n.a.
  std::size_t problems_in_progress = 0;  ///< the rest
};

struct StatedNumber {
  std::size_t value = 0;
  std::size_t line = 0;
  std::size_t column = 0;
};

struct StatedTotals {
  std::optional<StatedNumber> categories;
  std::optional<StatedNumber> problems;
  std::optional<StatedNumber> measures;
  std::optional<StatedNumber> done;
  std::optional<StatedNumber> in_progress;
  bool any() const { return categories || problems || measures || done || in_progress; }
};

/// Reads the totals that line `line_no` states into `into`; the first statement of each counts.
void read_totals(const FoldedText& line, std::size_t line_no, StatedTotals& into);

/// One warning per stated total that differs from `counts`, naming both numbers and where the
/// text states it ("plan.txt:12:9: 文中称 25 个问题，读出 24 个").
std::vector<std::string> compare_totals(const StatedTotals& stated, const PlanCounts& counts,
                                        const std::string& source);

}  // namespace rectifyd::ledger_io
