#pragma once
// A rectification plan or report (整改方案 / 整改情况报告) as text, read into its tree: categories
// (方面), problems, measures, and what the text says about each (责任领导, 责任人, 时限, status).
//
// The numbering families read, in any mix that is consistent within one document:
//   categories  （一）在…方面   （一）在“…”方面   一、关于…方面   一、…方面的问题
//   problems    问题N：title   N.关于“title”问题的整改   N．title   （N）title (when the categories
//               are numbered 一、; N in digits or in Chinese)
//   measures    一是…二是… in a paragraph   （1）…   1）…   ①…   1.… (when the problems are not
//               numbered so)   one measure per line under a 整改措施： lead-in
// A problem's numbers run on across the plan or start again at 1 in each category; the ledger
// numbers problems 1…N across the plan either way. Fields (责任领导：, 责任人： / 责任部门： /
// 责任单位：, 完成时限： / 整改时限：) and status words (ledger_io/plan_fields.h) are read on the
// problem's or the measure's own line, or on lines of their own: under a problem before its
// measures, or after a 一是… paragraph, they are the problem's; under a measure listed on its own
// line they are that measure's, except when only the last measure of several has them (they are
// the problem's then). A problem's status line (目前已整改到位并长期坚持。) gives its measures
// their status and is kept as the problem's own, which counts when its measures are omitted
// (（略）).
//
// Full-width and half-width punctuation and digits, curly and straight quotes, stray spaces,
// blank lines, CR LF and a BOM are all read alike. Lines before the first category and after a
// heading such as 三、下一步工作打算 are narrative; a totals sentence found there is compared
// with what was read (a warning when they differ).
//
// Refused, with file:line:column and what kind of line was expected there: no category or no
// problem at all, a category without problems, a numbered line out of sequence or repeated, a
// measure before any problem, a problem before any category, numbering families mixed.
//
// Parsing is pure: text in, ParsedPlan or every error out. The write is store::import_plan.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "ledger_io/plan_fields.h"
#include "ledger_io/plan_totals.h"

namespace rectifyd::ledger_io {

struct ParsedMeasure {
  int ordinal = 0;  ///< 一是 → 1, （2） → 2, ③ → 3; for one per line, its place
  std::string
      label;  ///< the number as written: "一是", "（2）", "3）", "③", "4."; "" for one per line
  std::string text;  ///< the measure's text without its number and its labelled fields
  MeasureStatus status = MeasureStatus::open;  ///< its own status, else its problem's
  std::string na_reason;  ///< the sentence saying 无需整改, when not_applicable
  PlanFields fields;      ///< what the text says about this measure itself
  std::size_t line = 0;   ///< where the measure's number stands
  std::size_t column = 0;
};

struct ParsedProblem {
  int number = 0;     ///< in the ledger: 1…N across the plan
  std::string label;  ///< the number as the text writes it: "问题3", "3.", "（三）"
  std::string title;  ///< without 关于“…”问题的整改 around it and without the closing 。
  std::size_t line = 0;
  std::size_t column = 0;
  PlanFields fields;  ///< the problem's own: leader, owner, due, and its status line's status
  bool measures_omitted = false;        ///< the text says （略）
  std::vector<ParsedMeasure> measures;  ///< empty when omitted
  /// Its measures all closed, ongoing or not applicable; or, with none, its own status says so.
  bool done() const;
};

struct ParsedCategory {
  int ordinal = 0;    ///< （一）→ 1
  std::string label;  ///< "（一）", "一、"
  std::string title;  ///< "在…方面", as written after the number
  std::size_t line = 0;
  std::size_t column = 0;
  std::vector<ParsedProblem> problems;
};

struct ParsedPlan {
  std::vector<ParsedCategory> categories;
  StatedTotals stated;                ///< the totals the text states about itself
  std::vector<std::string> warnings;  ///< "source:line:column: …", read but worth a look
  std::size_t problem_count() const;
  std::size_t measure_count() const;
  PlanCounts counts() const;
};

/// Parses a plan. `source` names the text in errors; an Error lists every problem found, one
/// per line, each as "source:line:column: what is wrong; what was expected there".
Result<ParsedPlan> parse_plan_text(std::string_view text, const std::string& source = "plan");

}  // namespace rectifyd::ledger_io
