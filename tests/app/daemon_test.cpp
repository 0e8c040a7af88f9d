// The daemon's loop in process: planner scheduling, coalesced wakes, reload, graceful stop.
// Real SQLite files, real configuration files, the real wall-clock timer.

#include "app/daemon.h"

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "config/config_load.h"
#include "temp_dir.h"

namespace rectifyd::app {
namespace {

using namespace std::chrono_literals;
using rectifyd::testing::TempDir;

constexpr const char* kGoodConfig =
    "[unit]\n"
    "name = \"甲单位\"\n"
    "[meeting]\n"
    "start = \"15:00\"\n";

constexpr const char* kChangedConfig =
    "[unit]\n"
    "name = \"乙单位\"\n"
    "[meeting]\n"
    "start = \"16:00\"\n";

constexpr const char* kBrokenConfig =
    "[unit]\n"
    "name = \"丙单位\"\n"
    "[meeting]\n"
    "start = \"25:00\"\n";

/// A service that records what the daemon asked of it and stops after `stop_delay` (or never).
class RecordingService final : public Service {
 public:
  RecordingService(boost::asio::io_context& io, std::optional<std::chrono::milliseconds> delay)
      : timer_(io), stop_delay_(delay) {}
  std::string name() const override { return "recording"; }
  void start() override { events.push_back("start"); }
  void reconfigure(const config::Snapshot& c) override {
    events.push_back("reconfigure " + c->unit.name);
  }
  void work_added() override { ++work_added_calls; }
  void stop(std::chrono::milliseconds grace, std::function<void()> done) override {
    events.push_back("stop grace=" + std::to_string(grace.count()) + "ms");
    if (!stop_delay_)
      return;  // never finishes: the daemon must not wait beyond the grace period
    timer_.expires_after(*stop_delay_);
    timer_.async_wait([this, done](const boost::system::error_code&) {
      events.push_back("stopped");
      done();
    });
  }

  std::vector<std::string> events;
  int work_added_calls = 0;

 private:
  boost::asio::steady_timer timer_;
  std::optional<std::chrono::milliseconds> stop_delay_;
};

class DaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = store::Database::open(dir.file("rectifyd.db"));
    ASSERT_TRUE(d) << d.error().message;
    db = std::move(*d);
    config_path = dir.write("rectifyd.toml", kGoodConfig);
    auto loaded = config::load_config_file(config_path);
    ASSERT_TRUE(loaded.ok()) << loaded.error_text();
    config = std::make_shared<const config::Config>(std::move(*loaded.config));
  }

  std::unique_ptr<Daemon> make_daemon(config::Snapshot c) {
    auto d = Daemon::create(Runtime{io, *db, clock, notifier, config_path}, std::move(c));
    EXPECT_TRUE(d) << d.error().message;
    return std::move(*d);
  }
  std::unique_ptr<Daemon> make_daemon() { return make_daemon(config); }

  /// Runs `f` on the loop once the daemon is up.
  void on_loop(std::function<void()> f) { boost::asio::post(io, std::move(f)); }

  int reload_audit_rows() {
    return db->sql().execAndGet("SELECT count(*) FROM audit WHERE action='config.reload'").getInt();
  }

  TempDir dir;
  std::unique_ptr<store::Database> db;
  std::string config_path;
  config::Snapshot config;
  boost::asio::io_context io;
  SystemClock clock;
  SystemdNotifier notifier;
};

TEST_F(DaemonTest, RunsThePlannerBeforeReadyAndStopsCleanly) {
  auto daemon = make_daemon();
  int runs = 0;
  daemon->set_planner([&](const config::Config& c, Instant) -> Result<std::optional<Wake>> {
    ++runs;
    EXPECT_EQ(c.unit.name, "甲单位");
    return std::optional<Wake>{};
  });
  on_loop([&] {
    EXPECT_EQ(runs, 1);
    daemon->stop();
  });
  EXPECT_EQ(daemon->run(), 0);
  EXPECT_EQ(runs, 1);
}

TEST_F(DaemonTest, WakeNowCoalescesIntoOneRun) {
  auto daemon = make_daemon();
  int runs = 0;
  daemon->set_planner([&](const config::Config&, Instant) -> Result<std::optional<Wake>> {
    ++runs;
    return std::optional<Wake>{};
  });
  on_loop([&] {
    daemon->wake_now();
    daemon->wake_now();
    daemon->wake_now();
    on_loop([&] { daemon->stop(); });
  });
  EXPECT_EQ(daemon->run(), 0);
  EXPECT_EQ(runs, 2);  // the first run, and one for the three wake_now() calls
}

