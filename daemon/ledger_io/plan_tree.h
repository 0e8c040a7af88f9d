#pragma once
// A parsed plan shown as the tree it would import, for the office to check before anything is
// written: each category, problem and measure with its number, the first characters of its
// text and the fields read, then the counts and the warnings. One rendering for rectifyctl's
// --dry-run, the admin API and the console.

#include <cstddef>
#include <string>

#include <boost/json/value.hpp>

#include "ledger_io/plan_text.h"

namespace rectifyd::ledger_io {

/// "3 个方面、16 个问题、68 条整改措施": the counts a dry run and an import both state.
std::string plan_counts_text(std::size_t categories, std::size_t problems, std::size_t measures);

/// The first `chars` characters of `text`, with "…" when there is more.
std::string text_preview(std::string_view text, std::size_t chars);

/// The tree as indented lines, ending with the counts and then one line per warning:
///   （一）在作风建设方面                                   第2行
///     问题1 会风不正  责任领导：李四                        第3行
///       一是 精简会议。  责任人：张三  时限：2026-06-30  状态：整改中
std::string plan_tree_text(const ParsedPlan& plan, std::size_t text_chars = 24);

/// The same as JSON: {"categories":[{"ordinal","label","title","line","problems":[{"number",
/// "label","title","line","fields":{…},"measures_omitted","done","measures":[{"ordinal","label",
/// "text","preview","line","column","status","fields":{…}}]}]}],"counts":{…},"stated":{…},
/// "warnings":[…]}. fields: leader, owner, department, due (YYYY-MM-DD or null), due_text,
/// long_term, status (or null), status_text.
boost::json::value plan_tree_json(const ParsedPlan& plan, std::size_t text_chars = 24);

}  // namespace rectifyd::ledger_io
