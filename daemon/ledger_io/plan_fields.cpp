#include "ledger_io/plan_fields.h"

#include <algorithm>
#include <array>

#include "ledger_io/utf8.h"
#include "ledger_io/zh_number.h"

namespace rectifyd::ledger_io {
namespace {

enum class FieldKind { leader, owner, department, due };

struct FieldLabel {
  std::string_view label;
  FieldKind kind;
};

// Longer labels first, so that 具体责任人 is read whole rather than as 责任人.
constexpr std::array<FieldLabel, 16> kLabels{{
    {"具体责任人", FieldKind::owner},
    {"责任领导", FieldKind::leader},
    {"牵头领导", FieldKind::leader},
    {"责任部门", FieldKind::department},
    {"责任单位", FieldKind::department},
    {"牵头部门", FieldKind::department},
    {"牵头单位", FieldKind::department},
    {"责任科室", FieldKind::department},
    {"完成时限", FieldKind::due},
    {"整改时限", FieldKind::due},
    {"完成时间", FieldKind::due},
    {"整改期限", FieldKind::due},
    {"完成期限", FieldKind::due},
    {"时限要求", FieldKind::due},
    {"责任人", FieldKind::owner},
    {"时限", FieldKind::due},
}};

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

struct LabelHit {
  std::size_t at = 0;     ///< the label's first byte
  std::size_t value = 0;  ///< the first byte after the colon
  FieldKind kind = FieldKind::owner;
};

std::vector<LabelHit> find_labels(std::string_view f) {
  std::vector<LabelHit> hits;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (is_continuation(f[i]))
      continue;
    for (const auto& l : kLabels) {
      if (f.substr(i).starts_with(l.label) && i + l.label.size() < f.size() &&
          f[i + l.label.size()] == ':') {
        hits.push_back(LabelHit{i, i + l.label.size() + 1, l.kind});
        i += l.label.size();
        break;
      }
    }
  }
  return hits;
}

/// The first of `stops` in f[from, to), or `to`.
std::size_t first_of(std::string_view f, std::size_t from, std::size_t to,
                     std::initializer_list<std::string_view> stops) {
  std::size_t end = to;
  for (auto s : stops) {
    auto p = f.substr(0, to).find(s, from);
    if (p != std::string_view::npos)
      end = std::min(end, p);
  }
  return end;
}

/// Drops closing brackets and punctuation a value carries at its end.
std::size_t trim_value_end(std::string_view f, std::size_t from, std::size_t to) {
  for (;;) {
    if (to > from && (f[to - 1] == ')' || f[to - 1] == '.' || f[to - 1] == ',' ||
                      f[to - 1] == ';' || f[to - 1] == ']')) {
      --to;
    } else if (to >= from + 3 && (f.substr(to - 3, 3) == "。" || f.substr(to - 3, 3) == "、" ||
                                  f.substr(to - 3, 3) == "】")) {
      to -= 3;
    } else {
      return to;
    }
  }
}

constexpr std::array<std::string_view, 11> kClausePrefixes = {
    "截至目前", "截止目前", "目前", "现",   "该问题", "此问题",
    "该项",     "此项",     "均",   "全部", "经整改"};

constexpr std::array<std::string_view, 7> kClosedWords = {
    "已整改到位", "已完成整改", "已整改完成", "已整改完毕", "整改完成", "已办结", "已销号"};
constexpr std::array<std::string_view, 3> kInProgressWords = {"正在整改", "持续整改", "整改中"};
constexpr std::string_view kLongTerm = "长期坚持";
constexpr std::string_view kNotApplicable = "无需整改";

/// A clause without the words that may stand before its status (目前, 现, 该问题 …), and with
/// 已经 read as 已.
std::string clause_core(std::string_view clause) {
  for (bool again = true; again;) {
    again = false;
    for (auto p : kClausePrefixes) {
      if (clause.starts_with(p) && clause.size() > p.size()) {
        clause.remove_prefix(p.size());
        again = true;
        break;
      }
    }
  }
  if (clause.starts_with("已经"))
    return "已" + std::string(clause.substr(std::string_view("已经").size()));
  return std::string(clause);
}

template <std::size_t N>
bool starts_with_any(std::string_view s, const std::array<std::string_view, N>& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return s.starts_with(w); });
}

std::optional<LocalDate> make_date(int y, int m, int d) {
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                           date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok())
    return std::nullopt;
  return LocalDate{date::sys_days{ymd}.time_since_epoch()};
}

std::optional<LocalDate> month_end(int y, int m) {
  if (m < 1 || m > 12)
    return std::nullopt;
  date::year_month_day_last last{date::year{y},
                                 date::month_day_last{date::month{static_cast<unsigned>(m)}}};
  return LocalDate{date::sys_days{last}.time_since_epoch()};
}

