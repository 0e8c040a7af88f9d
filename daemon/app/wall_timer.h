#pragma once
// A timer on the wall clock (CLOCK_REALTIME) that also notices when the wall clock is set.
// It is a timerfd armed with TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET on the daemon's loop:
// it expires when the wall clock reaches the instant, even across a clock change, and a
// discontinuous change of the clock (settimeofday, NTP step, an administrator's `date -s`)
// ends the wait with `clock_changed`, so the owner re-plans against the new time.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "core/result.h"

namespace rectifyd::app {

class WallTimer {
 public:
  enum class Outcome {
    expired,        ///< the wall clock reached the instant
    clock_changed,  ///< the wall clock was set; the instant may now be far or past
    cancelled,      ///< cancel() or destruction
  };
  using Handler = std::function<void(Outcome)>;

  /// Creates the timerfd; fails only when the kernel refuses one.
  static Result<std::unique_ptr<WallTimer>> create(boost::asio::io_context& io);

  WallTimer(const WallTimer&) = delete;
  WallTimer& operator=(const WallTimer&) = delete;
  ~WallTimer();

  /// Arms the timer for `when` (replacing any earlier wait, whose handler gets `cancelled`)
  /// and calls `handler` once on the loop. An instant in the past expires at once.
  Status async_wait_until(std::chrono::system_clock::time_point when, Handler handler);
  /// Waits for a clock change only (no expiry).
  Status async_wait_for_clock_change(Handler handler);
  /// Ends the pending wait, if any, with `cancelled`.
  void cancel();
  bool waiting() const;

 private:
  explicit WallTimer(boost::asio::io_context& io, int fd);
  Status arm(std::chrono::system_clock::time_point when);
  void start_read(Handler handler);

  struct Shared;
  boost::asio::posix::stream_descriptor fd_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace rectifyd::app
