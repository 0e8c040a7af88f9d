#include "app/wall_timer.h"

#include <chrono>
#include <optional>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

namespace rectifyd::app {
namespace {

using namespace std::chrono_literals;
using Outcome = WallTimer::Outcome;
using WallClock = std::chrono::system_clock;

std::unique_ptr<WallTimer> make_timer(boost::asio::io_context& io) {
  auto t = WallTimer::create(io);
  EXPECT_TRUE(t) << t.error().message;
  return std::move(*t);
}

TEST(WallTimer, ExpiresWhenTheWallClockReachesTheInstant) {
  boost::asio::io_context io;
  auto timer = make_timer(io);
  std::optional<Outcome> got;
  const auto when = WallClock::now() + 80ms;
  ASSERT_TRUE(timer->async_wait_until(when, [&](Outcome o) { got = o; }));
  EXPECT_TRUE(timer->waiting());
  io.run_for(10s);
  ASSERT_EQ(got, Outcome::expired);
  EXPECT_GE(WallClock::now(), when);
  EXPECT_FALSE(timer->waiting());
}

TEST(WallTimer, AnInstantInThePastExpiresAtOnce) {
  boost::asio::io_context io;
  auto timer = make_timer(io);
  std::optional<Outcome> got;
  ASSERT_TRUE(timer->async_wait_until(WallClock::now() - 1h, [&](Outcome o) { got = o; }));
  io.run_for(10s);
  EXPECT_EQ(got, Outcome::expired);
}

TEST(WallTimer, TheEpochItselfStillExpires) {
  // A zero it_value would disarm a timerfd; the wrapper must not turn "long ago" into "never".
  boost::asio::io_context io;
  auto timer = make_timer(io);
  std::optional<Outcome> got;
  ASSERT_TRUE(timer->async_wait_until(WallClock::time_point{}, [&](Outcome o) { got = o; }));
  io.run_for(10s);
  EXPECT_EQ(got, Outcome::expired);
}

TEST(WallTimer, CancelEndsTheWaitWithCancelled) {
  boost::asio::io_context io;
  auto timer = make_timer(io);
  std::optional<Outcome> got;
  ASSERT_TRUE(timer->async_wait_for_clock_change([&](Outcome o) { got = o; }));
  EXPECT_TRUE(timer->waiting());
  timer->cancel();
  EXPECT_FALSE(timer->waiting());
  io.run_for(10s);
  EXPECT_EQ(got, Outcome::cancelled);
}

TEST(WallTimer, ArmingAgainCancelsTheEarlierWait) {
  boost::asio::io_context io;
  auto timer = make_timer(io);
  std::vector<std::pair<int, Outcome>> got;
  ASSERT_TRUE(
      timer->async_wait_until(WallClock::now() + 1h, [&](Outcome o) { got.emplace_back(1, o); }));
  ASSERT_TRUE(
      timer->async_wait_until(WallClock::now() + 20ms, [&](Outcome o) { got.emplace_back(2, o); }));
  io.run_for(10s);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], std::make_pair(1, Outcome::cancelled));
  EXPECT_EQ(got[1], std::make_pair(2, Outcome::expired));
}

TEST(WallTimer, DestroyingTheTimerCancelsItsWait) {
  boost::asio::io_context io;
  std::optional<Outcome> got;
  {
    auto timer = make_timer(io);
    ASSERT_TRUE(timer->async_wait_for_clock_change([&](Outcome o) { got = o; }));
  }
  io.run_for(10s);
  EXPECT_EQ(got, Outcome::cancelled);
}

TEST(WallTimer, CanWaitAgainAfterExpiring) {
  boost::asio::io_context io;
  auto timer = make_timer(io);
  int expired = 0;
  std::function<void(Outcome)> again = [&](Outcome o) {
    if (o == Outcome::expired && ++expired < 3) {
      ASSERT_TRUE(timer->async_wait_until(WallClock::now() + 5ms, again));
    }
  };
  ASSERT_TRUE(timer->async_wait_until(WallClock::now() + 5ms, again));
  io.run_for(10s);
  EXPECT_EQ(expired, 3);
}

}  // namespace
}  // namespace rectifyd::app
