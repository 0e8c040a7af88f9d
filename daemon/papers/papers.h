#pragma once
// What the front ends (rectifyctl, the admin API, the console) call to make a paper: each
// function reads the store and the configuration, builds the paper and gives it as a file or
// as bytes. The pieces are in the files beside this one.

#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "config/config.h"
#include "core/result.h"
#include "ledger/stats.h"
#include "papers/final_report.h"
#include "papers/ledger_view.h"
#include "papers/paper.h"
#include "papers/tally.h"
#include "papers/weekly_report.h"
#include "store/database.h"

namespace rectifyd::papers {

struct PaperContext {
  store::Database& db;
  const config::Config& config;
  Instant now{};
  LocalDate today{};  ///< in the unit's zone
  const date::time_zone* zone = nullptr;
};

/// Colours as of `day` with the configured yellow window and the unit's calendar.
ViewOptions view_options(const PaperContext& ctx, LocalDate day);

struct FinalReportOptions {
  std::string inspection_group;
  std::string inspection_period;
  std::string authority;
};

Result<Paper> make_final_report(const PaperContext& ctx, const FinalReportOptions& options);
/// The 通报 for the meeting on `day` (the next meeting after it from the schedule).
Result<Paper> make_weekly_report(const PaperContext& ctx, LocalDate day);

/// The figures the console's 总览 states: 办结率 and 按期办结率 overall, per category and per
/// responsible leader, and 办结率 as it stood on the day of the last meeting held (from the
/// figures kept each day), to say what changed since.
struct Breakdown {
  Tally overall;
  std::vector<NamedTally> by_category;
  std::vector<NamedTally> by_leader;
  std::optional<LocalDate> last_meeting;
  std::optional<double> rate_at_last_meeting;  ///< that day's kept 办结率, when it was kept
};
Result<Breakdown> make_breakdown(const PaperContext& ctx);
/// The same from stats already computed (compute_stats on ctx.db as of ctx.today).
Result<Breakdown> make_breakdown(const PaperContext& ctx, const ledger::LedgerStats& stats);

}  // namespace rectifyd::papers
