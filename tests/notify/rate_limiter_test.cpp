#include "notify/rate_limiter.h"

#include <gtest/gtest.h>

#include "core/dates.h"
#include "notify/backoff.h"
#include "time/clock.h"

namespace rectifyd::notify {
namespace {

using namespace std::chrono_literals;

TEST(TokenBucket, PerMinuteLimitRefillsContinuously) {
  ManualClock clock(*parse_instant("2026-12-01T01:00:00Z"));
  TokenBucket b({0, 20}, clock.now());
  for (int i = 0; i < 20; ++i)
    EXPECT_TRUE(b.try_acquire(clock.now())) << i;
  EXPECT_FALSE(b.try_acquire(clock.now()));
  EXPECT_EQ(b.next_available(clock.now()), clock.now() + 3s);
  clock.advance(2s);
  EXPECT_FALSE(b.try_acquire(clock.now()));
  clock.advance(1s);
  EXPECT_TRUE(b.try_acquire(clock.now()));
  EXPECT_FALSE(b.try_acquire(clock.now()));
  // A long pause refills to the burst size, never beyond.
  clock.advance(1h);
  int n = 0;
  while (b.try_acquire(clock.now()))
    ++n;
  EXPECT_EQ(n, 20);
}

TEST(TokenBucket, FeishuBothWindowsApply) {
  ManualClock clock(*parse_instant("2026-12-01T01:00:00Z"));
  TokenBucket b({5, 100}, clock.now());
  int sent = 0;
  for (int s = 0; s < 60; ++s) {
    int this_second = 0;
    while (b.try_acquire(clock.now()))
      ++this_second;
    EXPECT_LE(this_second, 5) << "second " << s;
    sent += this_second;
    clock.advance(1s);
  }
  // 100 at the start of the minute plus what refilled during it (100/60 per second).
  EXPECT_LE(sent, 100 + 100);
  EXPECT_GE(sent, 100);
  EXPECT_LT(sent, 5 * 60);
}

TEST(TokenBucket, UnlimitedAndPaused) {
  ManualClock clock(*parse_instant("2026-12-01T01:00:00Z"));
  TokenBucket b({0, 0}, clock.now());
  EXPECT_TRUE(b.unlimited());
  for (int i = 0; i < 1000; ++i)
    ASSERT_TRUE(b.try_acquire(clock.now()));
  b.pause_until(clock.now() + 30s);
  EXPECT_FALSE(b.try_acquire(clock.now()));
  EXPECT_EQ(b.next_available(clock.now()), clock.now() + 30s);
  clock.advance(30s);
  EXPECT_TRUE(b.try_acquire(clock.now()));
}

TEST(EndpointLimiter, SpreadsOverEndpointsWithTokens) {
  ManualClock clock(*parse_instant("2026-12-01T01:00:00Z"));
  EndpointLimiter l({1, 0}, 3, clock.now());
  std::vector<int> used(3);
  for (int i = 0; i < 3; ++i) {
    auto e = l.acquire(clock.now());
    ASSERT_TRUE(e.has_value());
    used[*e]++;
  }
  EXPECT_EQ(used, (std::vector<int>{1, 1, 1}));
  EXPECT_FALSE(l.acquire(clock.now()).has_value());
  l.pause(1, clock.now() + 10s);
  clock.advance(1s);
  std::vector<std::size_t> got;
  while (auto e = l.acquire(clock.now()))
    got.push_back(*e);
  EXPECT_EQ(got.size(), 2u);  // endpoint 1 is paused
  EXPECT_EQ(std::count(got.begin(), got.end(), 1u), 0);
}

TEST(Backoff, DoublesUpToTheCapWithJitterInTheUpperHalf) {
  EXPECT_EQ(backoff_delay(1, 30s, 1h, 0.0), 15s);
  EXPECT_EQ(backoff_delay(1, 30s, 1h, 1.0), 30s);
  EXPECT_EQ(backoff_delay(2, 30s, 1h, 1.0), 60s);
  EXPECT_EQ(backoff_delay(3, 30s, 1h, 0.5), 90s);
  EXPECT_EQ(backoff_delay(30, 30s, 1h, 1.0), 1h);
  EXPECT_EQ(backoff_delay(30, 30s, 1h, 0.0), 30min);
  EXPECT_EQ(backoff_delay(1, 1s, 1h, 0.0), 1s);  // never zero
}

}  // namespace
}  // namespace rectifyd::notify
