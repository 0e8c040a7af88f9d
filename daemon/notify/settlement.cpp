#include "notify/settlement.h"

#include <algorithm>

#include "notify/backoff.h"

namespace rectifyd::notify {
using namespace std::chrono_literals;

store::Settlement settle_attempt(const store::OutboxRow& row, const Outcome& outcome,
                                 const config::DeliveryConfig& d, Instant now, double jitter) {
  store::Settlement s{row.id, store::OutboxState::sent, {}, ""};
  switch (outcome.kind) {
    case Outcome::Kind::sent:
      break;
    case Outcome::Kind::retry: {
      // Age counts from when the row was first due, so a row deferred past a weekend by quiet
      // hours still gets its full max_age of retries.
      const auto deadline = row.due_at + d.max_age;
      if (now >= deadline) {
        s.state = store::OutboxState::dead;
        s.error =
            outcome.reason + " (undelivered after " +
            std::to_string(std::chrono::duration_cast<std::chrono::hours>(d.max_age).count()) +
            " h)";
        break;
      }
      auto next = outcome.retry_at.value_or(
          now + backoff_delay(row.attempts, d.retry_base, d.retry_max, jitter));
      next = std::clamp(next, now + 1s, std::max(deadline, now + 1s));
      s.state = store::OutboxState::failed;
      s.not_before = next;
      s.error = outcome.reason;
      break;
    }
    case Outcome::Kind::permanent:
      s.state = store::OutboxState::dead;
      s.error = outcome.reason;
      break;
  }
  return s;
}

}  // namespace rectifyd::notify
