#include "web/request_limiter.h"

namespace rectifyd::web {
namespace {

constexpr std::chrono::seconds kWindow{60};

}  // namespace

std::optional<std::chrono::seconds> RequestLimiter::over(Times& t, int limit, Instant now) {
  while (!t.empty() && now - t.front() >= kWindow)
    t.pop_front();
  if (static_cast<int>(t.size()) < limit)
    return std::nullopt;
  return std::max(std::chrono::seconds(1),
                  std::chrono::duration_cast<std::chrono::seconds>(t.front() + kWindow - now));
}

std::optional<std::chrono::seconds> RequestLimiter::admit(std::string_view link, int per_link,
                                                          std::string_view address,
                                                          int per_address) {
  const Instant now = clock_.now();
  auto a = addresses_.find(address);
  if (a == addresses_.end())
    a = addresses_.emplace(std::string(address), Times{}).first;
  if (auto w = over(a->second, per_address, now))
    return w;
  auto l = links_.find(link);
  if (l == links_.end())
    l = links_.emplace(std::string(link), Times{}).first;
  if (auto w = over(l->second, per_link, now))
    return w;
  a->second.push_back(now);
  l->second.push_back(now);
  // Keys that went quiet are dropped so the maps stay small.
  if (links_.size() > 4096 || addresses_.size() > 4096) {
    for (auto* m : {&links_, &addresses_}) {
      for (auto it = m->begin(); it != m->end();) {
        while (!it->second.empty() && now - it->second.front() >= kWindow)
          it->second.pop_front();
        it = it->second.empty() ? m->erase(it) : std::next(it);
      }
    }
  }
  return std::nullopt;
}

}  // namespace rectifyd::web
