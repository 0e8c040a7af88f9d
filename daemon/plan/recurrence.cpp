#include "plan/recurrence.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace rectifyd::plan {
namespace {

using date::days;

struct FrequencyName {
  Frequency frequency;
  std::string_view name;
  std::string_view zh;
};
constexpr std::array<FrequencyName, 5> kFrequencies{{
    {Frequency::weekly, "weekly", "每"},  // + 周五
    {Frequency::monthly, "monthly", "每月"},
    {Frequency::quarterly, "quarterly", "每季度"},
    {Frequency::half_yearly, "half_yearly", "每半年"},
    {Frequency::yearly, "yearly", "每年"},
}};
constexpr std::array<std::string_view, 7> kWeekdays{"sun", "mon", "tue", "wed",
                                                    "thu", "fri", "sat"};
constexpr std::array<std::string_view, 7> kWeekdaysZh{"周日", "周一", "周二", "周三",
                                                      "周四", "周五", "周六"};

std::string_view name_of(Frequency f) {
  for (const auto& n : kFrequencies) {
    if (n.frequency == f)
      return n.name;
  }
  return "?";
}
std::string_view zh_of(Frequency f) {
  for (const auto& n : kFrequencies) {
    if (n.frequency == f)
      return n.zh;
  }
  return "?";
}

Error error_at(std::string_view rule, std::size_t column, const std::string& what) {
  return Error{"rule \"" + std::string(rule) + "\", column " + std::to_string(column) + ": " +
               what};
}

std::optional<unsigned> parse_number(std::string_view s) {
  unsigned v = 0;
  if (s.empty() || s.size() > 2)
    return std::nullopt;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size())
    return std::nullopt;
  return v;
}

unsigned days_in_month(int y, unsigned m) {
  return static_cast<unsigned>((date::year{y} / date::month{m} / date::last).day());
}

LocalDate clamped(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y} / date::month{m} / date::day{std::min(d, days_in_month(y, m))}};
}

std::string anchor_text(Frequency f, const Anchor& a) {
  switch (a.kind) {
    case Anchor::Kind::weekday:
      return std::string(kWeekdays[a.value]);
    case Anchor::Kind::day:
      if (a.month != 0) {
        std::string s = (a.month < 10 ? "0" : "") + std::to_string(a.month) + "-";
        return s + (a.value < 10 ? "0" : "") + std::to_string(a.value);
      }
      (void)f;
      return std::to_string(a.value);
    case Anchor::Kind::last_day:
      return "last";
    case Anchor::Kind::first_workday:
      return "first_workday";
    case Anchor::Kind::last_workday:
      return "last_workday";
  }
  return "?";
}

/// The months a period spans for month-based frequencies.
unsigned period_months(Frequency f) {
  switch (f) {
    case Frequency::weekly:
      return 0;
    case Frequency::monthly:
      return 1;
    case Frequency::quarterly:
      return 3;
    case Frequency::half_yearly:
      return 6;
    case Frequency::yearly:
      return 12;
  }
  return 1;
}

}  // namespace

