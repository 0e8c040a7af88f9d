// engine_bench: a planner engine run after one edit, on a real SQLite ledger of 1,000,000
// measures and 100,000 people. The engine keeps the ledger view between runs and re-reads only
// the measure the edit changed; the baseline, measured in the same run, is the whole read of the
// ledger view that every run did before. Target: a run after one measure changed ≤ 10 ms.
//   (a) a quiet afternoon (Saturday): the edit is a progress report (office::record_progress,
//       whose reported change the engine is told, as in rectifyd);
//   (b) a working-day afternoon, the edit moves the measure's due date to today, so the planner
//       walks today's group with the changed measure in it.
// Each run is timed whole (begin to commit) and split into reading (the patch and the schedule
// state), planning and writing.
//
// Usage: engine_bench [database-file]   (default: next to the binary; generated once, reused)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "app/planner_hook.h"
#include "config/config.h"
#include "core/dates.h"
#include "engine/engine.h"
#include "office/measures.h"
#include "store/calendar_days.h"
#include "store/database.h"
#include "store/ledger_view_reader.h"
#include "time/calendar.h"
#include "time/clock.h"
#include "time/zone.h"

namespace {

using namespace rectifyd;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr int kMeasures = 1'000'000;
constexpr int kPeople = 100'000;
constexpr int kMeasuresPerProblem = 10;
constexpr int kProblems = kMeasures / kMeasuresPerProblem;
constexpr int kCategories = 100;
constexpr int kRecurrences = 10'000;
constexpr int kDueSpanDays = 540;  ///< as planner_bench: due dates over a year and a half

double ms(SteadyClock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}
double ms(std::chrono::microseconds d) {
  return static_cast<double>(d.count()) / 1000.0;
}

std::int64_t count_measures(store::Database& db) {
  return db.sql().execAndGet("SELECT count(*) FROM measures").getInt64();
}

void generate(store::Database& db) {
  db.write([&] {
    db.sql().exec("INSERT INTO rounds(name, feedback_date) VALUES ('基准测试巡察', '2025-10-10')");
    SQLite::Statement person(db.sql(),
                             "INSERT INTO people(id, name, email, roles) VALUES (?, ?, ?, ?)");
    for (int id = 1; id <= kPeople; ++id) {
      person.bind(1, id);
      person.bind(2, "人员" + std::to_string(id));
      person.bind(3, "p" + std::to_string(id) + "@example.org");
      person.bind(4, id == 1      ? "chief,leader"
                     : id == 2    ? "office"
                     : id <= 1000 ? "leader,owner"
                                  : "owner");
      person.exec();
      person.reset();
    }
    SQLite::Statement cat(
        db.sql(), "INSERT INTO categories(id, round_id, ordinal, title) VALUES (?, 1, ?, ?)");
    for (int c = 1; c <= kCategories; ++c) {
      cat.bind(1, c);
      cat.bind(2, c);
      cat.bind(3, "第" + std::to_string(c) + "方面");
      cat.exec();
      cat.reset();
    }
    SQLite::Statement prob(db.sql(),
                           "INSERT INTO problems(id, category_id, number, title, leader_id) "
                           "VALUES (?, ?, ?, ?, ?)");
    for (int p = 1; p <= kProblems; ++p) {
      prob.bind(1, p);
      prob.bind(2, (p - 1) % kCategories + 1);
      prob.bind(3, p);
      prob.bind(4, "问题" + std::to_string(p));
      prob.bind(5, 1 + (p - 1) % 1000);
      prob.exec();
      prob.reset();
    }
    // 70 % open work (open, in progress, reported done), 20 % closed (a tenth of those within the
    // last five weeks of the runs below), 10 % ongoing or not applicable.
    const char* statuses[] = {"open", "open",   "open",   "in_progress",   "in_progress",
                              "open", "closed", "closed", "done_reported", "ongoing"};
    SQLite::Statement m(
        db.sql(),
        "INSERT INTO measures(id, problem_id, ordinal, text, owner_id, due, status, "
        "progress, planned_progress, closed_at) VALUES (?,?,?,?,?,?,?,?,?,?)");
    const LocalDate first_due = *parse_date("2025-11-03");
    std::uint64_t x = 88172645463325252ull;  // xorshift: the same ledger on every machine
    for (int i = 0; i < kMeasures; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      const std::string status = statuses[x % 10];
      m.bind(1, i + 1);
      m.bind(2, i / kMeasuresPerProblem + 1);
      m.bind(3, i % kMeasuresPerProblem + 1);
      m.bind(4, "加强乡镇村志编纂指导和审核把关（" + std::to_string(i + 1) + "）");
      m.bind(5, 1001 + i % (kPeople - 1000));
      m.bind(6, format_date(first_due +
                            date::days{(static_cast<long long>(i) * 7919) % kDueSpanDays}));
      m.bind(7, status);
      m.bind(8, static_cast<int>((x >> 8) % 101));
      m.bind(9, 50);
      if (status == "closed") {
        // Closed between 2025-12 and 2026-05-15: the last five weeks hold about a tenth.
        const Instant at = *parse_instant("2025-12-01T02:00:00Z") +
                           std::chrono::minutes{static_cast<long long>((x >> 20) % (165 * 1440))};
        m.bind(10, format_instant_utc(at));
      } else {
        m.bind(10);
      }
      m.exec();
      m.reset();
    }
    SQLite::Statement r(db.sql(),
                        "INSERT INTO recurrences(measure_id, rule, lead_days, title) "
                        "VALUES (?, 'monthly:last_workday', 3, '月度工作台账')");
    for (int i = 0; i < kRecurrences; ++i) {
      r.bind(1, 1 + i * (kMeasures / kRecurrences));
      r.exec();
      r.reset();
    }
  });
  db.sql().exec("ANALYZE");
}

/// Median of the values (sorted in place).
double median(std::vector<double>& v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Figures {
  std::vector<double> total, load, plan, write;
  std::size_t rows = 0;
  std::size_t full_reads = 0;
};

void print(const char* what, Figures& f, double baseline_ms) {
  const double total_max = *std::max_element(f.total.begin(), f.total.end());
  const double total = median(f.total);
  std::printf(
      "%s: median %.3f ms, max %.3f ms over %zu runs (%zu read whole); read %.3f ms, plan "
      "%.3f ms, write %.3f ms; %zu rows re-read\n",
      what, total, total_max, f.total.size(), f.full_reads, median(f.load), median(f.plan),
      median(f.write), f.rows);
  std::printf("    ratio whole read / run after one edit: %.0fx   target <= 10 ms: %s\n",
              baseline_ms / total, total_max <= 10.0 ? "met" : "NOT met");
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path =
      argc > 1 ? argv[1]
               : (std::filesystem::path(argv[0]).parent_path() / "engine_bench.db").string();
  auto opened = store::Database::open(path);
  if (!opened) {
    std::fprintf(stderr, "engine_bench: %s\n", opened.error().message.c_str());
    return 1;
  }
  store::Database& db = **opened;
  if (count_measures(db) != kMeasures) {
    if (count_measures(db) != 0) {
      std::fprintf(stderr, "engine_bench: %s holds another ledger; remove it first\n",
                   path.c_str());
      return 1;
    }
    const auto t0 = SteadyClock::now();
    generate(db);
    std::printf("generated %d measures, %d people in %.1f s: %s\n", kMeasures, kPeople,
                ms(SteadyClock::now() - t0) / 1000.0, path.c_str());
  } else {
    std::printf("reusing %s\n", path.c_str());
  }
  // Each run of the benchmark starts from the same schedule state and outbox.
  db.sql().exec("DELETE FROM schedule_state; DELETE FROM outbox;");

  const auto* zone = *find_zone("Asia/Shanghai");
  config::Config config;
  const Calendar calendar = Calendar::with_builtin_holidays();
  const Instant saturday = resolve_local(zone, *parse_date("2026-05-16"), 14h);
  const Instant tuesday = resolve_local(zone, *parse_date("2026-05-19"), 14h);

  // The baseline: the whole ledger view, as every run read it before.
  std::vector<double> whole;
  std::size_t open_items = 0;
  for (int i = 0; i < 3; ++i) {
    const auto t0 = SteadyClock::now();
    db.write([&] {
      const plan::LedgerView v = store::read_ledger_view(db, saturday);
      open_items = 0;
      for (const auto& [due, items] : v.open_by_due)
        open_items += items.size();
    });
    whole.push_back(ms(SteadyClock::now() - t0));
  }
  const double whole_ms = median(whole);
  std::printf("whole read of the ledger view (baseline): %.1f ms (median of 3; %zu open items)\n",
              whole_ms, open_items);

  // The engine's first run reads whole too, and the indexes it keeps for patching.
  engine::Engine engine(db);
  auto t0 = SteadyClock::now();
  auto first = engine.run(config, calendar, saturday - 1min);
  if (!first) {
    std::fprintf(stderr, "engine_bench: %s\n", first.error().message.c_str());
    return 1;
  }
  std::printf("engine's first run (reads whole): %.1f ms (read %.1f ms, plan %.3f ms)\n",
              ms(SteadyClock::now() - t0), ms(first->load_time), ms(first->plan_time));

  // The daemon's plan hook also loads the working-day calendar on every run.
  t0 = SteadyClock::now();
  for (int i = 0; i < 100; ++i)
    (void)try_load_calendar(db, config.calendar);
  std::printf("    the plan hook's calendar load: %.3f ms per run\n",
              ms(SteadyClock::now() - t0) / 100.0);

  ManualClock clock(saturday);
  const config::Snapshot snapshot = std::make_shared<const config::Config>(config);
  office::Office office(
      db, clock, [&] { return snapshot; },
      [&](const office::Change& c) { engine.note_change(app::ledger_change_of(c)); });
  const office::Actor actor{"办公室"};
  std::uint64_t x = 2463534242ull;
  auto pick_open = [&] {
    // An open measure: statuses repeat with the generator, so try until one is.
    for (;;) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      const Id id = static_cast<Id>(x % kMeasures) + 1;
      SQLite::Statement st(db.sql(), "SELECT status FROM measures WHERE id = ?");
      st.bind(1, id);
      if (st.executeStep() && st.getColumn(0).getString() == "open")
        return id;
    }
  };
  auto record = [&](Figures& f, const Result<engine::EngineRun>& r, SteadyClock::duration took) {
    if (!r) {
      std::fprintf(stderr, "engine_bench: %s\n", r.error().message.c_str());
      std::exit(1);
    }
    f.total.push_back(ms(took));
    f.load.push_back(ms(r->load_time));
    f.plan.push_back(ms(r->plan_time));
    f.write.push_back(ms(r->write_time));
    f.rows += r->rows_read;
    f.full_reads += r->full_read ? 1 : 0;
  };

  // (a) Saturday afternoon, a minute apart: one progress report before each run.
  Figures quiet;
  Instant now = saturday;
  for (int i = 0; i < 200; ++i) {
    now += 1min;
    clock.set(now);
    const Id id = pick_open();
    auto edited = office::record_progress(office, actor, id, 60, "已完成初稿");
    if (!edited) {
      std::fprintf(stderr, "engine_bench: %s\n", edited.error().message.c_str());
      return 1;
    }
    t0 = SteadyClock::now();
    auto r = engine.run(config, calendar, now);
    record(quiet, r, SteadyClock::now() - t0);
  }
  print("(a) run after one progress report, Saturday", quiet, whole_ms);

  // (b) Tuesday afternoon: the edit moves the measure's due date to today.
  // The runs in between are taken as done (their Monday and Tuesday morning digests are
  // planner_bench's Friday case): the last run was a minute ago.
  db.write([&] {
    SQLite::Statement st(db.sql(), "UPDATE schedule_state SET value = ? WHERE key = 'last_run'");
    st.bind(1, format_instant_utc(tuesday - 1min));
    st.exec();
  });
  Figures due_today;
  now = tuesday;
  const LocalDate today = local_date(zone, tuesday);
  for (int i = 0; i < 200; ++i) {
    now += 1min;
    clock.set(now);
    const Id id = pick_open();
    auto edited = office::set_due(office, actor, id, today);
    if (!edited) {
      std::fprintf(stderr, "engine_bench: %s\n", edited.error().message.c_str());
      return 1;
    }
    t0 = SteadyClock::now();
    auto r = engine.run(config, calendar, now);
    record(due_today, r, SteadyClock::now() - t0);
  }
  print("(b) run after a due date moved to today, Tuesday", due_today, whole_ms);
  std::printf("    today's group now holds %zu items\n",
              engine.ledger_view().open_by_due.count(today)
                  ? engine.ledger_view().open_by_due.at(today).size()
                  : 0u);

  // The kept view is the one a whole read gives.
  bool equal = false;
  db.write([&] { equal = engine.ledger_view() == store::read_ledger_view(db, now); });
  std::printf("kept view equals a whole read after %zu edits: %s\n",
              quiet.total.size() + due_today.total.size(), equal ? "yes" : "NO");
  return equal ? 0 : 1;
}
