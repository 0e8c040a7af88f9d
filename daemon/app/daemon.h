#pragma once
// The running daemon: one thread owns the database and one io_context. On that loop it
// - runs the planner at the instants the planner asks for (one wall-clock timer, no polling),
//   and at once when wake_now() is called (coalesced: many calls, one run);
// - re-plans when the wall clock is set (the timer notices: see wall_timer.h);
// - answers SIGHUP with a reload (parse, validate, swap the snapshot whole or keep the old one),
//   SIGTERM/SIGINT with a graceful stop, and pings the systemd watchdog from a loop timer, so a
//   stuck loop stops the pings and systemd restarts us.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "app/service.h"
#include "app/systemd_notifier.h"
#include "app/wall_timer.h"
#include "config/config.h"
#include "store/database.h"
#include "time/clock.h"

namespace rectifyd::admin {
class Metrics;
}

namespace rectifyd::app {

/// What the daemon runs on, passed explicitly; it owns none of it.
struct Runtime {
  boost::asio::io_context& io;
  store::Database& db;
  const Clock& clock;
  SystemdNotifier& notifier;
  /// The configuration file a reload re-reads; empty when running on the embedded default.
  std::string config_path;
};

/// The exit status after a failure at run time (EX_SOFTWARE), so that systemd restarts us.
inline constexpr int kFailedWhileRunning = 70;

class Daemon {
 public:
  /// Fails only when the kernel refuses a timerfd.
  static Result<std::unique_ptr<Daemon>> create(Runtime rt, config::Snapshot config);

  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;
  ~Daemon();

  void set_planner(PlanHook plan) { plan_ = std::move(plan); }
  void set_reload_failed_hook(ReloadFailedHook hook) { reload_failed_ = std::move(hook); }
  /// Called after a reload was applied, before the planner runs on the new configuration.
  void set_reloaded_hook(std::function<void()> hook) { reloaded_ = std::move(hook); }
  /// The service must outlive the daemon's run().
  void add_service(Service& service) { services_.push_back(&service); }
  /// How long to wait before retrying after the planner failed.
  void set_retry_after_failure(std::chrono::seconds d) { retry_after_failure_ = d; }

  /// Starts services, runs the planner once, tells systemd READY=1, logs the start-up summary,
  /// then runs the loop until stopped. Returns the process exit status: 0, or
  /// kFailedWhileRunning when a handler threw (the daemon then stopped gracefully).
  int run();

  /// Re-runs the planner as soon as the loop is free. Many calls before it runs make one run.
  void wake_now();
  /// What SIGHUP does.
  void reload();
  /// The same reload asked for by someone else (the admin API): `actor` is named in the audit
  /// row; the Error lists every problem when the file was refused (the old config stays).
  Status reload_as(const std::string& actor);
  /// Counts planner-independent events (reloads by result) in the admin metrics registry.
  void set_metrics(admin::Metrics* metrics) { metrics_ = metrics; }
  /// What SIGTERM does: a second call stops at once.
  void stop();
  /// What the wall timer reports when the wall clock was set: plan again against the new time
  /// (what was due in between fires now; the next wake is computed afresh).
  void clock_changed();

  const config::Snapshot& config() const { return config_; }
  const std::optional<Wake>& next_wake() const { return next_wake_; }
  /// "next: 12-04 09:00 reminder", the STATUS= line.
  std::string status_line() const;
  /// How many times the planner ran (for tests and the admin API).
  std::uint64_t planner_runs() const { return planner_runs_; }

 private:
  Daemon(Runtime rt, config::Snapshot config, std::unique_ptr<WallTimer> timer);
  void wait_for_signal();
  void run_planner();
  void arm_timer();
  void on_timer(WallTimer::Outcome outcome);
  void ping_watchdog();
  /// Sends STATUS= when the status line changed since it was last sent.
  void publish_status();
  void send_ready(const std::string& status);
  Status record_reload(const config::Config& before, const config::Config& after,
                       const std::string& actor);
  void finish_stop();

  Runtime rt_;
  config::Snapshot config_;
  std::unique_ptr<WallTimer> timer_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer watchdog_timer_;
  boost::asio::steady_timer grace_timer_;
  PlanHook plan_;
  ReloadFailedHook reload_failed_;
  std::function<void()> reloaded_;
  admin::Metrics* metrics_ = nullptr;
  std::vector<Service*> services_;
  std::chrono::seconds retry_after_failure_{60};
  std::optional<Wake> next_wake_;
  std::string last_status_;
  bool ready_sent_ = false;
  bool replan_posted_ = false;
  bool stopping_ = false;
  bool stopped_ = false;
  std::size_t services_running_ = 0;
  std::uint64_t planner_runs_ = 0;
};

}  // namespace rectifyd::app
