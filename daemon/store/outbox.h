#pragma once
// The outbox: every notification is a row here before anything is sent. The planner adds rows
// in the same transaction that advances its schedule state; delivery claims, sends and settles
// them. The idempotency key (rule, occurrence, recipient, channel) is unique: adding a row
// whose key exists already changes nothing.

#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "store/database.h"

namespace rectifyd::store {

enum class OutboxState { pending, sending, sent, failed, dead };

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
};

class Outbox {
 public:
  explicit Outbox(Database& db) : db_(db) {}

  /// Adds a row unless its key exists; true when added. Joins the caller's write transaction.
  bool enqueue(const NewNotification& n, Instant now);

 private:
  Database& db_;
};

}  // namespace rectifyd::store
