#pragma once
// When to try again after a transient failure: exponential backoff with jitter, so that many
// rows failing together (a platform outage) do not all come back at the same second.

#include <chrono>

namespace rectifyd::notify {

/// The delay before attempt `attempt + 1` after `attempt` failed (attempt ≥ 1):
/// d = min(cap, base · 2^(attempt−1)), then a point in [d/2, d] chosen by `jitter` ∈ [0, 1].
/// Never less than one second.
std::chrono::seconds backoff_delay(int attempt, std::chrono::seconds base, std::chrono::seconds cap,
                                   double jitter);

}  // namespace rectifyd::notify
