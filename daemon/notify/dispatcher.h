#pragma once
// The delivery engine: claims due outbox rows, formats them through their channel, runs the
// transfers on the curl multi transport, and settles each row: sent, failed (retry later with
// backoff and jitter, or when the receiver says), or dead (permanent failure, or older than
// delivery.max_age). Dead rows are reported to the office in one dead_letter message per
// batch. Everything happens on the thread that runs the io_context, which also owns the
// database. Decisions take "now" from the Clock, so tests steer them with a ManualClock.
//
// Work is done in batches: a channel is refilled when a good share of its slots is free (or
// nothing is in flight), and one transaction records the results gathered so far and claims the
// next rows, committed before any of their transfers starts. Idle, the engine arms no timer
// unless something is due at a known instant (a row's not_before, a rate-limit token, a retry,
// a sent row becoming old enough to prune); new rows are announced by kick().

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <date/tz.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/parser.hpp>

#include "config/config.h"
#include "core/result.h"
#include "notify/channel.h"
#include "notify/channel_health.h"
#include "notify/rate_limiter.h"
#include "notify/transport.h"
#include "plan/planner.h"
#include "store/outbox.h"
#include "time/clock.h"

namespace rectifyd::notify {

struct DispatcherStats {
  std::uint64_t attempts = 0;  ///< transfers finished (and synchronous deliveries)
  std::uint64_t sent = 0;      ///< rows sent
  std::uint64_t retried = 0;   ///< rows put back for a later try
  std::uint64_t dead = 0;      ///< rows given up
  std::uint64_t requeued_at_start = 0;
};

class Dispatcher {
 public:
  /// Sends through `transport`; without one, through a CurlTransport on `io`.
  Dispatcher(boost::asio::io_context& io, store::Database& db, const Clock& clock,
             config::Snapshot cfg, std::unique_ptr<Transport> transport = nullptr);
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  /// Builds the channels, makes rows a previous run left 'sending' due again, and starts
  /// working. A channel that cannot be built is logged and its rows wait.
  Status start();
  /// Rows were added or the clock moved: look again now instead of at the next planned wake.
  /// Every path that adds outbox rows must call it (through DeliveryService::work_added);
  /// the engine does not poll the outbox.
  void kick();
  /// Stops claiming; transfers in flight get config.delivery.shutdown_grace to finish, then
  /// are aborted and their rows made pending again. `done` runs on the loop when all is settled.
  void stop(std::function<void()> done);
  /// Called each time the engine has nothing in flight and nothing it may send now (rows
  /// held back by a rate limit or a later not_before wait) — for tests and drivers.
  void on_idle(std::function<void()> f) { on_idle_ = std::move(f); }
  /// Called once per finished attempt with the row's channel and the result: "sent", "retry"
  /// or "dead" — for the admin API's delivery counters.
  using ResultObserver = std::function<void(const std::string& channel, std::string_view result)>;
  void on_result(ResultObserver f) { on_result_ = std::move(f); }
  /// Seeds the jitter of the backoff (tests).
  void seed(std::uint64_t s) { rng_.seed(s); }
  /// Shares a health record that outlives this dispatcher (the delivery service keeps one
  /// across reloads). Call before start(); without it the dispatcher keeps its own.
  void set_health(std::shared_ptr<ChannelHealth> h) { health_ = std::move(h); }
  const ChannelHealth& health() const { return *health_; }
  /// Transfers may take at most this batch of rows per channel in one claim.
  void set_claim_batch(std::size_t n) { claim_batch_ = n; }

  const DispatcherStats& stats() const { return stats_; }
  std::size_t in_flight() const { return jobs_.size(); }
  /// When the engine will next look for rows to send by itself (a row or a retry due, a
  /// rate-limit token), as of its last loop turn; nullopt when nothing is queued, in which case
  /// only kick() or a finishing transfer wakes it.
  std::optional<Instant> next_wake() const { return next_wake_; }
  /// When the oldest sent row becomes old enough to prune (delivery.prune_sent_after); the
  /// engine wakes then too. nullopt when no sent row is kept.
  std::optional<Instant> next_prune() const { return next_prune_; }