TEST_F(DaemonTest, SleepsUntilTheWakeThePlannerAsksFor) {
  auto daemon = make_daemon();
  std::vector<Instant> runs;
  daemon->set_planner([&](const config::Config&, Instant now) -> Result<std::optional<Wake>> {
    runs.push_back(now);
    if (runs.size() == 1)
      return std::optional<Wake>{Wake{now + 1s, "reminder"}};
    boost::asio::post(io, [&] { daemon->stop(); });
    return std::optional<Wake>{};
  });
  EXPECT_EQ(daemon->run(), 0);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_GE(runs[1], runs[0] + 1s);
}

TEST_F(DaemonTest, AFailedPlannerRunIsRetriedLater) {
  auto daemon = make_daemon();
  daemon->set_retry_after_failure(45s);
  Instant at{};
  daemon->set_planner([&](const config::Config&, Instant now) -> Result<std::optional<Wake>> {
    at = now;
    return Error{"database is locked"};
  });
  on_loop([&] {
    ASSERT_TRUE(daemon->next_wake());
    EXPECT_EQ(daemon->next_wake()->at, at + 45s);
    daemon->stop();
  });
  EXPECT_EQ(daemon->run(), 0);
}

TEST_F(DaemonTest, AThrowingPlannerRunIsRetriedLaterNotFatal) {
  auto daemon = make_daemon();
  daemon->set_retry_after_failure(30s);
  daemon->set_planner([&](const config::Config&, Instant) -> Result<std::optional<Wake>> {
    throw std::runtime_error("database disk image is malformed");
  });
  on_loop([&] {
    ASSERT_TRUE(daemon->next_wake());
    EXPECT_GE(daemon->next_wake()->at, clock.now() + 29s);
    daemon->stop();
  });
  EXPECT_EQ(daemon->run(), 0);
}

TEST_F(DaemonTest, AWakeInThePastDoesNotSpinTheLoop) {
  auto daemon = make_daemon();
  daemon->set_planner([&](const config::Config&, Instant now) -> Result<std::optional<Wake>> {
    return std::optional<Wake>{Wake{now - 1h, "late"}};
  });
  on_loop([&] {
    ASSERT_TRUE(daemon->next_wake());
    EXPECT_GT(daemon->next_wake()->at, clock.now() - 1s);
    daemon->stop();
  });
  EXPECT_EQ(daemon->run(), 0);
  EXPECT_EQ(daemon->planner_runs(), 1u);
}

TEST_F(DaemonTest, AWallClockChangePlansAgainAndRearms) {
  auto daemon = make_daemon();
  std::vector<Instant> runs;
  daemon->set_planner([&](const config::Config&, Instant now) -> Result<std::optional<Wake>> {
    runs.push_back(now);
    return std::optional<Wake>{Wake{now + std::chrono::hours{24 * 365}, "far"}};
  });
  on_loop([&] {
    const Instant before = daemon->next_wake()->at;
    daemon->clock_changed();
    EXPECT_EQ(runs.size(), 2u);
    EXPECT_GE(daemon->next_wake()->at, before);
    daemon->stop();
  });
  EXPECT_EQ(daemon->run(), 0);
  EXPECT_EQ(runs.size(), 2u);
}

TEST_F(DaemonTest, ReloadSwapsTheSnapshotAndWritesAnAuditRow) {
  auto daemon = make_daemon();
  RecordingService service(io, 0ms);
  daemon->add_service(service);
  std::vector<std::string> planned_for;
  daemon->set_planner([&](const config::Config& c, Instant) -> Result<std::optional<Wake>> {
    planned_for.push_back(c.unit.name);
    return std::optional<Wake>{};
  });
  on_loop([&] {
    const config::Snapshot before = daemon->config();
    dir.write("rectifyd.toml", kChangedConfig);
    daemon->reload();
    EXPECT_NE(daemon->config(), before);
    EXPECT_EQ(daemon->config()->unit.name, "乙单位");
    EXPECT_EQ(before->unit.name, "甲单位");  // the old snapshot is untouched
    daemon->stop();
  });
  EXPECT_EQ(daemon->run(), 0);
  EXPECT_EQ(planned_for, (std::vector<std::string>{"甲单位", "乙单位"}));
  EXPECT_EQ(service.events, (std::vector<std::string>{"start", "reconfigure 乙单位",
                                                      "stop grace=5000ms", "stopped"}));

  SQLite::Statement q(db->sql(), "SELECT actor, action, after FROM audit");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), "SIGHUP");
  EXPECT_EQ(q.getColumn(1).getString(), "config.reload");
  EXPECT_FALSE(q.executeStep());
}

