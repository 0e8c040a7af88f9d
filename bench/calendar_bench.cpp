// Working-day arithmetic at planner scale: 1,000,000 measures, each asking "is the due date a
// working day", "the date N working days before it" and "working days overdue". The baseline
// is the direct way — walk day by day, looking each day up in an ordered set of listed days —
// measured in the same run; the ratio is what the precomputed table and prefix counts buy.

#include <chrono>
#include <cstdio>
#include <random>
#include <set>
#include <vector>

#include "time/calendar.h"

namespace {

using rectifyd::Calendar;
using rectifyd::LocalDate;

/// The direct implementation the table replaces.
class WalkingCalendar {
 public:
  explicit WalkingCalendar(const Calendar& cal) {
    for (int y = 2018; y <= 2026; ++y) {
      for (const auto& d : cal.published_days(y))
        (d.off ? off_ : on_).insert(d.day);
    }
  }
  bool is_workday(LocalDate d) const {
    if (off_.contains(d))
      return false;
    if (on_.contains(d))
      return true;
    const auto wd = date::weekday{d}.c_encoding();
    return wd != 0 && wd != 6;
  }
  LocalDate add_workdays(LocalDate d, int n) const {
    const date::days step{n >= 0 ? 1 : -1};
    for (int left = n >= 0 ? n : -n; left > 0;) {
      d += step;
      if (is_workday(d))
        --left;
    }
    return d;
  }
  int workdays_between(LocalDate a, LocalDate b) const {
    int n = 0;
    for (LocalDate d = a + date::days{1}; d <= b; d += date::days{1})
      n += is_workday(d) ? 1 : 0;
    return n;
  }

 private:
  std::set<LocalDate> off_;
  std::set<LocalDate> on_;
};

struct Query {
  LocalDate due;
  int lead;
  LocalDate today;
};

template <class Cal>
double run(const Cal& cal, const std::vector<Query>& qs, long& checksum) {
  const auto start = std::chrono::steady_clock::now();
  for (const auto& q : qs) {
    checksum += cal.is_workday(q.due) ? 1 : 0;
    checksum += cal.add_workdays(q.due, -q.lead).time_since_epoch().count();
    checksum += cal.workdays_between(q.due, q.today);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main() {
  constexpr int kMeasures = 1'000'000;
  const Calendar cal = Calendar::with_builtin_holidays();
  const WalkingCalendar walking(cal);

  std::mt19937 rng(42);
  const LocalDate base{date::year{2025} / 1 / 1};
  std::uniform_int_distribution<int> due_day(0, 2 * 365);
  std::uniform_int_distribution<int> lead(1, 10);
  std::uniform_int_distribution<int> late(-30, 60);
  std::vector<Query> qs;
  qs.reserve(kMeasures);
  for (int i = 0; i < kMeasures; ++i) {
    const LocalDate due = base + date::days{due_day(rng)};
    qs.push_back({due, lead(rng), due + date::days{late(rng)}});
  }

  long fast_sum = 0;
  long slow_sum = 0;
  const double fast = run(cal, qs, fast_sum);
  const double slow = run(walking, qs, slow_sum);
  std::printf("calendar_bench: %d measures (is_workday + add_workdays + workdays_between)\n",
              kMeasures);
  std::printf("  baseline (walk day by day, set lookups): %.3f s\n", slow);
  std::printf("  Calendar (table + prefix counts):        %.3f s\n", fast);
  std::printf("  speed-up: %.1fx%s\n", slow / fast,
              fast_sum == slow_sum ? "" : "  (RESULTS DIFFER)");
  return fast_sum == slow_sum ? 0 : 1;
}
