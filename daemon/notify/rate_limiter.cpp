#include "notify/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace rectifyd::notify {

TokenBucket::TokenBucket(config::RateLimit rate, Instant now) : last_(now) {
  if (rate.per_second > 0)
    buckets_.push_back({rate.per_second, rate.per_second, rate.per_second});
  if (rate.per_minute > 0)
    buckets_.push_back({rate.per_minute, rate.per_minute / 60.0, rate.per_minute});
}

void TokenBucket::refill(Instant now) {
  if (now <= last_)
    return;
  auto elapsed = static_cast<double>((now - last_).count());
  for (auto& b : buckets_)
    b.tokens = std::min(b.capacity, b.tokens + elapsed * b.per_second);
  last_ = now;
}

bool TokenBucket::try_acquire(Instant now) {
  if (now < paused_until_)
    return false;
  refill(now);
  for (const auto& b : buckets_) {
    if (b.tokens < 1.0)
      return false;
  }
  for (auto& b : buckets_)
    b.tokens -= 1.0;
  return true;
}

Instant TokenBucket::next_available(Instant now) {
  refill(now);
  Instant at = std::max(now, paused_until_);
  for (const auto& b : buckets_) {
    if (b.tokens < 1.0) {
      auto wait = std::ceil((1.0 - b.tokens) / b.per_second);
      at = std::max(at, now + std::chrono::seconds{static_cast<long long>(wait)});
    }
  }
  return at;
}

void TokenBucket::pause_until(Instant until) {
  paused_until_ = std::max(paused_until_, until);
}

EndpointLimiter::EndpointLimiter(config::RateLimit rate, std::size_t endpoints, Instant now) {
  buckets_.reserve(std::max<std::size_t>(endpoints, 1));
  for (std::size_t i = 0; i < std::max<std::size_t>(endpoints, 1); ++i)
    buckets_.emplace_back(rate, now);
}

std::optional<std::size_t> EndpointLimiter::acquire(Instant now) {
  for (std::size_t n = 0; n < buckets_.size(); ++n) {
    auto i = (next_ + n) % buckets_.size();
    if (buckets_[i].try_acquire(now)) {
      next_ = (i + 1) % buckets_.size();
      return i;
    }
  }
  return std::nullopt;
}

bool EndpointLimiter::acquire_on(std::size_t endpoint, Instant now) {
  return buckets_.at(endpoint).try_acquire(now);
}

Instant EndpointLimiter::next_available(Instant now) {
  Instant best = Instant::max();
  for (auto& b : buckets_)
    best = std::min(best, b.next_available(now));
  return best;
}

Instant EndpointLimiter::next_available_on(std::size_t endpoint, Instant now) {
  return buckets_.at(endpoint).next_available(now);
}

void EndpointLimiter::pause(std::size_t endpoint, Instant until) {
  buckets_.at(endpoint).pause_until(until);
}

}  // namespace rectifyd::notify
