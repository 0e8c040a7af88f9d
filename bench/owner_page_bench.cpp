// The owner's page on a ledger of 100,000 measures: a person with 50 open items, each with
// three progress updates, is to be served in ≤ 20 ms at the 99th percentile. Requests go
// through the admin API's request handler (the HTTP layer above it only moves bytes); the
// baseline measured in the same run is the same handler answering /healthz.
//
// Usage: owner_page_bench [requests]   (default 2000)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "admin/request_handler.h"
#include "api_host.h"
#include "config/config_load.h"
#include "core/dates.h"
#include "store/database.h"
#include "store/link_tokens.h"
#include "time/clock.h"

namespace {

using namespace rectifyd;
using SteadyClock = std::chrono::steady_clock;

constexpr int kPeople = 2000;
constexpr int kPerPerson = 50;  // 100,000 measures
constexpr int kProblems = 2000;

void generate(store::Database& db) {
  db.write([&] {
    db.sql().exec("INSERT INTO rounds(name, feedback_date) VALUES ('基准测试巡察', '2026-01-10')");
    db.sql().exec("INSERT INTO categories(round_id, ordinal, title) VALUES (1, 1, '第一方面')");
    SQLite::Statement person(db.sql(), "INSERT INTO people(name, roles) VALUES (?, 'owner')");
    for (int i = 1; i <= kPeople; ++i) {
      person.bind(1, "人员" + std::to_string(i));
      person.exec();
      person.reset();
    }
    SQLite::Statement prob(db.sql(),
                           "INSERT INTO problems(category_id, number, title) VALUES (1, ?, ?)");
    for (int p = 1; p <= kProblems; ++p) {
      prob.bind(1, p);
      prob.bind(2, "问题" + std::to_string(p) + "：制度执行不到位，台账记录不完整");
      prob.exec();
      prob.reset();
    }
    SQLite::Statement m(db.sql(),
                        "INSERT INTO measures(problem_id, ordinal, text, owner_id, due, status, "
                        "progress) VALUES (?,?,?,?,?,?,?)");
    SQLite::Statement u(db.sql(),
                        "INSERT INTO progress_updates(measure_id, at, actor, progress, note) "
                        "VALUES (?,?,?,?,?)");
    const char* statuses[] = {"open", "in_progress", "done_reported"};
    auto first_due = *parse_date("2026-03-01");
    std::uint64_t x = 88172645463325252ull;
    for (int i = 0; i < kPeople * kPerPerson; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      m.bind(1, static_cast<int>(i % kProblems) + 1);
      m.bind(2, static_cast<int>(i / kProblems) + 1);
      m.bind(3, "建立健全相关制度，规范审批流程，逐项整改到位并形成长效机制（措施" +
                    std::to_string(i) + "）");
      m.bind(4, i % kPeople + 1);
      m.bind(5, format_date(first_due + date::days{static_cast<int>(x % 300)}));
      m.bind(6, statuses[x % 3]);
      m.bind(7, static_cast<int>(x % 90));
      m.exec();
      m.reset();
      const auto id = db.sql().getLastInsertRowid();
      for (int k = 0; k < 3; ++k) {
        u.bind(1, id);
        u.bind(2, "2026-02-0" + std::to_string(k + 1) + "T02:00:00Z");
        u.bind(3, k == 2 ? "办公室" : "人员");
        u.bind(4, 10 * (k + 1));
        u.bind(5, "本周推进情况：已召开专题会议，正在起草制度文件");
        u.exec();
        u.reset();
      }
    }
  });
  db.sql().exec("ANALYZE");
}

bench::Percentiles timed(int n, admin::RequestHandler& h, const admin::Request& req,
                         std::size_t& bytes) {
  return bench::timed(n, [&] { bytes = bench::fetch_ok(h, req, "owner_page_bench").size(); });
}

}  // namespace

int main(int argc, char** argv) {
  const int requests = argc > 1 ? std::atoi(argv[1]) : 2000;
  const auto dir = std::filesystem::temp_directory_path() / "owner_page_bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = store::Database::open((dir / "rectifyd.db").string());
  if (!db) {
    std::fprintf(stderr, "owner_page_bench: %s\n", db.error().message.c_str());
    return 1;
  }
  auto start = SteadyClock::now();
  generate(**db);
  std::printf("generated %d measures (%d per person) in %.1f s\n", kPeople * kPerPerson, kPerPerson,
              std::chrono::duration<double>(SteadyClock::now() - start).count());

  ManualClock clock{*parse_instant("2026-03-02T01:00:00Z")};
  auto cfg = std::make_shared<config::Config>(config::default_config());
  cfg->web.public_url = "https://zhenggai.example.gov.cn";
  cfg->web.requests_per_minute_per_link = 1 << 30;
  cfg->web.requests_per_minute_per_address = 1 << 30;
  store::LinkIssuer issuer;
  const Id person = 1234;
  auto url = issuer.link_for(**db, cfg->web, person, clock.now());
  if (!url || !*url) {
    std::fprintf(stderr, "owner_page_bench: no link\n");
    return 1;
  }
  const std::string path = (*url)->substr(cfg->web.public_url.size());

  admin::Metrics metrics;
  auto api = bench::api_handler(**db, clock, metrics, cfg, dir.string());
  admin::RequestHandler& handler = *api;
  admin::Request page{admin::http::verb::get, path, 11};
  admin::Request health{admin::http::verb::get, "/healthz", 11};
  std::size_t page_bytes = 0, health_bytes = 0;
  const bench::Percentiles base = timed(requests, handler, health, health_bytes);
  const bench::Percentiles p = timed(requests, handler, page, page_bytes);
  std::printf("baseline GET /healthz:    p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", base.p50,
              base.p99, base.max);
  std::printf("owner page (50 items):    p50 %.3f ms  p99 %.3f ms  max %.3f ms  (%zu bytes)\n",
              p.p50, p.p99, p.max, page_bytes);
  std::printf("ratio page/healthz at p99: %.1fx; target p99 <= 20 ms: %s\n", p.p99 / base.p99,
              p.p99 <= 20.0 ? "met" : "MISSED");
  std::filesystem::remove_all(dir);
  return p.p99 <= 20.0 ? 0 : 2;
}
