#include "app/daemon.h"

#include "app/config_record.h"

#include <csignal>
#include <exception>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include "admin/metrics.h"
#include "app/logging.h"
#include "app/startup_summary.h"
#include "config/config_diff.h"
#include "config/config_load.h"
#include "core/dates.h"
#include "store/audit.h"
#include "time/zone.h"

namespace rectifyd::app {
namespace {

/// A planner that asks to run again at or before now would spin the loop; run it a second later.
constexpr std::chrono::seconds kMinimumReplanDelay{1};

const date::time_zone* zone_of(const config::Config& c) {
  auto z = find_zone(c.unit.time_zone);
  return z ? *z : nullptr;
}

}  // namespace

Result<std::unique_ptr<Daemon>> Daemon::create(Runtime rt, config::Snapshot config) {
  auto timer = WallTimer::create(rt.io);
  if (!timer)
    return timer.error();
  return std::unique_ptr<Daemon>(new Daemon(rt, std::move(config), std::move(*timer)));
}

Daemon::Daemon(Runtime rt, config::Snapshot config, std::unique_ptr<WallTimer> timer)
    : rt_(rt),
      config_(std::move(config)),
      timer_(std::move(timer)),
      signals_(rt.io, SIGTERM, SIGINT, SIGHUP),
      watchdog_timer_(rt.io),
      grace_timer_(rt.io) {}

Daemon::~Daemon() = default;

int Daemon::run() {
  wait_for_signal();
  for (auto* s : services_) {
    spdlog::info("starting {}", s->name());
    s->start();
  }
  run_planner();

  send_ready(status_line());
  spdlog::info("rectifyd ready");
  for (const auto& line : startup_summary(*config_, rt_.db, rt_.clock.now(), next_wake_))
    spdlog::info("  {}", line);

  if (auto interval = rt_.notifier.watchdog_interval()) {
    spdlog::info("systemd watchdog: pinging every {} ms",
                 std::chrono::duration_cast<std::chrono::milliseconds>(*interval / 2).count());
    ping_watchdog();
  }

  // A handler that throws is a failure of the running daemon, not of its start: say so, let
  // the services stop within their grace (nothing unsent is lost: it stays in the outbox), and
  // exit non-zero so that systemd restarts it.
  int status = 0;
  for (;;) {
    try {
      rt_.io.run();
      break;
    } catch (const std::exception& e) {
      spdlog::critical("rectifyd failed while running: {}; stopping", e.what());
      status = kFailedWhileRunning;
    }
    if (stopped_)
      break;
    rt_.io.restart();
    stop();
  }
  spdlog::info(status == 0 ? "rectifyd stopped" : "rectifyd stopped after a failure");
  return status;
}

void Daemon::wait_for_signal() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
    if (ec)
      return;
    switch (signo) {
      case SIGHUP:
        spdlog::info("SIGHUP: reloading the configuration");
        reload();
        break;
      default:
        spdlog::info("{}: stopping", signo == SIGINT ? "SIGINT" : "SIGTERM");
        stop();
        break;
    }
    if (!stopped_)
      wait_for_signal();
  });
}

void Daemon::wake_now() {
  if (replan_posted_ || stopping_)
    return;
  replan_posted_ = true;
  boost::asio::post(rt_.io, [this] {
    replan_posted_ = false;
    run_planner();
  });
}

void Daemon::run_planner() {
  if (stopping_)
    return;
  const Instant now = rt_.clock.now();
  std::optional<Wake> next;
  if (plan_) {
    ++planner_runs_;
    Result<std::optional<Wake>> result = Error{""};
    try {
      result = plan_(*config_, now);
    } catch (const std::exception& e) {
      // The store throws; a run that failed half-way rolled back its transaction.
      result = Error{e.what()};
    }
    if (result) {
      next = std::move(*result);
    } else {
      spdlog::error("planner run failed: {}; retrying in {} s", result.error().message,
                    retry_after_failure_.count());
      next = Wake{now + retry_after_failure_, "retry of the failed planner run"};
    }
  }
  if (next && next->at <= now)
    next->at = now + kMinimumReplanDelay;
  next_wake_ = std::move(next);
  for (auto* s : services_)
    s->work_added();
  arm_timer();
  spdlog::debug("planner: next wake {}", describe_wake(next_wake_, zone_of(*config_)));
  publish_status();
}

void Daemon::send_ready(const std::string& status) {
  ready_sent_ = true;
  last_status_ = status;
  rt_.notifier.ready(status);
}

void Daemon::publish_status() {
  // Before READY=1 the READY message carries the status itself.
  std::string status = status_line();
  if (!ready_sent_ || status == last_status_)
    return;
  last_status_ = status;
  rt_.notifier.status(status);
}

void Daemon::arm_timer() {
  auto handler = [this](WallTimer::Outcome o) { on_timer(o); };
  Status st = next_wake_ ? timer_->async_wait_until(next_wake_->at, handler)
                         : timer_->async_wait_for_clock_change(handler);
  if (!st)
    spdlog::critical("cannot arm the wake timer: {}", st.error().message);
}

