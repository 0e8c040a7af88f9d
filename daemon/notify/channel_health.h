#pragma once
// How each channel is doing, from the outcomes of its transfers: healthy, or failing since the
// first failure after its last success. Pure bookkeeping (no I/O, no clock of its own): the
// dispatcher feeds it every finished transfer and acts on what it answers, logging each
// change of health (the first failure with its error, a rate-limited "still failing" with the
// count in between, the recovery) and telling the office, through its other channels, when a
// channel has been failing for `alert_after`, once, and again when it recovers.
//
// Kept by the delivery service across dispatcher rebuilds (a reload), so a reload does not
// make a failing channel look new; read by the admin API for /metrics and /healthz.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model.h"

namespace rectifyd::notify {

struct ChannelStatus {
  std::string channel;
  bool failing = false;
  /// The first failure after the last success (failing only).
  std::optional<Instant> failing_since;
  std::uint64_t failures = 0;  ///< failed transfers since the last success
  std::string last_error;      ///< of the last failure (no secrets: an Outcome's reason)
  std::optional<Instant> last_success;
  std::uint64_t transfers_total = 0;
  std::uint64_t failures_total = 0;
  /// The office has been told that this channel is failing (and will be told of its recovery).
  bool office_told = false;
};

/// What the dispatcher should say after a transfer.
struct HealthChange {
  enum class Kind {
    failing,        ///< the first failure after a success (or since start)
    still_failing,  ///< a summary, at most once per log_every while the channel fails
    recovered,      ///< the first success after failures
  };
  Kind kind = Kind::failing;
  ChannelStatus status;  ///< as it is now; for recovered, as it was just before the success
  /// still_failing: failures since the last line logged for this channel.
  std::uint64_t failures_since_logged = 0;
};

class ChannelHealth {
 public:
  explicit ChannelHealth(std::chrono::seconds alert_after = std::chrono::minutes{30},
                         std::chrono::seconds log_every = std::chrono::minutes{5});

  /// A reload may change delivery.channel_alert_after.
  void set_alert_after(std::chrono::seconds d) { alert_after_ = d; }
  std::chrono::seconds alert_after() const { return alert_after_; }

  /// A transfer on `channel` went through; a recovery when the channel was failing.
  std::optional<HealthChange> succeeded(const std::string& channel, Instant now);
  /// A transfer on `channel` failed (it will be retried, or has died).
  std::optional<HealthChange> failed(const std::string& channel, const std::string& error,
                                     Instant now);

  /// Channels failing for at least alert_after whose office has not been told yet: they are
  /// marked told and returned (each once per failing spell).
  std::vector<ChannelStatus> take_due_alerts(Instant now);
  /// When the earliest untold failing channel reaches alert_after; nullopt when none will.
  std::optional<Instant> next_alert() const;

  /// Channels the configuration no longer has are forgotten.
  void retain(const std::set<std::string>& channels);

  /// Every channel seen so far, by id.
  std::vector<ChannelStatus> snapshot() const;
  std::optional<ChannelStatus> status(const std::string& channel) const;

 private:
  struct Entry {
    ChannelStatus status;
    std::optional<Instant> last_logged;
    std::uint64_t failures_at_log = 0;
  };
  Entry& entry(const std::string& channel);

  std::chrono::seconds alert_after_;
  std::chrono::seconds log_every_;
  std::map<std::string, Entry> channels_;
};

}  // namespace rectifyd::notify
