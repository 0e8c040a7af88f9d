#pragma once
// The weekly 通报 after the Friday meeting: this week's 办结率 and its change since a week
// before, a table per responsible leader and per department (items, closed, overdue, rate), the
// red list with owners and days overdue, what was closed this week, what falls due before the
// next meeting, and the extension decisions of the week (and those still waiting).
//
// The week is (day − 7, day]. The rate a week before is read from the ledger itself: measures
// finished by then (closed_at) over today's measures.

#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "papers/ledger_view.h"
#include "papers/paper.h"

namespace rectifyd::papers {

struct WeeklyReportInput {
  const LedgerView& ledger;               ///< as of `day`
  LocalDate day{};                        ///< the meeting day the 通报 follows
  std::optional<LocalDate> next_meeting;  ///< nullopt: day + 7
  std::string issuer = "巡察整改工作领导小组办公室";
  /// Extension requests decided in the week or still pending.
  std::vector<Extension> extensions;
};

Paper weekly_report(const WeeklyReportInput& in);

/// Extension requests decided in (day − 7, day] (in the unit's zone) or still pending, oldest
/// first.
Result<std::vector<Extension>> week_extensions(store::Database& db, LocalDate day,
                                               const date::time_zone* zone);

}  // namespace rectifyd::papers