/// A month or day number written in digits or in Chinese.
std::optional<int> read_any_number(std::string_view s, std::size_t& consumed) {
  if (auto n = read_digits(s, consumed))
    return n;
  return read_zh_number(s, consumed);
}

std::optional<LocalDate> date_at(std::string_view s) {
  std::size_t n = 0;
  auto year = read_digits(s, n);
  if (!year || n != 4)
    return std::nullopt;
  std::string_view rest = s.substr(n);
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '/' || rest[0] == '.')) {
    const char sep = rest[0];
    std::size_t mn = 0;
    auto month = read_digits(rest.substr(1), mn);
    if (!month)
      return std::nullopt;
    rest = rest.substr(1 + mn);
    if (rest.empty() || rest[0] != sep)
      return month_end(*year, *month);
    std::size_t dn = 0;
    auto day = read_digits(rest.substr(1), dn);
    if (!day)
      return std::nullopt;
    return make_date(*year, *month, *day);
  }
  if (!rest.starts_with("年"))
    return std::nullopt;
  rest.remove_prefix(std::string_view("年").size());
  std::size_t mn = 0;
  if (auto month = read_any_number(rest, mn); month && rest.substr(mn).starts_with("月")) {
    rest = rest.substr(mn + std::string_view("月").size());
    std::size_t dn = 0;
    if (auto day = read_any_number(rest, dn);
        day && (rest.substr(dn).starts_with("日") || rest.substr(dn).starts_with("号")))
      return make_date(*year, *month, *day);
    if (rest.starts_with("上旬"))
      return make_date(*year, *month, 10);
    if (rest.starts_with("中旬"))
      return make_date(*year, *month, 20);
    return month_end(*year, *month);
  }
  if (rest.starts_with("上半年"))
    return make_date(*year, 6, 30);
  std::string_view q = rest;
  if (q.starts_with("第"))
    q.remove_prefix(std::string_view("第").size());
  std::size_t qn = 0;
  if (auto quarter = read_any_number(q, qn);
      quarter && *quarter >= 1 && *quarter <= 4 && q.substr(qn).starts_with("季度"))
    return month_end(*year, *quarter * 3);
  // 2023年底前, 2023年年底, 2023年内, 2023年下半年, 2023年前: the end of the year.
  return make_date(*year, 12, 31);
}

}  // namespace

bool PlanFields::empty() const {
  return leader.empty() && owner.empty() && department.empty() && due_text.empty() && !due &&
         !long_term && !status;
}

void PlanFields::inherit(const PlanFields& other) {
  if (leader.empty())
    leader = other.leader;
  if (owner.empty())
    owner = other.owner;
  if (department.empty())
    department = other.department;
  if (due_text.empty() && !due && !long_term) {
    due_text = other.due_text;
    due = other.due;
    long_term = other.long_term;
  }
}

std::optional<LocalDate> parse_plan_date(std::string_view s) {
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9' || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
      continue;
    if (auto d = date_at(s.substr(i)))
      return d;
  }
  return std::nullopt;
}

std::size_t read_fields(const FoldedText& text, PlanFields& into, std::vector<FieldNote>& notes,
                        std::vector<std::pair<std::size_t, std::size_t>>* due_values) {
  const std::string_view f = text.text();
  const auto hits = find_labels(f);
  if (hits.empty())
    return f.size();
  // "（责任人：张三；完成时限：2023年6月30日）": every value ends at the closing bracket too.
  const std::size_t first = hits.front().at;
  const bool bracketed = first > 0 && (f[first - 1] == '(' || f[first - 1] == '[');
  for (std::size_t k = 0; k < hits.size(); ++k) {
    const auto& h = hits[k];
    const std::size_t next = k + 1 < hits.size() ? hits[k + 1].at : f.size();
    // A name ends at a sentence or clause mark; a time limit may hold a comma
    // ("立行立改，长期坚持").
    std::size_t end = h.kind == FieldKind::due ? first_of(f, h.value, next, {"。", ";"})
                                               : first_of(f, h.value, next, {"。", ";", ","});
    if (bracketed)
      end = first_of(f, h.value, end, {")", "]"});
    end = trim_value_end(f, h.value, end);
    const std::string value(text.original_span(h.value, end));
    const std::string_view folded_value = f.substr(h.value, end - h.value);
    switch (h.kind) {
      case FieldKind::leader:
        if (into.leader.empty())
          into.leader = value;
        break;
      case FieldKind::owner:
        if (into.owner.empty())
          into.owner = value;
        break;
      case FieldKind::department:
        if (into.department.empty())
          into.department = value;
        break;
      case FieldKind::due: {
        if (due_values != nullptr)
          due_values->emplace_back(h.value, end);
        into.due_text = value;
        into.due = parse_plan_date(folded_value);
        into.long_term = folded_value.find(kLongTerm) != std::string_view::npos ||
                         folded_value.find("长期") != std::string_view::npos;
        const bool immediate = folded_value.find("立行立改") != std::string_view::npos ||
                               folded_value.find("即知即改") != std::string_view::npos;
        if (!into.due && !into.long_term && !immediate && !value.empty()) {
          notes.push_back(FieldNote{
              h.value,
              "时限“" + value +
                  "”不是可识别的日期（如 2023年6月30日、2023年6月底前、长期坚持），未设完成时限"});
        }
        break;
      }
    }
  }
  std::size_t start = first;
  if (bracketed)
    --start;
  else if (start >= 3 && f.substr(start - 3, 3) == "【")
    start -= 3;
  return start;
}

