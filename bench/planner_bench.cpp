// planner_bench: the planner on a ledger of 1,000,000 measures and 100,000 people (in memory).
//   (a) a quiet wake, nothing due: the planner works from due-date groups, so it must cost far
//       less than touching every item; the baseline is a full scan that computes each item's
//       working days to its due date, measured in the same run.
//   (b) a working day on which every owner with due or overdue work gets one digest.
// Prints absolute times and ratios. Not a unit test.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/dates.h"
#include "plan/planner.h"
#include "time/calendar.h"
#include "time/zone.h"

using namespace rectifyd;
using namespace std::chrono_literals;

namespace {

constexpr int kMeasures = 1'000'000;
constexpr int kPeople = 100'000;
constexpr int kDueSpanDays = 540;  ///< due dates spread over a year and a half

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

/// Best of `n` timings of f(), in milliseconds.
template <class F>
double best_of(int n, F&& f) {
  double best = 1e300;
  for (int i = 0; i < n; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best, ms_since(t0));
  }
  return best;
}

plan::LedgerView make_ledger(LocalDate first_due) {
  plan::LedgerView v;
  for (Id id = 1; id <= kPeople; ++id) {
    Person p;
    p.id = id;
    p.name = "人员" + std::to_string(id);
    p.email = "p" + std::to_string(id) + "@example.org";
    p.roles.add(id <= 1000 ? Role::leader : Role::owner);
    if (id == 1)
      p.roles.add(Role::chief);
    if (id == 2)
      p.roles.add(Role::office);
    v.people.emplace_hint(v.people.end(), id, std::move(p));
  }
  for (int i = 0; i < kMeasures; ++i) {
    plan::DeadlineItem it;
    it.measure_id = i + 1;
    it.problem_id = i / 10 + 1;
    it.label = "问题" + std::to_string(i / 10 + 1) + " 措施" + std::to_string(i % 10 + 1);
    it.text = "加强乡镇村志编纂指导和审核把关";
    it.owner_id = 1001 + (i % (kPeople - 1000));
    it.leader_id = 1 + (i / 10) % 1000;
    it.due = first_due + date::days{(static_cast<long long>(i) * 7919) % kDueSpanDays};
    it.progress = 40;
    it.planned_progress = 50;
    v.open_by_due[it.due].push_back(std::move(it));
  }
  v.measures_total = kMeasures;
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  // --quiet-only: repeat the quiet wake only (for a profiler).
  const bool quiet_only = argc > 1 && std::string(argv[1]) == "--quiet-only";
  const auto* zone = *find_zone("Asia/Shanghai");
  const Calendar calendar = Calendar::with_builtin_holidays();
  config::Config config;

  std::printf("planner_bench: %d measures, %d people\n", kMeasures, kPeople);
  auto t0 = std::chrono::steady_clock::now();
  // Due dates from 2025-11-03 to 2027-04-27: most of 2026 overdue or coming up.
  plan::LedgerView ledger = make_ledger(*parse_date("2025-11-03"));
  std::printf("  ledger built in %.0f ms (%zu due dates)\n", ms_since(t0),
              ledger.open_by_due.size());

  // (a) A quiet wake: Saturday 2026-05-16 14:00, the last run a minute earlier.
  const Instant quiet = resolve_local(zone, *parse_date("2026-05-16"), 14h);
  plan::ScheduleState quiet_state{{"last_run", format_instant_utc(quiet - 1min)},
                                  {"calendar_warning.week", "2026-W20"}};
  plan::PlanOutput quiet_out;
  const plan::PlanInput quiet_in{config, calendar, zone, ledger, quiet_state, quiet};
  if (quiet_only) {
    const double ms = best_of(2000, [&] { quiet_out = plan::plan(quiet_in); });
    std::printf("quiet wake: %.3f ms\n", ms);
    return 0;
  }
  const double quiet_ms = best_of(20, [&] { quiet_out = plan::plan(quiet_in); });

  const LocalDate today = local_date(zone, quiet);
  long long sink = 0;
  const double scan_ms = best_of(5, [&] {
    for (const auto& [due, items] : ledger.open_by_due) {
      for (const auto& it : items)
        sink += calendar.workdays_between(today, it.due) + it.progress;
    }
  });
  config::Config no_meetings = config;
  no_meetings.meeting.enabled = false;
  const plan::PlanInput deadlines_in{no_meetings, calendar, zone, ledger, quiet_state, quiet};
  const double deadlines_ms = best_of(20, [&] { quiet_out = plan::plan(deadlines_in); });
  quiet_out = plan::plan(quiet_in);
  std::printf("(a) quiet wake: %.3f ms (deadline rules alone %.3f ms), %zu intents, next wake %s\n",
              quiet_ms, deadlines_ms, quiet_out.intents.size(),
              quiet_out.next_wake ? format_instant(*quiet_out.next_wake, zone).c_str() : "none");
  // The same on a working day's afternoon (Tuesday 2026-05-19 14:00), after the 09:00 run.
  const Instant weekday = resolve_local(zone, *parse_date("2026-05-19"), 14h);
  plan::ScheduleState weekday_state{{"last_run", format_instant_utc(weekday - 1min)},
                                    {"calendar_warning.week", "2026-W21"}};
  const plan::PlanInput weekday_in{config, calendar, zone, ledger, weekday_state, weekday};
  plan::PlanOutput weekday_out;
  const double weekday_ms = best_of(20, [&] { weekday_out = plan::plan(weekday_in); });
  std::printf(
      "    quiet wake on a working day: %.3f ms, %zu intents, next wake %s\n", weekday_ms,
      weekday_out.intents.size(),
      weekday_out.next_wake ? format_instant(*weekday_out.next_wake, zone).c_str() : "none");
  std::printf("    full scan of every item (baseline): %.1f ms (checksum %lld)\n", scan_ms, sink);
  std::printf(
      "    ratio full scan / quiet wake: %.0fx (deadline rules alone %.0fx)   "
      "target: quiet wake <= 1 ms: %s\n",
      scan_ms / quiet_ms, scan_ms / deadlines_ms,
      std::max(quiet_ms, weekday_ms) <= 1.0 ? "met" : "NOT met");

  // (b) Friday 2026-05-22 09:00: reminders, overdue alerts and escalations for everyone.
  const Instant friday = resolve_local(zone, *parse_date("2026-05-22"), 9h);
  plan::ScheduleState friday_state{{"last_run", format_instant_utc(friday - 1min)},
                                   {"calendar_warning.week", "2026-W21"}};
  const plan::PlanInput friday_in{config, calendar, zone, ledger, friday_state, friday};
  plan::PlanOutput friday_out;
  const double friday_ms = best_of(2, [&] { friday_out = plan::plan(friday_in); });
  std::size_t items = 0;
  std::size_t bytes = 0;
  for (const auto& i : friday_out.intents) {
    items += i.message.items.size();
    bytes += i.message.text.size();
  }
  std::printf("(b) Friday digests: %.0f ms for %zu messages naming %zu items (%.1f MB of text)\n",
              friday_ms, friday_out.intents.size(), items, static_cast<double>(bytes) / 1e6);
  std::printf(
      "    per message: %.1f us; ratio Friday / full scan: %.1fx   target <= 5 s: %s\n",
      friday_ms * 1000.0 / static_cast<double>(std::max<std::size_t>(1, friday_out.intents.size())),
      friday_ms / scan_ms, friday_ms <= 5000.0 ? "met" : "NOT met");

  // (c) The quiet wakes again with 1,000 owners in Europe/Berlin: the planner follows a second
  //     clock for them.
  for (Id id = 1001; id <= 2000; ++id)
    ledger.people.at(id).time_zone = "Europe/Berlin";
  ledger.person_zones = plan::person_zones_of(ledger.people);
  const double zoned_ms = best_of(20, [&] { quiet_out = plan::plan(quiet_in); });
  const double zoned_weekday_ms = best_of(20, [&] { weekday_out = plan::plan(weekday_in); });
  std::printf(
      "(c) with 1000 owners in Europe/Berlin: quiet wake %.3f ms, on a working day %.3f ms "
      "(next wake %s); ratio full scan / quiet wake: %.0fx   target <= 1 ms: %s\n",
      zoned_ms, zoned_weekday_ms,
      weekday_out.next_wake ? format_instant(*weekday_out.next_wake, zone).c_str() : "none",
      scan_ms / std::max(zoned_ms, zoned_weekday_ms),
      std::max(zoned_ms, zoned_weekday_ms) <= 1.0 ? "met" : "NOT met");
  return 0;
}
