#include "web/login_throttle.h"

#include <algorithm>

namespace rectifyd::web {

std::optional<std::chrono::seconds> LoginThrottle::wait(
    std::map<std::string, Failures, std::less<>>& m, std::string_view key, int limit) {
  auto it = m.find(key);
  if (it == m.end())
    return std::nullopt;
  const Instant now = clock_.now();
  Failures& f = it->second;
  while (!f.empty() && now - f.front() >= limits_.window)
    f.pop_front();
  if (f.empty()) {
    m.erase(it);
    return std::nullopt;
  }
  if (static_cast<int>(f.size()) < limit)
    return std::nullopt;
  // Refused until enough failures have aged out to go under the limit.
  const Instant until = f[f.size() - static_cast<std::size_t>(limit)] + limits_.window;
  return std::max(std::chrono::seconds(1),
                  std::chrono::duration_cast<std::chrono::seconds>(until - now));
}

std::optional<std::chrono::seconds> LoginThrottle::refused(std::string_view account,
                                                           std::string_view address) {
  auto a = wait(accounts_, account, limits_.per_account);
  auto b = wait(addresses_, address, limits_.per_address);
  if (a && b)
    return std::max(*a, *b);
  return a ? a : b;
}

void LoginThrottle::failed(std::string_view account, std::string_view address) {
  const Instant now = clock_.now();
  auto add = [&](std::map<std::string, Failures, std::less<>>& m, std::string_view key, int limit) {
    auto it = m.find(key);
    if (it == m.end())
      it = m.emplace(std::string(key), Failures{}).first;
    it->second.push_back(now);
    // Only the newest `limit` matter for the decision.
    while (static_cast<int>(it->second.size()) > limit)
      it->second.pop_front();
  };
  add(accounts_, account, limits_.per_account);
  add(addresses_, address, limits_.per_address);
  // Forgotten names and addresses do not pile up.
  if (accounts_.size() + addresses_.size() > 100000) {
    accounts_.clear();
    addresses_.clear();
  }
}

void LoginThrottle::succeeded(std::string_view account) {
  if (auto it = accounts_.find(account); it != accounts_.end())
    accounts_.erase(it);
}

}  // namespace rectifyd::web
