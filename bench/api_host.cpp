#include "api_host.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace rectifyd::bench {

Percentiles percentiles(std::vector<double> t) {
  std::sort(t.begin(), t.end());
  return {t[t.size() / 2], t[static_cast<std::size_t>(static_cast<double>(t.size()) * 0.99)],
          t.back()};
}

std::unique_ptr<admin::RequestHandler> api_handler(store::Database& db, const Clock& clock,
                                                   admin::Metrics& metrics, config::Snapshot config,
                                                   const std::string& scratch_dir) {
  admin::ApiEnv env{db,
                    clock,
                    metrics,
                    [config] { return config; },
                    [](const std::string&) { return ok_status(); },
                    [] {},
                    []() -> std::optional<Instant> { return std::nullopt; },
                    "",
                    scratch_dir,
                    {},
                    {}};
  return std::make_unique<admin::RequestHandler>(std::move(env));
}

std::string fetch_ok(admin::RequestHandler& h, const admin::Request& req, const char* bench) {
  auto res = h.handle(req, "127.0.0.1");
  if (res.result_int() != 200) {
    std::fprintf(stderr, "%s: %s answered %u: %s\n", bench, std::string(req.target()).c_str(),
                 res.result_int(), res.body().substr(0, 300).c_str());
    std::exit(1);
  }
  return std::move(res.body());
}

}  // namespace rectifyd::bench
