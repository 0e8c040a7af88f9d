// The office's console on a ledger of 100,000 measures: the overview and a filtered ledger page
// are to be served in ≤ 50 ms each at the 99th percentile. A page is what the browser asks the
// API for to show it (the overview's requests, one after the other, as overview.js sends them;
// the ledger page's one request). The baseline measured in the same run is a plain SELECT of
// the same rows straight from SQLite. Also each page's transferred size on first load (HTML,
// CSS and scripts, gzip as the server sends them to a browser that accepts it).
//
// Usage: console_bench [requests]   (default 300)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "admin/request_handler.h"
#include "api_host.h"
#include "big_ledger.h"
#include "config/config_load.h"
#include "core/dates.h"
#include "store/database.h"
#include "time/clock.h"

namespace {

using namespace rectifyd;
using bench::Percentiles;
using bench::timed;
using SteadyClock = std::chrono::steady_clock;

constexpr int kMeasures = 100'000;
constexpr const char* kToken = "console-bench-token-0123456789abcdef";

admin::Request get(const std::string& target, bool gzip = false) {
  admin::Request r{admin::http::verb::get, target, 11};
  r.set(admin::http::field::authorization, std::string("Bearer ") + kToken);
  if (gzip)
    r.set(admin::http::field::accept_encoding, "gzip, deflate, br");
  return r;
}

std::size_t fetch(admin::RequestHandler& h, const admin::Request& req) {
  return bench::fetch_ok(h, req, "console_bench").size();
}

/// The rows a filtered ledger page shows, read straight from SQLite.
std::size_t plain_select(store::Database& db, const std::string& where, int limit) {
  SQLite::Statement q(db.sql(),
                      "SELECT m.id, m.ordinal, m.text, m.status, m.progress, m.due, m.owner_id, "
                      "o.name, p.number, p.title, l.name, c.title FROM measures m "
                      "JOIN problems p ON p.id = m.problem_id "
                      "JOIN categories c ON c.id = p.category_id "
                      "LEFT JOIN people o ON o.id = m.owner_id "
                      "LEFT JOIN people l ON l.id = p.leader_id WHERE " +
                          where + " ORDER BY m.due, m.id LIMIT " + std::to_string(limit));
  std::size_t n = 0;
  while (q.executeStep())
    n += q.getColumn(2).getString().size();
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  const int requests = argc > 1 ? std::atoi(argv[1]) : 300;
  const auto dir = std::filesystem::temp_directory_path() / "console_bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = store::Database::open((dir / "rectifyd.db").string());
  if (!db) {
    std::fprintf(stderr, "console_bench: %s\n", db.error().message.c_str());
    return 1;
  }
  auto start = SteadyClock::now();
  bench::generate_big_ledger(**db, kMeasures);
  std::printf("generated %d measures in %.1f s\n", kMeasures,
              std::chrono::duration<double>(SteadyClock::now() - start).count());

  ManualClock clock{*parse_instant("2026-06-15T01:00:00Z")};
  auto cfg = std::make_shared<config::Config>(config::default_config());
  cfg->admin.token = config::Secret{kToken, "bench"};
  admin::Metrics metrics;
  auto api = bench::api_handler(**db, clock, metrics, cfg, dir.string());
  admin::RequestHandler& handler = *api;

  // The overview: what overview.js asks for, in order.
  const std::vector<std::string> overview = {
      "/api/v1/stats?per_problem=false&breakdown=true",
      "/api/v1/measures?colour=red&limit=50",
      "/api/v1/measures?colour=yellow&limit=50",
      "/api/v1/meetings?weeks=8&limit=1",
      "/api/v1/stats/trend",
  };
  // The ledger filtered to red items, the first page (ledger.js: 20 rows).
  const std::string ledger = "/api/v1/measures?colour=red&limit=20&offset=0";

  std::size_t overview_bytes = 0;
  const Percentiles ov = timed(requests, [&] {
    overview_bytes = 0;
    for (const auto& t : overview)
      overview_bytes += fetch(handler, get(t));
  });
  std::size_t ledger_bytes = 0;
  const Percentiles lp = timed(requests, [&] { ledger_bytes = fetch(handler, get(ledger)); });

  // Baselines: the same rows straight from SQLite (red: overdue and not closed).
  const std::string open = "m.status IN ('open','in_progress','done_reported')";
  const std::string today = "'2026-06-15'";
  const Percentiles base_ov = timed(requests, [&] {
    plain_select(**db, open + " AND m.due < " + today, 50);
    plain_select(**db, open + " AND m.due >= " + today + " AND m.due < '2026-06-22'", 50);
    plain_select(**db, open + " AND m.due >= '2026-06-22'", 1);
  });
  const Percentiles base_lp =
      timed(requests, [&] { plain_select(**db, open + " AND m.due < " + today, 20); });

  std::printf("overview (%zu requests, %zu bytes of JSON): p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
              overview.size(), overview_bytes, ov.p50, ov.p99, ov.max);
  std::printf("  baseline, plain SELECTs of its rows:        p50 %.2f ms  p99 %.2f ms  (%.1fx)\n",
              base_ov.p50, base_ov.p99, ov.p99 / base_ov.p99);
  for (const auto& t : overview) {
    std::size_t bytes = 0;
    const Percentiles one =
        timed(std::max(10, requests / 5), [&] { bytes = fetch(handler, get(t)); });
    std::printf("  %-44s p50 %8.2f ms  p99 %8.2f ms  (%zu bytes)\n", t.c_str(), one.p50, one.p99,
                bytes);
  }
  std::printf("ledger page, red, 20 rows (%zu bytes):     p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
              ledger_bytes, lp.p50, lp.p99, lp.max);
  std::printf("  baseline, plain SELECT of its rows:         p50 %.2f ms  p99 %.2f ms  (%.1fx)\n",
              base_lp.p50, base_lp.p99, lp.p99 / base_lp.p99);

  // First load: the page and every stylesheet and script it names.
  auto page = handler.handle(get("/"), "127.0.0.1");
  const std::string html = page.body();
  std::size_t plain = html.size();
  std::size_t gz = handler.handle(get("/", true), "127.0.0.1").body().size();
  std::regex ref(R"re((?:src|href)="(/[^"]+\.(?:js|css))")re");
  int files = 1;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), ref); it != std::sregex_iterator();
       ++it) {
    const std::string path = (*it)[1];
    plain += fetch(handler, get(path));
    gz += fetch(handler, get(path, true));
    ++files;
  }
  std::printf(
      "first load: %d files, %zu bytes (%.0f KB), %zu bytes gzip (%.0f KB); "
      "target <= 300 KB: %s\n",
      files, plain, static_cast<double>(plain) / 1024, gz, static_cast<double>(gz) / 1024,
      gz <= 300 * 1024 ? "met" : "MISSED");
  const bool met = ov.p99 <= 50.0 && lp.p99 <= 50.0 && gz <= 300 * 1024;
  std::printf("target p99 <= 50 ms for each page: %s\n",
              ov.p99 <= 50.0 && lp.p99 <= 50.0 ? "met" : "MISSED");
  std::filesystem::remove_all(dir);
  return met ? 0 : 2;
}
