#include "ledger_io/plan_totals.h"

#include <array>
#include <string_view>

#include "ledger_io/zh_number.h"

namespace rectifyd::ledger_io {
namespace {

constexpr std::array<std::string_view, 6> kDoneWords = {"已完成整改", "已整改到位", "已整改完成",
                                                        "整改完成",   "已办结",     "已销号"};
constexpr std::array<std::string_view, 3> kInProgressWords = {"正在整改", "持续整改", "整改中"};

template <std::size_t N>
bool ends_with_word(std::string_view before, const std::array<std::string_view, N>& words) {
  for (auto w : words) {
    for (std::string_view tail : {"", "问题", "的问题"}) {
      if (before.ends_with(std::string(w) + std::string(tail)))
        return true;
    }
  }
  return false;
}

bool starts_with_counter(std::string_view s, std::size_t& len) {
  for (std::string_view c : {"个", "项", "条", "类"}) {
    if (s.starts_with(c)) {
      len = c.size();
      return true;
    }
  }
  len = 0;
  return false;
}

void keep(std::optional<StatedNumber>& slot, std::size_t value, std::size_t line,
          std::size_t column) {
  if (!slot)
    slot = StatedNumber{value, line, column};
}

}  // namespace

void read_totals(const FoldedText& line, std::size_t line_no, StatedTotals& into) {
  const std::string_view f = line.text();
  for (std::size_t i = 0; i < f.size(); ++i) {
    if ((static_cast<unsigned char>(f[i]) & 0xC0) == 0x80)
      continue;
    if (i > 0 && f[i - 1] >= '0' && f[i - 1] <= '9')
      continue;
    std::size_t n = 0;
    std::optional<int> value = read_digits(f.substr(i), n);
    const bool zh = !value;
    if (zh)
      value = read_zh_number(f.substr(i), n);
    if (!value)
      continue;
    // 一个问题 is a figure of speech more often than a total.
    if (zh && *value == 1) {
      i += n - 1;
      continue;
    }
    const std::string_view before = f.substr(0, i);
    std::string_view after = f.substr(i + n);
    const auto count = static_cast<std::size_t>(*value);
    const std::size_t column = line.column(i);
    std::size_t c = 0;
    const bool counter = starts_with_counter(after, c);
    const std::string_view rest = after.substr(c);
    if (after.starts_with("个方面") || after.starts_with("方面")) {
      keep(into.categories, count, line_no, column);
    } else if (counter && ends_with_word(before, kDoneWords)) {
      keep(into.done, count, line_no, column);
    } else if (counter && ends_with_word(before, kInProgressWords)) {
      keep(into.in_progress, count, line_no, column);
    } else if (counter && (rest.starts_with("问题") || rest.starts_with("具体问题"))) {
      keep(into.problems, count, line_no, column);
    } else if (counter && before.ends_with("问题")) {
      keep(into.problems, count, line_no, column);
    } else if (counter && (rest.starts_with("整改措施") || rest.starts_with("措施") ||
                           rest.starts_with("整改举措"))) {
      keep(into.measures, count, line_no, column);
    } else if (counter && (before.ends_with("整改措施") || before.ends_with("措施"))) {
      keep(into.measures, count, line_no, column);
    }
    i += n - 1;
  }
}

std::vector<std::string> compare_totals(const StatedTotals& stated, const PlanCounts& counts,
                                        const std::string& source) {
  std::vector<std::string> out;
  auto check = [&](const std::optional<StatedNumber>& s, std::size_t parsed, std::string_view what,
                   std::string_view unit) {
    if (!s || s->value == parsed)
      return;
    out.push_back(source + ":" + std::to_string(s->line) + ":" + std::to_string(s->column) +
                  ": 文中称" + std::string(what) + " " + std::to_string(s->value) + " " +
                  std::string(unit) + "，读出 " + std::to_string(parsed) + " " + std::string(unit) +
                  "；请核对");
  };
  check(stated.categories, counts.categories, "", "个方面");
  check(stated.problems, counts.problems, "", "个问题");
  check(stated.measures, counts.measures, "", "条整改措施");
  check(stated.done, counts.problems_done, "已整改到位", "个问题");
  check(stated.in_progress, counts.problems_in_progress, "正在整改", "个问题");
  return out;
}

}  // namespace rectifyd::ledger_io
