#include "ledger_io/plan_text.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <tuple>

#include "ledger_io/folded_text.h"
#include "ledger_io/utf8.h"
#include "ledger_io/zh_number.h"

namespace rectifyd::ledger_io {
namespace {

/// How a line begins, in folded text.
enum class Shape {
  text,
  paren_zh,      ///< （一）
  paren_digits,  ///< （1）, ⑴
  dun_zh,        ///< 一、
  dot_digits,    ///< 1. 1．1、
  half_paren,    ///< 1） 1)
  circled,       ///< ①
  problem_word,  ///< 问题1：
  shi,           ///< 一是
  lines,         ///< one measure per line under a lead-in (a measure family only)
};

struct LineShape {
  Shape shape = Shape::text;
  int number = 0;
  std::size_t label_end = 0;  ///< folded offset after the number and its mark
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

LineShape shape_of(std::string_view f) {
  std::size_t d = 0;
  if (f.starts_with("问题")) {
    const std::size_t at = std::string_view("问题").size();
    std::optional<int> n = read_digits(f.substr(at), d);
    if (!n)
      n = read_zh_number(f.substr(at), d);
    if (n) {
      for (std::string_view mark : {":", ".", "、", ","}) {
        if (f.substr(at + d).starts_with(mark))
          return {Shape::problem_word, *n, at + d + mark.size()};
      }
    }
  }
  if (f.starts_with("(")) {
    if (auto z = read_zh_number(f.substr(1), d); z && f.substr(1 + d).starts_with(")"))
      return {Shape::paren_zh, *z, 2 + d};
    if (auto a = read_digits(f.substr(1), d); a && d <= 3 && f.substr(1 + d).starts_with(")"))
      return {Shape::paren_digits, *a, 2 + d};
  }
  // ⑴ … ⒇ are U+2474 … U+2487: E2 91 B4 … E2 91 BF, E2 92 80 … E2 92 87.
  if (f.size() >= 3 && static_cast<unsigned char>(f[0]) == 0xE2) {
    const auto b1 = static_cast<unsigned char>(f[1]);
    const auto b2 = static_cast<unsigned char>(f[2]);
    if (b1 == 0x91 && b2 >= 0xB4 && b2 <= 0xBF)
      return {Shape::paren_digits, b2 - 0xB4 + 1, 3};
    if (b1 == 0x92 && b2 >= 0x80 && b2 <= 0x87)
      return {Shape::paren_digits, b2 - 0x80 + 13, 3};
  }
  if (auto c = read_circled(f, d))
    return {Shape::circled, *c, d};
  if (auto a = read_digits(f, d); a && d <= 3) {
    const std::string_view after = f.substr(d);
    if (after.starts_with(")"))
      return {Shape::half_paren, *a, d + 1};
    if (after.starts_with("、"))
      return {Shape::dot_digits, *a, d + std::string_view("、").size()};
    if (after.starts_with(".") && !(after.size() > 1 && is_digit(after[1])))
      return {Shape::dot_digits, *a, d + 1};
  }
  if (auto z = read_zh_number(f, d)) {
    if (f.substr(d).starts_with("、"))
      return {Shape::dun_zh, *z, d + std::string_view("、").size()};
    if (f.substr(d).starts_with("是"))
      return {Shape::shi, *z, d + std::string_view("是").size()};
  }
  return {};
}

std::string label_text(Shape s, int n) {
  switch (s) {
    case Shape::paren_zh:
      return "（" + zh_number(n) + "）";
    case Shape::paren_digits:
      return "（" + std::to_string(n) + "）";
    case Shape::dun_zh:
      return zh_number(n) + "、";
    case Shape::dot_digits:
      return std::to_string(n) + ".";
    case Shape::half_paren:
      return std::to_string(n) + "）";
    case Shape::circled:
      return circled_number(n);
    case Shape::problem_word:
      return "问题" + std::to_string(n);
    case Shape::shi:
      return zh_number(n) + "是";
    case Shape::text:
    case Shape::lines:
      break;
  }
  return std::to_string(n);
}

std::string_view strip_end_marks(std::string_view s) {
  for (;;) {
    s = trim(s);
    bool cut = false;
    for (std::string_view m : {"。", "：", ":", ".", "；", ";", "，", ","}) {
      if (s.ends_with(m)) {
        s.remove_suffix(m.size());
        cut = true;
        break;
      }
    }
    if (!cut)
      return s;
  }
}

/// A category heading's text, folded: it ends with 方面 (or 方面的问题 …) and is not a sentence.
bool is_category_title(std::string_view folded_title) {
  std::string_view t = folded_title;
  while (t.ends_with("。") || t.ends_with(":") || t.ends_with(",")) {
    t.remove_suffix(t.ends_with("。") ? std::string_view("。").size() : 1);
  }
  if (t.find("。") != std::string_view::npos)
    return false;
  for (std::string_view end :
       {"方面", "方面的问题", "方面问题", "方面存在的问题", "方面存在问题"}) {
    if (t.ends_with(end))
      return true;
  }
  return false;
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kQuotes{
    {{"“", "”"}, {"\"", "\""}, {"‘", "’"}, {"「", "」"}, {"『", "』"}}};

/// "“会风不正”" → "会风不正"; anything but one quoted run is returned as it is.
std::string_view unquote(std::string_view s) {
  for (auto [open, close] : kQuotes) {
    if (s.size() > open.size() + close.size() && s.starts_with(open) && s.ends_with(close)) {
      std::string_view inner = s.substr(open.size(), s.size() - open.size() - close.size());
      if (inner.find(close) == std::string_view::npos &&
          (open == close || inner.find(open) == std::string_view::npos))
        return trim(inner);
    }
  }
  return s;
}

/// A problem's title without its closing mark and without 关于“…”问题的整改 around it.
std::string clean_title(std::string_view t) {
  t = strip_end_marks(t);
  std::string_view core = t;
  if (core.starts_with("关于")) {
    core = trim(core.substr(std::string_view("关于").size()));
    for (std::string_view end : {"问题的整改情况", "问题整改情况", "问题的整改落实情况",
                                 "问题的整改", "问题整改", "的问题", "问题"}) {
      if (core.ends_with(end) && core.size() > end.size()) {
        core = trim(core.substr(0, core.size() - end.size()));
        break;
      }
    }
  }
  core = unquote(core);
  return std::string(core.empty() ? t : core);
}

bool is_lead_in(std::string_view f, std::size_t& body) {
  static constexpr std::array<std::string_view, 8> kLeads = {
      "具体整改措施", "整改措施", "整改举措", "主要措施",
      "整改落实情况", "整改情况", "整改进展", "整改结果"};
  for (auto lead : kLeads) {
    if (!f.starts_with(lead))
      continue;
    auto colon = f.find(':');
    if (colon == std::string_view::npos || colon > 30 ||
        f.substr(0, colon).find("。") != std::string_view::npos)
      return false;
    body = colon + 1;
    return true;
  }
  return false;
}

constexpr std::string_view kOmitted = "略";

/// A piece of a 一是… paragraph: where it sits in the combined text and in the file.
struct Segment {
  std::size_t combined_at = 0;
  std::size_t line = 0;
  std::string_view line_text;
  std::size_t line_offset = 0;
};

struct Marker {
  std::size_t at = 0;    ///< the marker's first byte in the paragraph
  std::size_t body = 0;  ///< the first byte after 是
  int ordinal = 0;
};

enum class Numbering { unknown, continuous, restart };

/// Where field and status lines go: the problem, or the measure above them.
enum class Target { problem, last_measure };

class PlanParser {
 public:
  PlanParser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  Result<ParsedPlan> run() {
    std::string_view rest = text_.substr(bom_length(text_));
    std::size_t line_no = 0;
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      std::string_view raw = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      if (!raw.empty() && raw.back() == '\r')
        raw.remove_suffix(1);
      ++line_no;
      line(line_no, raw);
    }
    close_paragraph();
    finish();
    if (!errors_.empty()) {
      std::string all;
      for (const auto& e : errors_) {
        if (!all.empty())
          all += '\n';
        all += e;
      }
      return Error{all};
    }
    return std::move(plan_);
  }

 private:
  // ---- positions and messages ----

  std::string where_text(std::size_t line, std::size_t column) const {
    return source_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  }
  void error(std::size_t line, std::size_t column, const std::string& what) {
    errors_.push_back(where_text(line, column) + what);
  }
  void warn(std::size_t line, std::size_t column, const std::string& what) {
    plan_.warnings.push_back(where_text(line, column) + what);
  }

  std::string expected_problem() const {
    if (problem_shape_)
      return "问题，如“" + label_text(*problem_shape_, 1) + "…”";
    return "问题，如“问题1：…”“1．关于“…”问题的整改”";
  }

  ParsedCategory* current_category() {
    return plan_.categories.empty() ? nullptr : &plan_.categories.back();
  }
  ParsedProblem* current_problem() {
    if (!in_plan_ || plan_.categories.empty() || plan_.categories.back().problems.empty())
      return nullptr;
    return &plan_.categories.back().problems.back();
  }

  // ---- one line ----

  void line(std::size_t no, std::string_view raw) {
    const FoldedText folded(raw);
    const std::string_view f = folded.text();
    if (f.empty())
      return;
    const std::size_t col = folded.column(0);
    const LineShape s = shape_of(f);

    switch (s.shape) {
      case Shape::paren_zh:
        if (category_style_ == Shape::dun_zh) {
          if (in_plan_) {
            problem_line(no, col, raw, folded, s);
            return;
          }
          break;
        }
        if (is_category_title(f.substr(s.label_end))) {
          category_line(no, col, folded, s);
          return;
        }
        break;
      case Shape::dun_zh:
        if (is_category_title(f.substr(s.label_end)) && category_style_ != Shape::paren_zh) {
          category_line(no, col, folded, s);
          return;
        }
        if (is_category_title(f.substr(s.label_end))) {
          close_paragraph();
          error(no, col,
                "此行像方面标题“" + label_text(Shape::dun_zh, s.number) +
                    "…方面”，而本文的方面写作“" + label_text(Shape::paren_zh, 1) +
                    "…方面”；请统一方面的编号");
          return;
        }
        section_heading(no, raw);
        return;
      case Shape::problem_word:
        problem_line(no, col, raw, folded, s);
        return;
      case Shape::dot_digits:
        if (in_plan_ && (problem_shape_ == Shape::dot_digits ||
                         (!problem_shape_ && current_category() != nullptr))) {
          problem_line(no, col, raw, folded, s);
          return;
        }
        if (in_plan_) {
          measure_line(no, col, raw, folded, s);
          return;
        }
        break;
      case Shape::paren_digits:
        if (in_plan_ && (problem_shape_ == Shape::paren_digits ||
                         (!problem_shape_ && category_style_ == Shape::dun_zh))) {
          problem_line(no, col, raw, folded, s);
          return;
        }
        if (in_plan_) {
          measure_line(no, col, raw, folded, s);
          return;
        }
        break;
      case Shape::half_paren:
      case Shape::circled:
        if (in_plan_) {
          measure_line(no, col, raw, folded, s);
          return;
        }
        break;
      case Shape::shi:
        if (in_plan_) {
          shi_line(no, col, raw);
          return;
        }
        break;
      case Shape::text:
      case Shape::lines:
        break;
    }

    if (!in_plan_) {
      narrative(no, folded, s);
      return;
    }
    std::size_t body = 0;
    if (is_lead_in(f, body) && !is_status_only(folded, body)) {
      lead_in(no, col, raw, folded, body);
      return;
    }
    if (field_or_status_line(no, raw, folded))
      return;
    text_line(no, raw, folded);
  }

  /// A lead-in whose whole body is a status (整改情况：已完成整改。) is a status line.
  bool is_status_only(const FoldedText& folded, std::size_t body) const {
    const std::string_view rest = std::string_view(folded.text()).substr(body);
    if (rest.empty())
      return false;
    FoldedText b(folded.original().substr(folded.original_at(body)));
    PlanFields probe;
    std::vector<FieldNote> notes;
    if (!read_status(b, probe, notes))
      return false;
    // The status is the whole body, give or take its closing mark.
    return strip_end_marks(probe.status_text).size() >=
           strip_end_marks(b.original_span(0, b.text().size())).size();
  }

  void narrative(std::size_t no, const FoldedText& folded, const LineShape& s) {
    close_paragraph();
    read_totals(folded, no, plan_.stated);
    if (closed_section_ && s.shape != Shape::text)
      ++closed_section_->numbered_lines;
  }

  void section_heading(std::size_t no, std::string_view raw) {
    close_paragraph();
    flush_closed_section();
    if (!plan_.categories.empty())
      closed_section_ = ClosedSection{no, std::string(trim(raw)), 0};
    in_plan_ = false;
  }

  void flush_closed_section() {
    if (closed_section_ && closed_section_->numbered_lines > 0) {
      warn(closed_section_->line, 1,
           "“" + closed_section_->title + "”不是方面标题，其后的 " +
               std::to_string(closed_section_->numbered_lines) +
               " 行编号文字未作为问题或措施读入；若它们属于整改方案，请在其前加方面标题");
    }
    closed_section_.reset();
  }

  void category_line(std::size_t no, std::size_t col, const FoldedText& folded,
                     const LineShape& s) {
    close_paragraph();
    flush_closed_section();
    if (!category_style_)
      category_style_ = s.shape;
    const int expected = static_cast<int>(plan_.categories.size()) + 1;
    if (s.number != expected) {
      error(no, col,
            "方面编号“" + label_text(s.shape, s.number) + "”接在" +
                (expected == 1 ? std::string("开头")
                               : "“" + label_text(s.shape, expected - 1) + "”之后") +
                "；此处应为“" + label_text(s.shape, expected) + "”");
    }
    ParsedCategory c;
    c.ordinal = expected;
    c.label = std::string(folded.original_span(0, s.label_end));
    c.title = std::string(strip_end_marks(folded.original_span(s.label_end, folded.text().size())));
    c.line = no;
    c.column = col;
    plan_.categories.push_back(std::move(c));
    in_plan_ = true;
    problem_open_ = false;
  }

  void problem_line(std::size_t no, std::size_t col, std::string_view raw, const FoldedText& folded,
                    const LineShape& s) {
    close_paragraph();
    const std::string label = label_text(s.shape, s.number);
    if (!in_plan_ || plan_.categories.empty()) {
      error(
          no, col,
          label +
              " 出现在任何方面标题之前；此处之前应有方面标题，如“（一）在…方面”或“一、关于…方面”");
      return;
    }
    if (problem_shape_ && *problem_shape_ != s.shape) {
      error(no, col,
            "问题编号“" + label + "”与本文其他问题的编号“" + label_text(*problem_shape_, 1) +
                "…”不一致；请统一问题的编号");
      return;
    }
    problem_shape_ = s.shape;
    check_problem_number(no, col, s, label);

    const std::string_view body_raw = raw.substr(folded.original_at(s.label_end));
    const FoldedText body(body_raw);
    ParsedProblem p;
    std::vector<FieldNote> notes;
    const std::size_t fields_at = read_fields(body, p.fields, notes);
    report_notes(no, raw, body_raw, body, notes);
    p.number = static_cast<int>(plan_.problem_count()) + 1;
    std::string_view written = folded.original_span(0, s.label_end);
    for (std::string_view colon : {"：", ":"}) {
      if (written.ends_with(colon))
        written = trim(written.substr(0, written.size() - colon.size()));
    }
    p.label = std::string(written);
    p.title = clean_title(body.original_span(0, fields_at));
    p.line = no;
    p.column = col;
    if (p.title.empty())
      error(no, col,
            label + " 没有标题；此处应为“" + label_text(s.shape, s.number) + "：问题的标题”");
    plan_.categories.back().problems.push_back(std::move(p));
    problem_open_ = true;
    measure_shape_.reset();
    next_measure_ = 1;
    has_lead_in_ = false;
    target_ = Target::problem;
    measure_continues_ = false;
  }

  void check_problem_number(std::size_t no, std::size_t col, const LineShape& s,
                            const std::string& label) {
    const bool first_in_category = plan_.categories.back().problems.empty();
    const bool first_in_plan = plan_.problem_count() == 0;
    int expected = last_problem_ + 1;
    if (first_in_plan) {
      expected = 1;
    } else if (first_in_category) {
      if (numbering_ == Numbering::unknown)
        numbering_ =
            s.number == 1 && last_problem_ != 0 ? Numbering::restart : Numbering::continuous;
      if (numbering_ == Numbering::restart)
        expected = 1;
    }
    if (s.number != expected) {
      if (auto it = seen_.find(s.number); it != seen_.end() && numbering_ != Numbering::restart) {
        error(no, col,
              label + " 重复（第" + std::to_string(it->second) + "行已有）；此处应为“" +
                  label_text(s.shape, expected) + "”");
      } else {
        error(no, col,
              "问题编号“" + label + "”不连续；此处应为“" + label_text(s.shape, expected) + "”");
      }
    }
    if (numbering_ != Numbering::restart)
      seen_.emplace(s.number, no);
    last_problem_ = s.number;
  }

  /// A measure before any problem of its category is an error; returns the problem otherwise.
  ParsedProblem* problem_for_measure(std::size_t no, std::size_t col, const std::string& what) {
    auto* p = current_problem();
    if (p == nullptr || !problem_open_) {
      error(no, col, what + "出现在任何问题之前；此处应为" + expected_problem());
      return nullptr;
    }
    return p;
  }

  void measure_line(std::size_t no, std::size_t col, std::string_view raw, const FoldedText& folded,
                    const LineShape& s) {
    const std::string label = label_text(s.shape, s.number);
    auto* p = problem_for_measure(no, col, "措施“" + label + "”");
    if (p == nullptr)
      return;
    close_paragraph();
    if (measure_shape_ && *measure_shape_ != s.shape) {
      // A deeper list (① under （1）) belongs to the measure above it.
      append_to_last_measure(*p, raw);
      return;
    }
    if (!measure_shape_)
      measure_shape_ = s.shape;
    if (s.number != next_measure_) {
      error(no, col,
            p->label + "：措施编号应为“" + label_text(s.shape, next_measure_) + "”，此处为“" +
                label + "”");
    }
    next_measure_ = s.number + 1;
    const std::string_view body_raw = raw.substr(folded.original_at(s.label_end));
    add_measure(
        *p, s.number, std::string(folded.original_span(0, s.label_end)), body_raw,
        [&](std::size_t offset) {
          return std::pair{
              no,
              char_column(raw, static_cast<std::size_t>(body_raw.data() - raw.data()) + offset)};
        },
        no, col);
    target_ = Target::last_measure;
    measure_continues_ = true;
  }

  void shi_line(std::size_t no, std::size_t col, std::string_view raw) {
    auto* p = problem_for_measure(no, col, "措施“一是…”");
    if (p == nullptr)
      return;
    if (!paragraph_open_) {
      if (measure_shape_ && *measure_shape_ != Shape::shi) {
        append_to_last_measure(*p, raw);
        return;
      }
      open_paragraph();
    }
    add_segment(no, raw, trim(raw));
  }

  void lead_in(std::size_t no, std::size_t col, std::string_view raw, const FoldedText& folded,
               std::size_t body) {
    close_paragraph();
    auto* p = current_problem();
    if (p == nullptr || !problem_open_) {
      error(no, col, "“整改措施”出现在任何问题之前；此处应为" + expected_problem());
      return;
    }
    if (has_lead_in_) {
      error(no, col, p->label + " 已有整改措施（一个问题只能有一处“整改措施：”）");
      return;
    }
    has_lead_in_ = true;
    open_paragraph();
    // "整改措施：针对上述问题，采取以下措施：" introduces the list below it.
    const std::string_view rest = trim(raw.substr(folded.original_at(body)));
    if (!rest.empty() && !folded.text().ends_with(":"))
      add_segment(no, raw, rest);
  }

  /// 责任领导：… 完成时限：… or 目前已整改到位。 on a line of its own.
  bool field_or_status_line(std::size_t no, std::string_view raw, const FoldedText& folded) {
    auto* p = current_problem();
    if (p == nullptr || !problem_open_)
      return false;
    PlanFields read;
    std::vector<FieldNote> notes;
    std::vector<std::pair<std::size_t, std::size_t>> due_values;
    const bool fields = read_fields(folded, read, notes, &due_values) == 0;
    const bool status = !fields && read_status(folded, read, notes);
    if (!fields && !status)
      return false;
    if (fields)
      read_status(folded, read, notes, due_values);
    report_notes(no, raw, raw, folded, notes);
    if (paragraph_open_ && shi_mode_)
      close_paragraph();
    ParsedMeasure* m = p->measures.empty() ? nullptr : &p->measures.back();
    if (target_ == Target::last_measure && m != nullptr) {
      auto& attached = attached_[key(p->measures.size() - 1)];
      merge(attached, read);
    } else {
      merge(p->fields, read);
    }
    measure_continues_ = false;
    return true;
  }

  void text_line(std::size_t no, std::string_view raw, const FoldedText& folded) {
    auto* p = current_problem();
    if (paragraph_open_) {
      if (shi_mode_) {
        add_segment(no, raw, trim(raw));
      } else {
        add_line_measure(*p, no, raw, trim(raw));
      }
      return;
    }
    if (p != nullptr && measure_continues_ && !p->measures.empty()) {
      append_to_last_measure(*p, raw);
      return;
    }
    read_totals(folded, no, plan_.stated);
  }

  // ---- measures ----

  std::tuple<std::size_t, std::size_t, std::size_t> key(std::size_t measure) const {
    return {plan_.categories.size() - 1, plan_.categories.back().problems.size() - 1, measure};
  }

  static void merge(PlanFields& into, const PlanFields& from) {
    if (!from.leader.empty())
      into.leader = from.leader;
    if (!from.owner.empty())
      into.owner = from.owner;
    if (!from.department.empty())
      into.department = from.department;
    if (!from.due_text.empty() || from.due) {
      into.due_text = from.due_text;
      into.due = from.due;
    }
    if (from.long_term)
      into.long_term = true;
    if (from.status) {
      into.status = from.status;
      into.status_text = from.status_text;
      into.na_reason = from.na_reason;
    }
  }

  void report_notes(std::size_t no, std::string_view raw, std::string_view part,
                    const FoldedText& folded, const std::vector<FieldNote>& notes) {
    for (const auto& n : notes) {
      const std::size_t offset =
          static_cast<std::size_t>(part.data() - raw.data()) + folded.original_at(n.at);
      warn(no, char_column(raw, offset), n.message);
    }
  }

  template <typename LocateFn>
  void add_measure(ParsedProblem& p, int ordinal, std::string label, std::string_view body,
                   LocateFn locate, std::size_t line, std::size_t column) {
    const FoldedText folded(body);
    ParsedMeasure m;
    m.ordinal = ordinal;
    m.label = std::move(label);
    std::vector<FieldNote> notes;
    std::vector<std::pair<std::size_t, std::size_t>> due_values;
    const std::size_t fields_at = read_fields(folded, m.fields, notes, &due_values);
    read_status(folded, m.fields, notes, due_values);
    for (const auto& n : notes) {
      auto [l, c] = locate(folded.original_at(n.at));
      warn(l, c, n.message);
    }
    m.text = std::string(folded.original_span(0, fields_at));
    m.line = line;
    m.column = column;
    if (m.text.empty()) {
      error(line, column,
            p.label + " 的措施“" + (m.label.empty() ? std::to_string(ordinal) : m.label) +
                "”没有内容；此处应为措施的文字");
    }
    p.measures.push_back(std::move(m));
  }

  void add_line_measure(ParsedProblem& p, std::size_t no, std::string_view raw,
                        std::string_view t) {
    const std::size_t offset = static_cast<std::size_t>(t.data() - raw.data());
    if (!measure_shape_)
      measure_shape_ = Shape::lines;
    const int ordinal = static_cast<int>(p.measures.size()) + 1;
    add_measure(
        p, ordinal, "", t,
        [&](std::size_t at) {
          return std::pair{no, char_column(raw, offset + at)};
        },
        no, char_column(raw, offset));
    target_ = Target::last_measure;
  }

  void append_to_last_measure(ParsedProblem& p, std::string_view raw) {
    if (p.measures.empty())
      return;
    p.measures.back().text += std::string(trim(raw));
  }

  // ---- 一是…二是… paragraphs and one-per-line lists under a lead-in ----

  void open_paragraph() {
    paragraph_open_ = true;
    shi_mode_ = false;
    decided_ = false;
    paragraph_.clear();
    segments_.clear();
  }

  void add_segment(std::size_t no, std::string_view raw, std::string_view t) {
    if (!decided_) {
      // The first line decides: 一是… (or a paragraph with 一是 in it) is a paragraph of
      // ordinal measures; anything else is one measure per line. （略） is neither.
      decided_ = true;
      const FoldedText f(t);
      const std::string_view ft = f.text();
      const bool omitted = ft == "(略)" || ft == "略" || ft == "[略]" || ft == "【略】";
      shi_mode_ = omitted || shape_of(ft).shape == Shape::shi || has_markers(t);
    }
    if (!shi_mode_) {
      add_line_measure(*current_problem(), no, raw, t);
      return;
    }
    segments_.push_back(
        Segment{paragraph_.size(), no, raw, static_cast<std::size_t>(t.data() - raw.data())});
    paragraph_ += t;
  }

  static bool has_markers(std::string_view t) {
    std::string copy(t);
    return !find_markers(copy, {0}).empty();
  }

  /// File position of a byte of the paragraph.
  std::pair<std::size_t, std::size_t> where(std::size_t at) const {
    const Segment* s = &segments_.front();
    for (const auto& seg : segments_) {
      if (seg.combined_at <= at)
        s = &seg;
    }
    return {s->line, char_column(s->line_text, s->line_offset + (at - s->combined_at))};
  }

  static std::vector<Marker> find_markers(std::string_view text,
                                          const std::vector<std::size_t>& segment_starts) {
    std::vector<Marker> out;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
        continue;
      std::size_t n = 0;
      auto ordinal = read_zh_number(text.substr(i), n);
      if (!ordinal || !text.substr(i + n).starts_with("是"))
        continue;
      // A marker opens a sentence: "…。二是…". Inside a sentence 是 is just a word.
      const std::string_view before = text.substr(0, i);
      const bool at_start =
          std::find(segment_starts.begin(), segment_starts.end(), i) != segment_starts.end();
      bool after_mark = false;
      for (std::string_view m : {"。", "；", "！", "？", "：", ";", " ", "\xE3\x80\x80", "）", ")"})
        after_mark = after_mark || before.ends_with(m);
      if (!at_start && !after_mark) {
        i += n - 1;
        continue;
      }
      out.push_back(Marker{i, i + n + std::string_view("是").size(), *ordinal});
      i += n - 1;
    }
    return out;
  }