Result<RecurrenceRule> parse_recurrence(std::string_view original) {
  std::string text(original);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string_view s(text);
  if (s.empty())
    return error_at(original, 1, "empty; expected e.g. monthly:15 or weekly:fri");

  const auto colon = s.find(':');
  const std::string_view freq = s.substr(0, colon);
  RecurrenceRule rule;
  bool known = false;
  for (const auto& n : kFrequencies) {
    if (n.name == freq) {
      rule.frequency = n.frequency;
      known = true;
    }
  }
  if (!known) {
    return error_at(original, 1,
                    "unknown frequency \"" + std::string(original.substr(0, freq.size())) +
                        "\"; expected weekly, monthly, quarterly, half_yearly or yearly");
  }
  if (colon == std::string_view::npos || colon + 1 == s.size())
    return error_at(original, s.size() + 1, "expected \":\" and at least one date after it");

  std::size_t pos = colon + 1;
  while (pos <= s.size()) {
    const std::size_t comma = std::min(s.find(',', pos), s.size());
    const std::string_view token = s.substr(pos, comma - pos);
    const std::size_t column = pos + 1;
    Anchor a;
    if (token.empty())
      return error_at(original, column, "empty date between commas");

    if (token == "first_workday" && rule.frequency != Frequency::weekly) {
      a.kind = Anchor::Kind::first_workday;
    } else if (token == "last_workday" && rule.frequency != Frequency::weekly) {
      a.kind = Anchor::Kind::last_workday;
    } else if (rule.frequency == Frequency::weekly) {
      const auto it = std::find(kWeekdays.begin(), kWeekdays.end(), token);
      if (it == kWeekdays.end())
        return error_at(original, column, "expected a weekday: mon, tue, wed, thu, fri, sat, sun");
      a.kind = Anchor::Kind::weekday;
      a.value = static_cast<unsigned>(it - kWeekdays.begin());
    } else if (token == "last" &&
               (rule.frequency == Frequency::monthly || rule.frequency == Frequency::quarterly)) {
      a.kind = Anchor::Kind::last_day;
    } else if (rule.frequency == Frequency::monthly || rule.frequency == Frequency::quarterly) {
      const auto d = parse_number(token);
      if (!d || *d < 1 || *d > 31) {
        return error_at(original, column,
                        "day of month must be 1–31, last, first_workday or last_workday");
      }
      a.kind = Anchor::Kind::day;
      a.value = *d;
    } else {
      // half_yearly, yearly: MM-DD
      const auto dash = token.find('-');
      const auto m =
          dash == std::string_view::npos ? std::nullopt : parse_number(token.substr(0, dash));
      const auto d =
          dash == std::string_view::npos ? std::nullopt : parse_number(token.substr(dash + 1));
      if (!m || !d || dash != 2 || token.size() != 5) {
        return error_at(original, column,
                        "expected a date as MM-DD (e.g. 06-30), first_workday or last_workday");
      }
      if (*m < 1 || *m > 12 || *d < 1 || *d > days_in_month(2024, *m))
        return error_at(original, column, "no such date: " + std::string(token));
      a.kind = Anchor::Kind::day;
      a.month = *m;
      a.value = *d;
    }
    if (std::find(rule.anchors.begin(), rule.anchors.end(), a) != rule.anchors.end())
      return error_at(original, column, "\"" + std::string(token) + "\" is listed twice");
    rule.anchors.push_back(a);
    pos = comma + 1;
  }

  if (rule.frequency == Frequency::half_yearly) {
    std::vector<Anchor> dates;
    for (const auto& a : rule.anchors) {
      if (a.kind == Anchor::Kind::day)
        dates.push_back(a);
    }
    const bool one_each = dates.size() == 2 && (dates[0].month <= 6) != (dates[1].month <= 6);
    if (!dates.empty() && (!one_each || dates.size() != rule.anchors.size())) {
      return error_at(original, colon + 2,
                      "half_yearly takes two dates, one in each half (e.g. 06-30,12-31), or "
                      "first_workday / last_workday");
    }
  }
  return rule;
}

std::string format_recurrence(const RecurrenceRule& rule) {
  std::string out(name_of(rule.frequency));
  out += ':';
  for (std::size_t i = 0; i < rule.anchors.size(); ++i) {
    if (i > 0)
      out += ',';
    out += anchor_text(rule.frequency, rule.anchors[i]);
  }
  return out;
}

