#pragma once
// Requests to the owners' pages counted per link and per address over a sliding minute: past
// the limit a request is refused until the oldest one of the minute ages out. A wrong token
// counts against its address like a right one, so guessing links is slow. In memory.

#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "time/clock.h"

namespace rectifyd::web {

class RequestLimiter {
 public:
  explicit RequestLimiter(const Clock& clock) : clock_(clock) {}

  /// Counts one request; how long to wait when it is over either limit (and then it is not
  /// counted against the other key).
  std::optional<std::chrono::seconds> admit(std::string_view link, int per_link,
                                            std::string_view address, int per_address);

 private:
  using Times = std::deque<Instant>;
  std::optional<std::chrono::seconds> over(Times& t, int limit, Instant now);

  const Clock& clock_;
  std::map<std::string, Times, std::less<>> links_;
  std::map<std::string, Times, std::less<>> addresses_;
};

}  // namespace rectifyd::web