  void close_paragraph() {
    if (!paragraph_open_)
      return;
    paragraph_open_ = false;
    auto* p = current_problem();
    const std::string_view text = trim(paragraph_);
    if (p != nullptr && shi_mode_ && !text.empty()) {
      const FoldedText ft(text);
      const std::string_view f = ft.text();
      if (f == "(略)" || f == "略" || f == "[略]" || f == "【略】" ||
          (f.size() <= 12 && f.find(kOmitted) != std::string_view::npos)) {
        p->measures_omitted = true;
      } else {
        split_paragraph(*p);
      }
    }
    target_ = Target::problem;
    measure_continues_ = false;
    paragraph_.clear();
    segments_.clear();
  }

  void split_paragraph(ParsedProblem& p) {
    std::vector<std::size_t> starts;
    for (const auto& s : segments_)
      starts.push_back(s.combined_at);
    const auto markers = find_markers(paragraph_, starts);
    if (markers.empty())
      return;
    if (measure_shape_ && *measure_shape_ != Shape::shi) {
      auto [line, column] = where(0);
      error(line, column, p.label + "：措施“一是…”与本问题其他措施的编号不一致；请统一措施的编号");
      return;
    }
    measure_shape_ = Shape::shi;
    if (!trim(std::string_view(paragraph_).substr(0, markers.front().at)).empty()) {
      auto [line, column] = where(0);
      error(line, column, p.label + "：“一是”之前有文字；此处应为“一是…”，措施写作一是…二是…");
    }
    for (std::size_t k = 0; k < markers.size(); ++k) {
      const auto& m = markers[k];
      auto [line, column] = where(m.at);
      if (m.ordinal != next_measure_) {
        error(line, column,
              p.label + "：措施编号应为“" + zh_number(next_measure_) + "是”，此处为“" +
                  zh_number(m.ordinal) + "是”");
      }
      const std::size_t end = k + 1 < markers.size() ? markers[k + 1].at : paragraph_.size();
      const std::string_view body = std::string_view(paragraph_).substr(m.body, end - m.body);
      const std::size_t body_at = m.body;
      add_measure(
          p, m.ordinal, zh_number(m.ordinal) + "是", body,
          [&](std::size_t offset) { return where(body_at + offset); }, line, column);
      next_measure_ = m.ordinal + 1;
    }
  }

