#pragma once
// What the page benchmarks share: the admin API's request handler on a real database with a
// configuration snapshot (no daemon, no HTTP: the layer above only moves bytes), and the
// percentiles of timed calls.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "admin/request_handler.h"
#include "config/config.h"
#include "store/database.h"
#include "time/clock.h"

namespace rectifyd::bench {

struct Percentiles {
  double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> ms);

/// Calls `f` once to warm up, then `n` times, timing each call in milliseconds.
template <class F>
Percentiles timed(int n, F&& f) {
  using Clock = std::chrono::steady_clock;
  f();
  std::vector<double> t;
  t.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const auto start = Clock::now();
    f();
    t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  return percentiles(std::move(t));
}

/// A request handler over `db` answering with `config` as the configuration in force; writes
/// are kept as they are (no reload, no planner). `scratch_dir` is where previews copy the store.
std::unique_ptr<admin::RequestHandler> api_handler(store::Database& db, const Clock& clock,
                                                   admin::Metrics& metrics, config::Snapshot config,
                                                   const std::string& scratch_dir);

/// The body of a GET answered 200; anything else ends the benchmark with the answer.
std::string fetch_ok(admin::RequestHandler& h, const admin::Request& req, const char* bench);

}  // namespace rectifyd::bench
