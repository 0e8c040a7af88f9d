#pragma once
// Failed logins slow down guessing: after `per_account` failures for one name, or `per_address`
// from one address, within `window`, further attempts are refused until the oldest failure of
// the window has aged out. A successful login clears its account's failures. Kept in memory:
// a restart forgets them, which costs a guesser a restart of the daemon.

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "time/clock.h"

namespace rectifyd::web {

struct ThrottleLimits {
  int per_account = 5;
  int per_address = 20;
  std::chrono::seconds window = std::chrono::minutes(15);
};

class LoginThrottle {
 public:
  explicit LoginThrottle(const Clock& clock, ThrottleLimits limits = {})
      : clock_(clock), limits_(limits) {}

  /// How long to wait before trying again; nullopt when an attempt may be made now.
  std::optional<std::chrono::seconds> refused(std::string_view account, std::string_view address);
  void failed(std::string_view account, std::string_view address);
  void succeeded(std::string_view account);

 private:
  using Failures = std::deque<Instant>;
  std::optional<std::chrono::seconds> wait(std::map<std::string, Failures, std::less<>>& m,
                                           std::string_view key, int limit);

  const Clock& clock_;
  ThrottleLimits limits_;
  std::map<std::string, Failures, std::less<>> accounts_;
  std::map<std::string, Failures, std::less<>> addresses_;
};

}  // namespace rectifyd::web