void Daemon::on_timer(WallTimer::Outcome outcome) {
  switch (outcome) {
    case WallTimer::Outcome::cancelled:
      return;
    case WallTimer::Outcome::expired:
      run_planner();
      break;
    case WallTimer::Outcome::clock_changed:
      clock_changed();
      break;
  }
}

void Daemon::clock_changed() {
  spdlog::warn("the wall clock was set (now {}); planning again",
               format_instant_utc(rt_.clock.now()));
  run_planner();
}

void Daemon::ping_watchdog() {
  auto interval = rt_.notifier.watchdog_interval();
  if (!interval || stopped_)
    return;
  rt_.notifier.watchdog();
  watchdog_timer_.expires_after(*interval / 2);
  watchdog_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec)
      ping_watchdog();
  });
}

std::string Daemon::status_line() const {
  return "next: " + describe_wake(next_wake_, zone_of(*config_));
}

void Daemon::reload() {
  (void)reload_as("SIGHUP");
}

Status Daemon::reload_as(const std::string& actor) {
  if (stopping_)
    return Error{"rectifyd is stopping"};
  rt_.notifier.reloading();
  if (rt_.config_path.empty()) {
    spdlog::info("reload: running on the embedded default configuration; nothing to re-read");
    send_ready(status_line());
    return Error{"running on the embedded default configuration: there is no file to re-read"};
  }

  config::LoadResult loaded = config::load_config_file(rt_.config_path);
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors)
      spdlog::error("reload: {}", config::to_string(d));
    spdlog::error("reload refused ({} error(s)); still running on the previous configuration",
                  loaded.errors.size());
    if (reload_failed_)
      reload_failed_(loaded.error_text());
    for (auto* s : services_)
      s->work_added();
    if (metrics_)
      metrics_->config_reload(false);
    send_ready(status_line() + " (last reload refused)");
    return Error{loaded.error_text()};
  }

  auto fresh = std::make_shared<const config::Config>(std::move(*loaded.config));
  if (auto st = record_reload(*config_, *fresh, actor); !st) {
    spdlog::error("reload refused: {}; still running on the previous configuration",
                  st.error().message);
    if (reload_failed_)
      reload_failed_(st.error().message);
    if (metrics_)
      metrics_->config_reload(false);
    send_ready(status_line() + " (last reload refused)");
    return st;
  }
  if (fresh->store.path != config_->store.path)
    spdlog::warn("reload: store.path changed to {}; it takes effect at the next start",
                 fresh->store.path);
  if (auto st = set_log_level(fresh->log.level); !st)
    spdlog::warn("reload: {}", st.error().message);

  config_ = std::move(fresh);
  for (auto* s : services_)
    s->reconfigure(config_);
  spdlog::info("reload: configuration from {} applied", config_->source);
  if (metrics_)
    metrics_->config_reload(true);
  if (reloaded_)
    reloaded_();
  run_planner();
  send_ready(status_line());
  return ok_status();
}

Status Daemon::record_reload(const config::Config& before, const config::Config& after,
                             const std::string& actor) {
  const std::vector<std::string> changes = config::diff(before, after);
  AuditEntry entry;
  entry.at = rt_.clock.now();
  entry.actor = actor;
  entry.action = "config.reload";
  entry.entity = "config:" + after.source;
  entry.after = config::diff_text(before, after);
  try {
    Result<Id> id = rt_.db.write([&] {
      auto appended = store::AuditLog(rt_.db).append(entry);
      if (appended)
        remember_applied_config(rt_.db, after);
      return appended;
    });
    if (!id)
      return id.error();
  } catch (const std::exception& e) {
    return Error{"cannot write the audit row for the reload: " + std::string(e.what())};
  }
  if (changes.empty())
    spdlog::info("reload: no setting changed");
  for (const auto& line : changes)
    spdlog::info("reload: {}", line);
  return ok_status();
}

void Daemon::stop() {
  if (stopped_)
    return;
  if (stopping_) {
    spdlog::warn("second stop request: stopping without waiting for {} service(s)",
                 services_running_);
    finish_stop();
    return;
  }
  stopping_ = true;
  rt_.notifier.stopping("stopping");
  timer_->cancel();

  const auto grace =
      std::chrono::duration_cast<std::chrono::milliseconds>(config_->delivery.shutdown_grace);
  services_running_ = services_.size();
  if (services_running_ == 0) {
    finish_stop();
    return;
  }
  // Services get the grace period; the daemon waits a little longer for their own cleanup.
  grace_timer_.expires_after(grace + std::chrono::milliseconds{500});
  grace_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec)
      return;
    spdlog::warn("{} service(s) did not stop within the grace period", services_running_);
    finish_stop();
  });
  for (auto* s : services_) {
    s->stop(grace, [this, name = s->name()] {
      spdlog::info("{} stopped", name);
      if (services_running_ > 0 && --services_running_ == 0)
        finish_stop();
    });
  }
}

void Daemon::finish_stop() {
  if (stopped_)
    return;
  stopped_ = true;
  grace_timer_.cancel();
  watchdog_timer_.cancel();
  signals_.cancel();
  timer_->cancel();
  rt_.io.stop();
}

}  // namespace rectifyd::app
