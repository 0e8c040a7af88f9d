#include "admin/channel_health_view.h"

#include "core/dates.h"

namespace rectifyd::admin {

void set_channel_gauges(Metrics& m, const std::vector<notify::ChannelStatus>& channels,
                        Instant now) {
  m.describe(kChannelUp, MetricType::gauge,
             "1 when the channel's last transfer went through, 0 while it is failing.");
  m.describe(kChannelFailures, MetricType::gauge,
             "Failed transfers on the channel since its last success.");
  m.describe(kChannelFailingSeconds, MetricType::gauge,
             "Seconds since the channel's first failure after its last success; 0 when up.");
  m.clear(kChannelUp);
  m.clear(kChannelFailures);
  m.clear(kChannelFailingSeconds);
  for (const auto& s : channels) {
    const Labels l{{"channel", s.channel}};
    m.set(kChannelUp, l, s.failing ? 0 : 1);
    m.set(kChannelFailures, l, static_cast<double>(s.failures));
    const auto failing_for =
        s.failing && s.failing_since ? (now - *s.failing_since).count() : std::int64_t{0};
    m.set(kChannelFailingSeconds, l, static_cast<double>(failing_for));
  }
}

boost::json::object channel_health_json(const std::vector<notify::ChannelStatus>& channels) {
  boost::json::object out;
  for (const auto& s : channels) {
    boost::json::object c;
    c["status"] = s.failing ? "failing" : "ok";
    c["failures"] = static_cast<std::int64_t>(s.failures);
    c["failing_since"] = s.failing_since ? boost::json::value(format_instant_utc(*s.failing_since))
                                         : boost::json::value(nullptr);
    c["last_error"] = s.failing ? boost::json::value(s.last_error) : boost::json::value(nullptr);
    c["office_told"] = s.office_told;
    out[s.channel] = std::move(c);
  }
  return out;
}

}  // namespace rectifyd::admin
