#include "ledger/label.h"

#include <array>
#include <string_view>

namespace rectifyd::ledger {

std::string chinese_number(int n) {
  static constexpr std::array<std::string_view, 10> kDigits{"零", "一", "二", "三", "四",
                                                            "五", "六", "七", "八", "九"};
  if (n < 0 || n > 99)
    return std::to_string(n);
  if (n < 10)
    return std::string(kDigits[static_cast<std::size_t>(n)]);
  std::string out;
  int tens = n / 10;
  int ones = n % 10;
  if (tens > 1)
    out += kDigits[static_cast<std::size_t>(tens)];
  out += "十";
  if (ones > 0)
    out += kDigits[static_cast<std::size_t>(ones)];
  return out;
}

std::string measure_label(int problem_number, int measure_ordinal) {
  return "问题" + std::to_string(problem_number) + " 措施" + chinese_number(measure_ordinal);
}

}  // namespace rectifyd::ledger