std::string describe_recurrence_zh(const RecurrenceRule& rule) {
  std::string out(zh_of(rule.frequency));
  std::vector<std::string> dates;
  std::vector<std::string> others;
  for (const auto& a : rule.anchors) {
    switch (a.kind) {
      case Anchor::Kind::weekday:
        others.emplace_back(kWeekdaysZh[a.value]);
        break;
      case Anchor::Kind::day:
        if (a.month != 0) {
          dates.push_back(std::to_string(a.month) + "月" + std::to_string(a.value) + "日");
        } else {
          others.push_back((rule.frequency == Frequency::quarterly ? "首月" : "") +
                           std::to_string(a.value) + "日");
        }
        break;
      case Anchor::Kind::last_day:
        others.emplace_back("最后一天");
        break;
      case Anchor::Kind::first_workday:
        others.emplace_back("第一个工作日");
        break;
      case Anchor::Kind::last_workday:
        others.emplace_back("最后一个工作日");
        break;
    }
  }
  auto join = [](const std::vector<std::string>& parts) {
    std::string s;
    for (std::size_t i = 0; i < parts.size(); ++i)
      s += (i > 0 ? "、" : "") + parts[i];
    return s;
  };
  if (!others.empty())
    out += join(others);
  if (!dates.empty()) {
    if (rule.frequency == Frequency::half_yearly)
      out += "（" + join(dates) + "）";
    else
      out += join(dates);
  }
  return out;
}

std::vector<Occurrence> occurrences(const RecurrenceRule& rule, const Calendar& calendar,
                                    LocalDate from, LocalDate to, int lead_workdays) {
  std::vector<Occurrence> out;
  if (to < from)
    return out;
  // A due date moves back at most across one holiday block; periods a little after `to` can
  // therefore still land inside the range.
  const LocalDate horizon = to + days{45};

  auto emit = [&](LocalDate nominal) {
    const LocalDate due =
        calendar.is_workday(nominal) ? nominal : calendar.previous_workday(nominal);
    if (due < from || due > to)
      return;
    out.push_back(Occurrence{due, nominal, calendar.add_workdays(due, -lead_workdays)});
  };
  auto emit_period = [&](LocalDate start, LocalDate last, int year, unsigned first_month) {
    for (const auto& a : rule.anchors) {
      switch (a.kind) {
        case Anchor::Kind::weekday: {
          const unsigned offset = (a.value + 6) % 7;  // Monday first
          emit(start + days{offset});
          break;
        }
        case Anchor::Kind::day:
          if (a.month == 0) {
            emit(clamped(year, first_month, a.value));
          } else if (a.month >= first_month &&
                     a.month < first_month + period_months(rule.frequency)) {
            emit(clamped(year, a.month, a.value));
          }
          break;
        case Anchor::Kind::last_day:
          emit(last);
          break;
        case Anchor::Kind::first_workday:
          emit(calendar.next_workday(start));
          break;
        case Anchor::Kind::last_workday:
          emit(calendar.previous_workday(last));
          break;
      }
    }
  };

  if (rule.frequency == Frequency::weekly) {
    const auto weekday_index = date::weekday{from}.c_encoding();  // 0 = Sunday
    LocalDate monday = from - days{(weekday_index + 6) % 7};
    for (; monday <= horizon; monday += days{7}) {
      const date::year_month_day ymd{monday};
      emit_period(monday, monday + days{6}, static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()));
    }
  } else {
    const unsigned step = period_months(rule.frequency);
    const date::year_month_day f{from};
    date::year_month ym{f.year(),
                        date::month{(static_cast<unsigned>(f.month()) - 1) / step * step + 1}};
    for (;;) {
      const LocalDate start{ym / 1};
      if (start > horizon)
        break;
      const date::year_month next = ym + date::months{step};
      emit_period(start, LocalDate{next / 1} - days{1}, static_cast<int>(ym.year()),
                  static_cast<unsigned>(ym.month()));
      ym = next;
    }
  }

  std::sort(out.begin(), out.end(),
            [](const Occurrence& a, const Occurrence& b) { return a.due < b.due; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Occurrence& a, const Occurrence& b) { return a.due == b.due; }),
            out.end());
  return out;
}

std::optional<Occurrence> next_occurrence(const RecurrenceRule& rule, const Calendar& calendar,
                                          LocalDate from, int lead_workdays) {
  const auto found = occurrences(rule, calendar, from, from + days{731}, lead_workdays);
  if (found.empty())
    return std::nullopt;
  return found.front();
}

}  // namespace rectifyd::plan
