#pragma once
// Token buckets per robot / endpoint. Platforms limit each robot URL (WeCom 20 messages a
// minute, Feishu 5 a second and 100 a minute…); every message to that URL shares its bucket.
// Time comes in as an argument, so tests drive it with a ManualClock.

#include <cstddef>
#include <optional>
#include <vector>

#include "config/config.h"
#include "core/model.h"

namespace rectifyd::notify {

/// One endpoint's limit: a bucket per configured window (per second, per minute), each full
/// at the start and refilled continuously. A token is taken only when every bucket has one.
class TokenBucket {
 public:
  TokenBucket(config::RateLimit rate, Instant now);

  bool unlimited() const { return buckets_.empty(); }
  /// Takes one token when available now.
  bool try_acquire(Instant now);
  /// The earliest instant a token is available (now when one is).
  Instant next_available(Instant now);
  /// The platform said "too many": no tokens before `until`.
  void pause_until(Instant until);

 private:
  struct Bucket {
    double capacity;
    double per_second;
    double tokens;
  };
  void refill(Instant now);

  std::vector<Bucket> buckets_;
  Instant last_;
  Instant paused_until_{};
};

/// The buckets of one channel's endpoints; picks an endpoint that has a token, rotating so
/// that several URLs share the load.
class EndpointLimiter {
 public:
  EndpointLimiter(config::RateLimit rate, std::size_t endpoints, Instant now);

  std::size_t endpoints() const { return buckets_.size(); }
  /// An endpoint with a token (the token is taken), or nullopt when none has one now.
  std::optional<std::size_t> acquire(Instant now);
  /// Takes a token from this endpoint when it has one.
  bool acquire_on(std::size_t endpoint, Instant now);
  /// The earliest instant any endpoint has a token.
  Instant next_available(Instant now);
  Instant next_available_on(std::size_t endpoint, Instant now);
  void pause(std::size_t endpoint, Instant until);

 private:
  std::vector<TokenBucket> buckets_;
  std::size_t next_ = 0;
};

}  // namespace rectifyd::notify
