#pragma once
// The counts the papers state, from a LedgerView: overall, per category, per responsible
// leader and per owner's department. 办结率 is finished measures / measures (finished: closed,
// ongoing or not applicable); 按期办结率 is those finished on or before their due date (or without
// one) / finished measures.

#include <cstdint>
#include <string>
#include <vector>

#include "ledger/stats.h"
#include "papers/ledger_view.h"

namespace rectifyd::papers {

struct Tally {
  std::int64_t problems = 0;
  std::int64_t problems_done = 0;
  std::int64_t measures = 0;
  std::int64_t finished = 0;
  std::int64_t on_time = 0;
  std::int64_t overdue = 0;             ///< open work past its due date
  std::int64_t talks = 0;               ///< 约谈人次
  std::int64_t self_criticisms = 0;     ///< 书面检讨人次
  std::int64_t regulations = 0;         ///< 建立完善规章制度项数
  std::int64_t funds_returned_fen = 0;  ///< 清退资金入财政国库
  std::int64_t party_fees_fen = 0;      ///< 清收资金入党费专户

  std::int64_t open() const { return measures - finished; }
  /// finished / measures; 0 with no measures.
  double rate() const;
  /// on_time / finished: of what is finished, how much was finished in time; 0 with none.
  double on_time_rate() const;
  double problem_rate() const;

  void add(const MeasureRow& m, LocalDate today);
  /// The problem and each of its measures.
  void add(const ProblemRow& p, LocalDate today);
  /// The counts the store keeps per problem (ledger/stats.h), summed as add(ProblemRow) would.
  void add(const ledger::Counts& c);
};

struct NamedTally {
  std::string name;
  Tally tally;
};

Tally tally_all(const LedgerView& v, LocalDate today);
/// In plan order.
std::vector<NamedTally> tally_by_category(const LedgerView& v, LocalDate today);
/// In order of first appearance in the plan; problems without a leader under "未指定".
std::vector<NamedTally> tally_by_leader(const LedgerView& v, LocalDate today);
/// Measures by their owner's department (problems are not counted), first appearance first;
/// "未指定" for measures without an owner or department.
std::vector<NamedTally> tally_by_department(const LedgerView& v, LocalDate today);

/// "96.3%"; "—" when there is nothing to count.
std::string percent_text(double rate, std::int64_t of);

}  // namespace rectifyd::papers
