#include "notify/settlement.h"

#include <gtest/gtest.h>

#include "core/dates.h"

namespace rectifyd::notify {
namespace {

using namespace std::chrono_literals;
using store::OutboxState;

Instant t0() {
  return *parse_instant("2026-12-01T01:00:00Z");
}

store::OutboxRow row(int attempts, Instant due_at) {
  store::OutboxRow r;
  r.id = 7;
  r.attempts = attempts;
  r.due_at = due_at;
  return r;
}

config::DeliveryConfig delivery() {
  config::DeliveryConfig d;
  d.max_age = 24h;
  d.retry_base = 30s;
  d.retry_max = 1h;
  return d;
}

TEST(Settlement, SentAndPermanent) {
  auto s = settle_attempt(row(1, t0()), Outcome::sent(), delivery(), t0(), 0.5);
  EXPECT_EQ(s.id, 7);
  EXPECT_EQ(s.state, OutboxState::sent);
  s = settle_attempt(row(1, t0()), Outcome::permanent("HTTP 404"), delivery(), t0(), 0.5);
  EXPECT_EQ(s.state, OutboxState::dead);
  EXPECT_EQ(s.error, "HTTP 404");
}

TEST(Settlement, RetryBacksOffWithJitter) {
  for (int attempt : {1, 2, 3, 10}) {
    const auto lo =
        settle_attempt(row(attempt, t0()), Outcome::retry("HTTP 500"), delivery(), t0(), 0.0);
    const auto hi =
        settle_attempt(row(attempt, t0()), Outcome::retry("HTTP 500"), delivery(), t0(), 1.0);
    EXPECT_EQ(lo.state, OutboxState::failed);
    EXPECT_EQ(lo.error, "HTTP 500");
    const auto d = std::min<std::chrono::seconds>(1h, 30s * (1 << (attempt - 1)));
    EXPECT_EQ(hi.not_before, t0() + d) << attempt;
    EXPECT_EQ(lo.not_before, t0() + d / 2) << attempt;
  }
}

TEST(Settlement, TheReceiversInstantWinsButNeverSoonerThanASecond) {
  auto s =
      settle_attempt(row(1, t0()), Outcome::retry("HTTP 429", t0() + 3s), delivery(), t0(), 0.5);
  EXPECT_EQ(s.not_before, t0() + 3s);
  s = settle_attempt(row(1, t0()), Outcome::retry("HTTP 429", t0()), delivery(), t0(), 0.5);
  EXPECT_EQ(s.not_before, t0() + 1s);
}

TEST(Settlement, MaxAgeCountsFromWhenTheRowWasFirstDue) {
  const Instant due = t0();
  // A retry asked for after the deadline is kept at the deadline…
  auto s = settle_attempt(row(5, due), Outcome::retry("HTTP 503", due + 30h), delivery(), due + 23h,
                          0.5);
  EXPECT_EQ(s.state, OutboxState::failed);
  EXPECT_EQ(s.not_before, due + 24h);
  // …where the row dies, saying why.
  s = settle_attempt(row(6, due), Outcome::retry("HTTP 503"), delivery(), due + 24h, 0.5);
  EXPECT_EQ(s.state, OutboxState::dead);
  EXPECT_EQ(s.error, "HTTP 503 (undelivered after 24 h)");
}

}  // namespace
}  // namespace rectifyd::notify