bool read_status(const FoldedText& text, PlanFields& into, std::vector<FieldNote>& notes,
                 const std::vector<std::pair<std::size_t, std::size_t>>& skip) {
  const std::string_view f = text.text();
  auto skipped = [&](std::size_t at) {
    return std::any_of(skip.begin(), skip.end(),
                       [&](const auto& r) { return at >= r.first && at < r.second; });
  };
  if (auto na = f.find(kNotApplicable); na != std::string_view::npos && !skipped(na)) {
    into.status = MeasureStatus::not_applicable;
    into.na_reason = sentence_around(text.original(), text.original_at(na));
    into.status_text = into.na_reason;
    return true;
  }
  std::optional<MeasureStatus> status;
  std::optional<std::size_t> status_from;
  std::size_t status_to = 0;
  bool closed = false;
  bool long_term = false;
  auto mark = [&](std::size_t from, std::size_t to) {
    if (!status_from)
      status_from = from;
    status_to = to;
  };
  std::size_t begin = 0;
  while (begin < f.size()) {
    const std::size_t end = first_of(f, begin, f.size(), {"。", ",", ";", ":", "!", "?", "(", ")"});
    const std::string clause =
        skipped(begin) ? std::string() : clause_core(f.substr(begin, end - begin));
    if (clause.empty()) {
      // a time limit's value, or nothing between two marks
    } else if (starts_with_any(clause, kClosedWords) || clause == "已完成") {
      // 已整改到位并长期坚持: closed, and kept up.
      closed = true;
      long_term = long_term || clause.find(kLongTerm) != std::string::npos;
      status = MeasureStatus::closed;
      mark(begin, end);
    } else if (clause.starts_with(kLongTerm)) {
      long_term = true;
      if (!status)
        status = MeasureStatus::ongoing;
      mark(begin, end);
    } else if (starts_with_any(clause, kInProgressWords)) {
      closed = false;
      status = MeasureStatus::in_progress;
      status_from.reset();
      mark(begin, end);
    } else if (clause.starts_with("将于")) {
      // Only the words that follow 将于 are cut from the original: the clause's own prefix
      // words sit before them.
      const std::size_t by_at = f.find("将于", begin) + std::string_view("将于").size();
      std::string_view by = f.substr(by_at, end - by_at);
      auto stop = by.find("前完成");
      if (stop == std::string_view::npos)
        stop = by.find("完成");
      if (stop != std::string_view::npos) {
        into.due_text = std::string(text.original_span(by_at, by_at + stop));
        into.due = parse_plan_date(by.substr(0, stop));
        if (!into.due)
          notes.push_back(FieldNote{
              by_at, "“将于" + into.due_text + "前完成”中没有可识别的日期，未设完成时限"});
        closed = false;
        status = MeasureStatus::in_progress;
        mark(begin, end);
      }
    }
    begin = end;
    if (begin < f.size())
      begin += f.substr(begin).starts_with("。") ? std::string_view("。").size() : 1;
  }
  if (!status)
    return false;
  if (closed && long_term)
    status = MeasureStatus::ongoing;
  if (long_term)
    into.long_term = true;
  into.status = status;
  into.status_text = std::string(text.original_span(*status_from, status_to));
  return true;
}

std::string sentence_around(std::string_view text, std::size_t at) {
  std::size_t start = 0;
  for (std::string_view end : {"。", "！", "？", "；"}) {
    auto p = text.substr(0, at).rfind(end);
    if (p != std::string_view::npos)
      start = std::max(start, p + end.size());
  }
  std::size_t stop = text.size();
  for (std::string_view end : {"。", "！", "？", "；"}) {
    auto p = text.find(end, at);
    if (p != std::string_view::npos)
      stop = std::min(stop, p + end.size());
  }
  return std::string(trim(text.substr(start, stop - start)));
}

}  // namespace rectifyd::ledger_io