  // ---- the end ----

  void finish() {
    flush_closed_section();
    if (plan_.categories.empty()) {
      if (errors_.empty())
        error(1, 1,
              "没有找到方面标题，如“（一）在…方面”或“一、关于…方面”，也就没有问题可导入；请确认这是"
              "整改方案的文字");
      return;
    }
    if (plan_.problem_count() == 0 && errors_.empty()) {
      const auto& c = plan_.categories.front();
      error(c.line, c.column,
            "没有找到任何问题；方面标题“" + c.label + c.title + "”之后应为" + expected_problem());
      return;
    }
    for (const auto& c : plan_.categories) {
      if (c.problems.empty())
        error(c.line, c.column,
              "方面“" + c.label + c.title + "”之下没有问题；其后应为" + expected_problem());
    }
    // Field and status lines under listed measures belong to the measure above them, unless
    // only the last of several has them: then they close the problem's list.
    for (std::size_t ci = 0; ci < plan_.categories.size(); ++ci) {
      auto& c = plan_.categories[ci];
      for (std::size_t pi = 0; pi < c.problems.size(); ++pi) {
        auto& p = c.problems[pi];
        std::vector<std::size_t> with;
        for (std::size_t mi = 0; mi < p.measures.size(); ++mi) {
          if (attached_.count({ci, pi, mi}) != 0)
            with.push_back(mi);
        }
        const bool problems_own =
            with.size() == 1 && with.front() + 1 == p.measures.size() && p.measures.size() > 1;
        for (auto mi : with) {
          const auto& fields = attached_.at({ci, pi, mi});
          merge(problems_own ? p.fields : p.measures[mi].fields, fields);
        }
        for (auto& m : p.measures) {
          const PlanFields& source = m.fields.status ? m.fields : p.fields;
          if (source.status) {
            m.status = *source.status;
            m.na_reason = source.status == MeasureStatus::not_applicable ? source.na_reason : "";
          }
        }
        if (p.measures.empty() && !p.measures_omitted)
          warn(p.line, p.column,
               p.label + " 没有读到整改措施；若措施另有编号方式，请改为“（1）…”或“一是…”");
      }
    }
    for (auto& w : compare_totals(plan_.stated, plan_.counts(), source_))
      plan_.warnings.push_back(std::move(w));
  }