TEST_F(DaemonTest, ABrokenReloadKeepsTheRunningConfigAndReportsEveryError) {
  auto daemon = make_daemon();
  std::vector<std::string> reported;
  daemon->set_reload_failed_hook([&](const std::string& errors) { reported.push_back(errors); });
  on_loop([&] {
    const config::Snapshot before = daemon->config();
    dir.write("rectifyd.toml", kBrokenConfig);
    daemon->reload();
    EXPECT_EQ(daemon->config(), before);
    EXPECT_EQ(daemon->config()->unit.name, "甲单位");
    daemon->stop();
  });
  EXPECT_EQ(daemon->run(), 0);
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_NE(reported[0].find(config_path + ":4:9:"), std::string::npos) << reported[0];
  EXPECT_EQ(reload_audit_rows(), 0);
}

TEST_F(DaemonTest, ReloadOnTheEmbeddedDefaultChangesNothing) {
  config_path.clear();
  auto daemon = make_daemon(std::make_shared<const config::Config>(config::default_config()));
  on_loop([&] {
    const config::Snapshot before = daemon->config();
    daemon->reload();
    EXPECT_EQ(daemon->config(), before);
    daemon->stop();
  });
  EXPECT_EQ(daemon->run(), 0);
  EXPECT_EQ(reload_audit_rows(), 0);
}

TEST_F(DaemonTest, StopWaitsForServicesWithinTheGrace) {
  auto daemon = make_daemon();
  RecordingService slow(io, 100ms);
  daemon->add_service(slow);
  on_loop([&] { daemon->stop(); });
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(daemon->run(), 0);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 100ms);
  EXPECT_EQ(slow.events.back(), "stopped");
  EXPECT_GE(slow.work_added_calls, 1);  // told after the first planner run
}

TEST_F(DaemonTest, StopGivesUpOnAServiceAfterTheGrace) {
  auto c = std::make_shared<config::Config>(*config);
  c->delivery.shutdown_grace = 0s;
  auto daemon = make_daemon(c);
  RecordingService stuck(io, std::nullopt);
  daemon->add_service(stuck);
  on_loop([&] { daemon->stop(); });
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(daemon->run(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
  EXPECT_EQ(stuck.events.back(), "stop grace=0ms");
}

TEST_F(DaemonTest, AFailureWhileRunningStopsGracefullyAndExitsNonZero) {
  auto daemon = make_daemon();
  RecordingService service(io, 10ms);
  daemon->add_service(service);
  on_loop([] { throw std::runtime_error("a handler failed"); });
  EXPECT_EQ(daemon->run(), kFailedWhileRunning);
  ASSERT_GE(service.events.size(), 2u);
  EXPECT_EQ(service.events.front(), "start");
  EXPECT_EQ(service.events.back(), "stopped") << "the services had their grace";
}

TEST_F(DaemonTest, ASecondStopDoesNotWaitForServices) {
  auto daemon = make_daemon();  // shutdown_grace 5 s
  RecordingService stuck(io, std::nullopt);
  daemon->add_service(stuck);
  on_loop([&] {
    daemon->stop();
    daemon->stop();
  });
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(daemon->run(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 4s);
}

TEST_F(DaemonTest, StatusLineNamesTheNextWakeInTheUnitZone) {
  auto daemon = make_daemon();
  // 01:00 UTC is 09:00 in Asia/Shanghai; far in the future, so the timer never fires.
  const Instant wake = date::sys_days{date::year{2099} / 12 / 4} + 1h;
  daemon->set_planner([&](const config::Config&, Instant) -> Result<std::optional<Wake>> {
    return std::optional<Wake>{Wake{wake, "reminder"}};
  });
  on_loop([&] {
    EXPECT_EQ(daemon->status_line(), "next: 12-04 09:00 reminder");
    daemon->stop();
  });
  EXPECT_EQ(daemon->run(), 0);
}

}  // namespace
}  // namespace rectifyd::app
