#pragma once
// The numbers a rectification report states: how many problems and measures, how many closed
// (销号), ongoing (长期坚持), not applicable (无需整改), still open, overdue, reported done;
// the completion rate (办结率) and the outcome counters (约谈, 制度, 清退资金). Overall, per
// category and per problem (store/stats_queries.h reads them from the ledger).

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "core/model.h"

namespace rectifyd::ledger {

struct Counts {
  std::int64_t problems = 0;
  std::int64_t problems_done = 0;  ///< problems with measures, all of them finished
  std::int64_t measures = 0;
  std::int64_t closed = 0;
  std::int64_t ongoing = 0;
  std::int64_t not_applicable = 0;
  std::int64_t open = 0;     ///< not closed, ongoing or not_applicable
  std::int64_t overdue = 0;  ///< open, due before today
  std::int64_t done_reported = 0;
  std::int64_t on_time = 0;  ///< finished on or before the due date (or without one)
  std::int64_t talks = 0;
  std::int64_t regulations = 0;
  std::int64_t funds_returned_fen = 0;

  std::int64_t finished() const { return closed + ongoing + not_applicable; }
  /// 办结率 = (closed + ongoing + not_applicable) / measures; 0 when there are no measures.
  double completion_rate() const;
  /// Problems done / problems; 0 when there are none.
  double problem_completion_rate() const;
  Counts& operator+=(const Counts& o);
};

struct CategoryStats {
  Category category;
  Counts counts;
};

struct ProblemStats {
  Problem problem;
  Counts counts;  ///< problems = 1, problems_done = 1 when done
  bool done() const { return counts.problems_done == 1; }
};

struct LedgerStats {
  std::int64_t categories = 0;
  Counts overall;
  std::vector<CategoryStats> per_category;           ///< by round, ordinal
  std::vector<ProblemStats> per_problem;             ///< by category, number
  std::unordered_map<Id, std::string> leader_names;  ///< every problem's 责任领导 by id
  std::optional<Id> latest_round;                    ///< the round the papers report on
};

/// One object: categories, problems, problems_done, measures, closed, ongoing, not_applicable,
/// open, overdue, done_reported, on_time, completion_rate, problem_completion_rate, talks,
/// regulations, funds_returned_fen, and the arrays per_category and (unless `per_problem` is
/// false) per_problem.
boost::json::value to_json(const LedgerStats& s, bool per_problem = true);

}  // namespace rectifyd::ledger
