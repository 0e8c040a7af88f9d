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

#include "big_ledger.h"
#include "core/dates.h"
#include "ledger/stats.h"
#include "store/database.h"
#include "store/ledger_store.h"
#include "store/stats_queries.h"

namespace {

using namespace rectifyd;
using Clock = std::chrono::steady_clock;

constexpr int kMeasures = bench::kBigLedgerMeasures;

std::int64_t count_measures(store::Database& db) {
  return db.sql().execAndGet("SELECT count(*) FROM measures").getInt64();
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
    bench::generate_big_ledger(**db);
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
    auto s = store::compute_stats(**db, today);
    if (!s) {
      std::fprintf(stderr, "stats_bench: %s\n", s.error().message.c_str());
      std::exit(1);
    }
    last = std::move(*s);
  });
  store::LedgerStore store(**db);
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
