#pragma once
// Where "now" comes from. The daemon uses SystemClock; tests and preview use ManualClock and
// move it by hand, so months of schedule run in milliseconds with the same code.

#include <chrono>

#include "core/model.h"

namespace rectifyd {

class Clock {
 public:
  virtual ~Clock() = default;
  /// Now, in whole seconds (rounded down).
  virtual Instant now() const = 0;
  /// Now, to the millisecond; now() is this rounded down.
  virtual PreciseInstant precise_now() const { return now(); }
};

class SystemClock final : public Clock {
 public:
  Instant now() const override { return std::chrono::floor<std::chrono::seconds>(precise_now()); }
  PreciseInstant precise_now() const override {
    return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start) {}
  Instant now() const override { return std::chrono::floor<std::chrono::seconds>(now_); }
  PreciseInstant precise_now() const override { return now_; }
  void set(PreciseInstant t) { now_ = t; }
  void advance(std::chrono::milliseconds d) { now_ += d; }

 private:
  PreciseInstant now_;
};

}  // namespace rectifyd
