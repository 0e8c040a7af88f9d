#pragma once
// Delivery's view of each channel (notify::ChannelHealth) as the admin API shows it: gauges
// for /metrics and a "channels" object for /healthz.

#include <vector>

#include <boost/json/object.hpp>

#include "admin/metrics.h"
#include "core/model.h"
#include "notify/channel_health.h"

namespace rectifyd::admin {

inline constexpr std::string_view kChannelUp = "rectifyd_channel_up";
inline constexpr std::string_view kChannelFailures = "rectifyd_channel_failures";
inline constexpr std::string_view kChannelFailingSeconds = "rectifyd_channel_failing_seconds";

/// Sets the channel gauges (up 1/0, failed transfers since the last success, seconds failing).
void set_channel_gauges(Metrics& m, const std::vector<notify::ChannelStatus>& channels,
                        Instant now);

/// {"<id>": {"status": "ok" | "failing", "failures", "failing_since", "last_error",
/// "office_told"}}; a channel is listed once it has made a transfer.
boost::json::object channel_health_json(const std::vector<notify::ChannelStatus>& channels);

}  // namespace rectifyd::admin
