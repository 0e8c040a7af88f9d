#pragma once
// How people name a measure: "问题3 措施二" (the problem's number, the measure's 一是/二是
// ordinal).

#include <string>

namespace rectifyd::ledger {

/// 1 → "一", 10 → "十", 12 → "十二", 23 → "二十三"; numbers above 99 stay in digits.
std::string chinese_number(int n);
/// "问题3 措施二".
std::string measure_label(int problem_number, int measure_ordinal);

}  // namespace rectifyd::ledger