 private:
  struct Job;
  struct ChannelState {
    std::unique_ptr<Channel> channel;
    EndpointLimiter limiter;
    int busy = 0;                        ///< rows claimed and not yet settled
    std::vector<std::uint64_t> waiting;  ///< jobs waiting for a token
    /// The last claim found fewer rows due than it asked for: nothing more is due before
    /// next_due (nullopt: nothing queued) unless kick() says rows were added.
    bool drained = false;
    std::optional<Instant> next_due;
  };

  void schedule_pump();
  void pump();
  /// Whether a refill is worth a transaction: nothing in flight, or at least half of the
  /// slots a claim may fill are free.
  bool may_refill(const ChannelState& cs) const;
  /// Whether this channel may have rows due now.
  static bool may_have_due(const ChannelState& cs, Instant now);
  void begin(std::unique_ptr<Job> job);
  void send_part(std::uint64_t job_id);
  void on_response(std::uint64_t job_id, Response r);
  void record(const store::OutboxRow& row, const Outcome& outcome);
  void settle(Job& job, const Outcome& outcome);
  /// Removes sent rows old enough and plans the next prune from the oldest one left.
  void prune(Instant now);
  /// Rows for a channel the configuration no longer has age like failures, so the office
  /// hears of them instead of their waiting forever.
  void route_unroutable(Instant now);
  /// Records the results gathered since the last flush in a transaction of their own.
  void flush(Instant now);
  /// Writes the gathered results (and a dead-letter notice) inside the caller's transaction.
  void write_settled(Instant now);
  void clear_settled();
  void arm_wake(Instant now);
  void arm_at(Instant when, Instant now);
  /// Results not followed by a claim are written within a second.
  void arm_results_timer();
  void finish_stop();
  /// Logs a change of a channel's health; a recovery the office was told of is told too.
  void on_health(const std::optional<HealthChange>& change, Instant now);
  /// Channels failing for channel_alert_after: the office is told (once per spell).
  void alert_failing(Instant now);
  /// Queues a notice to the office; written (engine::write_intents) with the next results.
  void notify_office(plan::Intent intent);

  boost::asio::io_context& io_;
  store::Database& db_;
  store::Outbox outbox_;
  const Clock& clock_;
  config::Snapshot cfg_;
  std::unique_ptr<Transport> transport_;
  boost::asio::steady_timer wake_;
  boost::asio::steady_timer grace_;
  boost::asio::steady_timer results_timer_;
  std::map<std::string, ChannelState> channels_;
  std::map<std::uint64_t, std::unique_ptr<Job>> jobs_;
  std::vector<store::Settlement> settled_;
  std::vector<store::OutboxRow> died_;  ///< rows settled dead since the last flush
  std::vector<std::string> died_reasons_;
  std::vector<plan::Intent> notices_;  ///< to the office, written with the results
  std::shared_ptr<ChannelHealth> health_;
  const date::time_zone* zone_ = nullptr;  ///< the unit's, for times in the office's notices
  std::uint64_t next_job_ = 1;
  std::size_t claim_batch_ = 256;
  bool pump_posted_ = false;
  bool results_timer_armed_ = false;
  bool prune_due_ = true;         ///< at start: prune, then plan the next one from the DB
  bool check_unroutable_ = true;  ///< at start and on kick()
  std::optional<Instant> next_prune_;
  std::optional<Instant> unroutable_due_;
  std::optional<Instant> next_wake_;
  std::optional<Instant> armed_at_;  ///< what wake_ is set for
  bool rearm_ = false;               ///< set wake_ again even for the same instant
  /// Payloads are parsed into a reused buffer: no allocation per row for the JSON tree.
  std::unique_ptr<unsigned char[]> parse_buffer_;
  boost::json::parser parser_;
  bool started_ = false;
  bool stopping_ = false;
  std::function<void()> stop_done_;
  std::function<void()> on_idle_;
  ResultObserver on_result_;
  std::mt19937_64 rng_{std::random_device{}()};
  DispatcherStats stats_;
  /// Handlers posted to the loop hold a weak reference: they do nothing once this is gone.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace rectifyd::notify
