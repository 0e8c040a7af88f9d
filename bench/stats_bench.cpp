// stats on a 1,000,000-measure ledger: the report's counts must come back in ≤ 300 ms.
// Prints the time of compute_stats against baselines measured in the same run: a plain
// `SELECT count(*) FROM measures` and a full scan summing one column.
//
// Usage: stats_bench [database-file]   (default: next to the binary; generated once, reused)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"
#include "ledger/ledger_store.h"
#include "ledger/stats.h"
#include "store/database.h"

namespace {

using namespace rectifyd;
using Clock = std::chrono::steady_clock;

constexpr int kMeasures = 1'000'000;
constexpr int kCategories = 10;
constexpr int kProblemsPerCategory = 200;
constexpr int kPeople = 200;

std::int64_t count_measures(store::Database& db) {
  return db.sql().execAndGet("SELECT count(*) FROM measures").getInt64();
}

void generate(store::Database& db) {
  db.write([&] {
    db.sql().exec("INSERT INTO rounds(name, feedback_date) VALUES ('基准测试巡察', '2026-01-10')");
    SQLite::Statement person(db.sql(), "INSERT INTO people(name, roles) VALUES (?, ?)");
    for (int i = 1; i <= kPeople; ++i) {
      person.bind(1, "人员" + std::to_string(i));
      person.bind(2, i % 10 == 0 ? "leader,owner" : "owner");
      person.exec();
      person.reset();
    }
    SQLite::Statement cat(db.sql(),
                          "INSERT INTO categories(round_id, ordinal, title) VALUES (1, ?, ?)");
    SQLite::Statement prob(
        db.sql(),
        "INSERT INTO problems(category_id, number, title, leader_id) VALUES (?, ?, ?, ?)");
    int number = 0;
    for (int c = 1; c <= kCategories; ++c) {
      cat.bind(1, c);
      cat.bind(2, "第" + std::to_string(c) + "方面");
      cat.exec();
      cat.reset();
      for (int p = 0; p < kProblemsPerCategory; ++p) {
        ++number;
        prob.bind(1, c);
        prob.bind(2, number);
        prob.bind(3, "问题" + std::to_string(number));
        prob.bind(4, (number % (kPeople / 10) + 1) * 10);
        prob.exec();
        prob.reset();
      }
    }
    const int problems = kCategories * kProblemsPerCategory;
    const char* statuses[] = {"open",   "in_progress", "done_reported",
                              "closed", "ongoing",     "not_applicable"};
    SQLite::Statement m(db.sql(),
                        "INSERT INTO measures(problem_id, ordinal, text, owner_id, due, status, "
                        "progress, talks, regulations, funds_returned_fen) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?)");
    auto first_due = *parse_date("2026-01-15");
    std::uint64_t x = 88172645463325252ull;  // xorshift: the same ledger on every machine
    for (int i = 0; i < kMeasures; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      int problem = i / (kMeasures / problems) + 1;
      int status = static_cast<int>(x % 10);  // 40% closed, the rest spread
      status = status < 4 ? 3 : status - 4;
      m.bind(1, problem);
      m.bind(2, i % (kMeasures / problems) + 1);
      m.bind(3, "整改措施 " + std::to_string(i + 1) + "：完善制度，加强监督检查");
      m.bind(4, static_cast<int>((x >> 8) % kPeople) + 1);
      m.bind(5, format_date(first_due + date::days{static_cast<int>((x >> 16) % 365)}));
      m.bind(6, statuses[status]);
      m.bind(7, static_cast<int>((x >> 24) % 101));
      m.bind(8, static_cast<int>((x >> 32) % 3));
      m.bind(9, static_cast<int>((x >> 36) % 2));
      m.bind(10, static_cast<int64_t>((x >> 40) % 100000));
      m.exec();
      m.reset();
    }
  });
  db.sql().exec("ANALYZE");
}

/// Median of `runs` timed calls (after one warm-up call), in milliseconds.
double median_ms(int runs, const std::function<void()>& f) {
  f();
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    f();
    t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string path =
      argc > 1 ? argv[1]
               : (std::filesystem::path(argv[0]).parent_path() / "stats_bench.db").string();
  auto db = store::Database::open(path);
  if (!db) {
    std::fprintf(stderr, "stats_bench: %s\n", db.error().message.c_str());
    return 1;
  }
  if (count_measures(**db) != kMeasures) {
    if (count_measures(**db) != 0) {
      std::fprintf(stderr, "stats_bench: %s holds another ledger; remove it first\n", path.c_str());
      return 1;
    }
    auto start = Clock::now();
    generate(**db);
    std::printf("generated %d measures in %.1f s: %s\n", kMeasures,
                std::chrono::duration<double>(Clock::now() - start).count(), path.c_str());
  } else {
    std::printf("reusing %s\n", path.c_str());
  }

  auto today = *parse_date("2026-07-01");
  std::int64_t sink = 0;
  double count_ms = median_ms(5, [&] { sink += count_measures(**db); });
  double scan_ms = median_ms(
      5, [&] { sink += (*db)->sql().execAndGet("SELECT sum(progress) FROM measures").getInt64(); });
  ledger::LedgerStats last;
  double stats_ms = median_ms(5, [&] {
    auto s = ledger::compute_stats(**db, today);
    if (!s) {
      std::fprintf(stderr, "stats_bench: %s\n", s.error().message.c_str());
      std::exit(1);
    }
    last = std::move(*s);
  });
  ledger::LedgerStore store(**db);
  double open_ms = median_ms(
      3, [&] { sink += static_cast<std::int64_t>(store.load_open_work()->measures.size()); });

  std::printf("measures %lld, closed %lld, open %lld, overdue %lld, completion %.1f%%\n",
              static_cast<long long>(last.overall.measures),
              static_cast<long long>(last.overall.closed),
              static_cast<long long>(last.overall.open),
              static_cast<long long>(last.overall.overdue), last.overall.completion_rate() * 100.0);
  std::printf("baseline count(*):        %8.1f ms\n", count_ms);
  std::printf("baseline full scan sum(): %8.1f ms\n", scan_ms);
  std::printf(
      "compute_stats:            %8.1f ms  (%.2fx count(*), %.2fx full scan; target "
      "<= 300 ms: %s)\n",
      stats_ms, stats_ms / count_ms, stats_ms / scan_ms, stats_ms <= 300.0 ? "met" : "MISSED");
  std::printf("load_open_work:           %8.1f ms\n", open_ms);
  return sink == 42 ? 2 : 0;
}
