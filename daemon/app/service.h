#pragma once
// The seams the daemon hosts its engines through. The planner is a hook the daemon calls on
// its loop (it decides and writes outbox rows); long-lived parts that own their own I/O on the
// same loop (delivery, the admin API) are Services.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "config/config.h"
#include "core/model.h"
#include "core/result.h"

namespace rectifyd::app {

/// When the planner wants to run next, and what for ("reminder", "meeting.notice").
struct Wake {
  Instant at{};
  std::string what;
};

/// Runs the planner at `now` against `config`: writes its outbox rows and schedule state, and
/// says when to run next (nullopt: nothing is planned). Called on the loop thread only.
using PlanHook =
    std::function<Result<std::optional<Wake>>(const config::Config& config, Instant now)>;

/// Told when a reload was refused, with every error (file:line:column, one per line), so the
/// office can be notified. Called on the loop thread.
using ReloadFailedHook = std::function<void(const std::string& errors)>;

/// A part with its own asynchronous work on the daemon's io_context.
class Service {
 public:
  virtual ~Service() = default;
  virtual std::string name() const = 0;
  /// Called once, on the loop, before the first planner run.
  virtual void start() {}
  /// A reload replaced the configuration.
  virtual void reconfigure(const config::Snapshot& /*config*/) {}
  /// The planner has run and may have written outbox rows: look now, not at the next timer.
  virtual void work_added() {}
  /// Stop taking new work; finish or abandon what is in flight within `grace`, then call
  /// `done` exactly once (on the loop). Nothing may be lost: unfinished work stays stored.
  virtual void stop(std::chrono::milliseconds grace, std::function<void()> done) = 0;
};

/// Hosts a part that has the Service's functions but, living below app/, does not derive from
/// it (the admin API): the daemon sees a Service, the part knows nothing of its host.
template <class Part>
class Hosted final : public Service {
 public:
  explicit Hosted(Part& part) : part_(part) {}
  std::string name() const override { return part_.name(); }
  void start() override { part_.start(); }
  void reconfigure(const config::Snapshot& config) override { part_.reconfigure(config); }
  void stop(std::chrono::milliseconds grace, std::function<void()> done) override {
    part_.stop(grace, std::move(done));
  }

 private:
  Part& part_;
};

}  // namespace rectifyd::app