  struct ClosedSection {
    std::size_t line = 0;
    std::string title;
    std::size_t numbered_lines = 0;
  };

  std::string_view text_;
  const std::string& source_;
  ParsedPlan plan_;
  std::vector<std::string> errors_;

  bool in_plan_ = false;
  std::optional<ClosedSection> closed_section_;
  std::optional<Shape> category_style_;
  std::optional<Shape> problem_shape_;
  Numbering numbering_ = Numbering::unknown;
  int last_problem_ = 0;
  std::map<int, std::size_t> seen_;  ///< problem number → line, when numbers run on

  bool problem_open_ = false;
  std::optional<Shape> measure_shape_;
  int next_measure_ = 1;
  bool has_lead_in_ = false;
  bool measure_continues_ = false;
  Target target_ = Target::problem;
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, PlanFields> attached_;

  bool paragraph_open_ = false;
  bool shi_mode_ = false;
  bool decided_ = false;
  std::string paragraph_;
  std::vector<Segment> segments_;
};

}  // namespace

bool ParsedProblem::done() const {
  auto finished = [](MeasureStatus s) {
    return s == MeasureStatus::closed || s == MeasureStatus::ongoing ||
           s == MeasureStatus::not_applicable;
  };
  if (measures.empty())
    return fields.status && finished(*fields.status);
  return std::all_of(measures.begin(), measures.end(),
                     [&](const ParsedMeasure& m) { return finished(m.status); });
}

std::size_t ParsedPlan::problem_count() const {
  std::size_t n = 0;
  for (const auto& c : categories)
    n += c.problems.size();
  return n;
}

std::size_t ParsedPlan::measure_count() const {
  std::size_t n = 0;
  for (const auto& c : categories) {
    for (const auto& p : c.problems)
      n += p.measures.size();
  }
  return n;
}

PlanCounts ParsedPlan::counts() const {
  PlanCounts c;
  c.categories = categories.size();
  for (const auto& cat : categories) {
    for (const auto& p : cat.problems) {
      ++c.problems;
      c.measures += p.measures.size();
      if (p.done())
        ++c.problems_done;
      else
        ++c.problems_in_progress;
    }
  }
  return c;
}

Result<ParsedPlan> parse_plan_text(std::string_view text, const std::string& source) {
  if (auto bad = invalid_utf8_at(text)) {
    const auto begin = text.begin();
    const auto at = begin + static_cast<long>(*bad);
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(begin, at, '\n'));
    const auto line_start = text.substr(0, *bad).rfind('\n');
    const std::size_t from = line_start == std::string_view::npos ? 0 : line_start + 1;
    const std::size_t column = char_column(text.substr(from, *bad - from + 1), *bad - from);
    return Error{source + ":" + std::to_string(line) + ":" + std::to_string(column) +
                 ": 文字不是 UTF-8 编码；请将文件另存为 UTF-8 后再导入"};
  }
  return PlanParser(text, source).run();
}

}  // namespace rectifyd::ledger_io
