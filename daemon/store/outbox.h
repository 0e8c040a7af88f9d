#pragma once
// The outbox: every notification is a row here before anything is sent. The planner adds rows
// in the same transaction that advances its schedule state; delivery claims, sends and settles
// them. The idempotency key (rule, occurrence, recipient, channel) is unique: adding a row
// whose key exists already changes nothing.
//
// Life of a row: pending → (claim) sending → sent | failed (retry at not_before) | dead.
// A row left 'sending' by a crash is made pending again at start-up and sent again with the
// same key, so a receiver can drop the duplicate.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "store/database.h"

namespace rectifyd::store {

enum class OutboxState { pending, sending, sent, failed, dead };

std::string_view to_string(OutboxState s);
std::optional<OutboxState> outbox_state_from_string(std::string_view s);

struct NewNotification {
  std::string key;        ///< idempotency key, e.g. "reminder/m12@2026-12-01/p7/email"
  std::string kind;       ///< reminder, overdue, meeting_notice…
  std::string channel;    ///< a channel id from the config
  std::string recipient;  ///< a person's name, or "group" / "office"
  std::string subject;
  std::string payload;   ///< the Message as JSON (core/message.h)
  Instant not_before{};  ///< not sent before this (working hours, planned time)
  bool late = false;
};

struct OutboxRow {
  Id id = 0;
  std::string key;
  std::string kind;
  std::string channel;
  std::string recipient;
  std::string subject;
  std::string payload;
  OutboxState state = OutboxState::pending;
  int attempts = 0;
  Instant not_before{};
  std::string last_error;
  bool late = false;
  Instant created_at{};
  Instant updated_at{};
  std::optional<Instant> sent_at;
  /// When the row was first due: its planned not_before, or created_at when that was earlier.
  /// delivery.max_age counts from here, so time spent deferred (quiet hours, a weekend) does
  /// not count against it; backoff and restarts do not move it.
  Instant due_at{};
};

/// The result of one attempt, applied by settle().
struct Settlement {
  Id id = 0;
  OutboxState state = OutboxState::sent;  ///< sent, failed (retry at not_before), dead, pending
  Instant not_before{};                   ///< failed: when to try again
  std::string error;                      ///< failed/dead: why (no secrets)
};

/// Keeps its prepared statements between calls (the delivery loop and bulk enqueues call it for
/// every row); an Outbox must not outlive its Database. Not thread-safe, like the Database.
class Outbox {
 public:
  explicit Outbox(Database& db);
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  /// Adds a row unless its key exists; true when added. Joins the caller's write transaction.
  bool enqueue(const NewNotification& n, Instant now);

  /// Claims due rows (pending or failed, not_before ≤ now), oldest first, at most
  /// `limits[channel]` per channel: marks them 'sending' and raises attempts, in one
  /// transaction (joins the caller's), before any transfer starts. Channels not in `limits`
  /// are not claimed. The rows come back as they now are (state sending, attempts raised).
  std::vector<OutboxRow> claim_due(const std::map<std::string, std::size_t>& limits, Instant now);

  /// Applies the results of attempts, all in one transaction (joins the caller's).
  void settle(std::span<const Settlement> results, Instant now);

  /// Start-up: rows a previous run left 'sending' become pending again (attempts kept), due
  /// now. Returns how many.
  int reset_sending(Instant now);

  /// The earliest not_before among pending and failed rows of these channels (all channels
  /// when empty).
  std::optional<Instant> next_due(std::span<const std::string> channels = {});

  /// The channels that have pending or failed rows.
  std::vector<std::string> queued_channels();

  std::optional<OutboxRow> get(Id id);
  /// Rows in a state (all states when nullopt), newest first.
  /// The rows whose message names the measure (its payload's items), newest first.
  std::vector<OutboxRow> about_measure(Id measure, std::size_t limit = 200);
  std::vector<OutboxRow> list(std::optional<OutboxState> state, std::size_t limit = 100,
                              std::size_t offset = 0);
  /// How many rows are in each state.
  std::map<OutboxState, int> counts();

  /// A dead row is tried again from now, its age counted afresh (due_at = now); false when it
  /// is not dead.
  bool retry_dead(Id id, Instant now);
  /// Removes a row that is not being sent; false when missing or 'sending'.
  bool drop(Id id);
  /// Removes sent rows whose sent_at is before `before`; returns how many.
  int prune_sent(Instant before);
  /// The earliest sent_at among sent rows; nullopt when there is none.
  std::optional<Instant> oldest_sent();

 private:
  struct Cache;
  Database& db_;
  std::unique_ptr<Cache> cache_;
};

/// The rows of one state and channel, and their delivery attempts beyond the first.
struct OutboxTally {
  std::string state;
  std::string channel;
  std::int64_t rows = 0;
  std::int64_t retried_attempts = 0;
};

/// Every state and channel that has rows.
std::vector<OutboxTally> outbox_tally(Database& db);

}  // namespace rectifyd::store
