#pragma once
// What a plan says about a problem or a measure besides its text: who leads (责任领导), who does
// it (责任人, 责任部门 / 责任单位), by when (完成时限 / 整改时限: 2023年6月30日, 2023年6月底前,
// 长期坚持), and how far it is (已整改到位, 已完成整改, 正在整改, 持续整改, 长期坚持, 无需整改,
// 将于…前完成). Pure functions over folded text (ledger_io/folded_text.h).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"
#include "ledger_io/folded_text.h"

namespace rectifyd::ledger_io {

struct PlanFields {
  std::string leader;      ///< 责任领导, as written
  std::string owner;       ///< 责任人
  std::string department;  ///< 责任部门 / 责任单位
  std::string due_text;    ///< the time limit as written (or what 将于…前完成 names)
  std::optional<LocalDate> due;
  bool long_term = false;  ///< the time limit or the status says 长期坚持
  std::optional<MeasureStatus> status;
  std::string status_text;  ///< the words the status was read from
  std::string na_reason;    ///< the sentence saying 无需整改, when not_applicable

  bool empty() const;
  /// Fills what this lacks from `other` (a problem's fields under its measures).
  void inherit(const PlanFields& other);
};

/// Something read that could not be used, at a folded offset of the text it was read from.
struct FieldNote {
  std::size_t at = 0;
  std::string message;
};

/// Reads the labelled fields (责任领导：… 责任人：… 完成时限：…) of `text` into `into` and
/// returns the folded offset where the first of them starts (text.text().size() when there is
/// none): what precedes it is the text proper. Only labels followed by a colon count.
/// `due_values`, when given, receives the folded [from, to) of each time limit's value, for
/// read_status to pass over (整改时限：长期坚持 is a time limit, not a status).
std::size_t read_fields(const FoldedText& text, PlanFields& into, std::vector<FieldNote>& notes,
                        std::vector<std::pair<std::size_t, std::size_t>>* due_values = nullptr);

/// The status the clauses of `text` state (a clause that starts with 已整改到位, 正在整改, 将于…前
/// 完成 …, optionally after 目前 / 现 / 该问题; 无需整改 anywhere), with the due date that
/// 将于…前完成 names. Leaves `into` unchanged when the text states none. Returns whether it did.
/// Clauses that start inside one of `skip` (folded [from, to)) are passed over.
bool read_status(const FoldedText& text, PlanFields& into, std::vector<FieldNote>& notes,
                 const std::vector<std::pair<std::size_t, std::size_t>>& skip = {});

/// A date as plans write a time limit: 2023年6月30日, 2023年6月底(前), 2023年6月, 2023年底前,
/// 2023年上半年, 2023年第三季度, 2023-06-30, 2023/6/30, 2023.6.30. The end of the period named.
/// `s` is folded text; the first date in it counts.
std::optional<LocalDate> parse_plan_date(std::string_view s);

/// The sentence of `text` (original, not folded) around byte `at`.
std::string sentence_around(std::string_view text, std::size_t at);

}  // namespace rectifyd::ledger_io
