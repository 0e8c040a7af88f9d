#include "papers/papers.h"

#include <unordered_map>

#include "core/dates.h"
#include "ledger/stats.h"
#include "papers/meetings_held.h"
#include "plan/meetings.h"
#include "store/calendar_days.h"
#include "store/daily_stats.h"
#include "store/ledger_store.h"
#include "store/meeting_overrides.h"
#include "store/stats_queries.h"
#include "time/calendar_import.h"

namespace rectifyd::papers {
namespace {

Calendar calendar_of(const PaperContext& ctx) {
  auto c = try_load_calendar(ctx.db, ctx.config.calendar);
  return c ? std::move(*c) : Calendar::with_builtin_holidays();
}

}  // namespace

ViewOptions view_options(const PaperContext& ctx, LocalDate day) {
  ViewOptions o;
  o.colouring.today = day;
  o.colouring.yellow_within_workdays = ctx.config.deadlines.yellow_within_workdays;
  o.colouring.calendar = calendar_of(ctx);
  o.zone = ctx.zone;
  return o;
}

Result<Paper> make_final_report(const PaperContext& ctx, const FinalReportOptions& options) {
  auto view = load_ledger_view(ctx.db, view_options(ctx, ctx.today));
  if (!view)
    return view.error();
  FinalReportInput in{
      *view, ctx.today, options.inspection_group, options.inspection_period, options.authority, {}};
  if (view->round && view->round->feedback_date) {
    auto held = meetings_held(ctx.db, ctx.config.meeting, calendar_of(ctx), ctx.zone,
                              *view->round->feedback_date, ctx.today, ctx.now);
    if (!held)
      return held.error();
    in.meetings_held = std::move(*held);
  }
  return final_report(in);
}

Result<Paper> make_weekly_report(const PaperContext& ctx, LocalDate day) {
  auto view = load_ledger_view(ctx.db, view_options(ctx, day));
  if (!view)
    return view.error();
  auto extensions = week_extensions(ctx.db, day, ctx.zone);
  if (!extensions)
    return extensions.error();
  WeeklyReportInput in{*view, day, std::nullopt, ctx.config.unit.name, std::move(*extensions)};
  // The next meeting from the schedule, with the office's changes.
  auto overrides = store::load_meeting_overrides(ctx.db);
  if (overrides && ctx.config.meeting.enabled) {
    for (const auto& o :
         plan::meeting_occurrences(ctx.config.meeting, calendar_of(ctx), ctx.zone, *overrides,
                                   day + date::days{1}, day + date::days{35})) {
      if (!o.cancelled && o.day > day) {
        in.next_meeting = o.day;
        break;
      }
    }
  }
  return weekly_report(in);
}

Result<Breakdown> make_breakdown(const PaperContext& ctx) {
  // From the counts the store keeps per problem (never a read of every measure), for the round
  // the papers report on: categories in plan order, leaders in order of first appearance.
  if (auto dated = store::LedgerStore(ctx.db).date_closings(ctx.zone); !dated)
    return dated.error();
  auto computed = store::compute_stats(ctx.db, ctx.today);
  if (!computed)
    return computed.error();
  return make_breakdown(ctx, *computed);
}

Result<Breakdown> make_breakdown(const PaperContext& ctx, const ledger::LedgerStats& counted) {
  const ledger::LedgerStats* stats = &counted;
  Breakdown b;
  std::unordered_map<Id, std::size_t> category_index;
  for (const auto& c : stats->per_category) {
    if (c.category.round_id != stats->latest_round)
      continue;
    category_index.emplace(c.category.id, b.by_category.size());
    b.by_category.push_back(NamedTally{c.category.title, {}});
  }
  std::unordered_map<std::string, std::size_t> leader_index;
  for (const auto& p : stats->per_problem) {
    auto cat = category_index.find(p.problem.category_id);
    if (cat == category_index.end())
      continue;
    std::string leader = "未指定";
    if (p.problem.leader_id) {
      if (auto it = stats->leader_names.find(*p.problem.leader_id);
          it != stats->leader_names.end() && !it->second.empty())
        leader = it->second;
    }
    auto [l, fresh] = leader_index.try_emplace(leader, b.by_leader.size());
    if (fresh)
      b.by_leader.push_back(NamedTally{leader, {}});
    b.overall.add(p.counts);
    b.by_category[cat->second].tally.add(p.counts);
    b.by_leader[l->second].tally.add(p.counts);
  }
  LocalDate since = ctx.today - date::days{366};
  if (auto rounds = store::LedgerStore(ctx.db).rounds(); rounds && !rounds->empty()) {
    if (const Round& r = rounds->back(); r.id == stats->latest_round && r.feedback_date)
      since = *r.feedback_date;
  }
  // Held before today: today's meeting, if any, is not yet "the last one".
  auto held = meetings_held(ctx.db, ctx.config.meeting, calendar_of(ctx), ctx.zone, since,
                            ctx.today - date::days{1}, ctx.now);
  if (!held)
    return held.error();
  if (held->empty())
    return b;
  b.last_meeting = held->back();
  const std::string day = format_date(*b.last_meeting);
  auto kept = store::DailyStats(ctx.db).since(day);
  if (!kept)
    return kept.error();
  if (!kept->empty() && kept->front().day == day)
    b.rate_at_last_meeting = kept->front().completion_rate;
  return b;
}

}  // namespace rectifyd::papers
