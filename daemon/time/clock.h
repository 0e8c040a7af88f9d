#pragma once
// Where "now" comes from. The daemon uses SystemClock; tests and preview use ManualClock and
// move it by hand, so months of schedule run in milliseconds with the same code.

#include <chrono>

#include "core/model.h"

namespace rectifyd {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_(start) {}
  Instant now() const override { return now_; }
  void set(Instant t) { now_ = t; }
  void advance(std::chrono::seconds d) { now_ += d; }

 private:
  Instant now_;
};

}  // namespace rectifyd
