#include "notify/backoff.h"

#include <algorithm>

namespace rectifyd::notify {

std::chrono::seconds backoff_delay(int attempt, std::chrono::seconds base, std::chrono::seconds cap,
                                   double jitter) {
  double d = static_cast<double>(std::max<long long>(base.count(), 1));
  for (int i = 1; i < attempt && d < static_cast<double>(cap.count()); ++i)
    d *= 2;
  d = std::min(d, static_cast<double>(std::max<long long>(cap.count(), 1)));
  jitter = std::clamp(jitter, 0.0, 1.0);
  auto s = static_cast<long long>(d / 2 + jitter * d / 2);
  return std::chrono::seconds{std::max<long long>(s, 1)};
}

}  // namespace rectifyd::notify
