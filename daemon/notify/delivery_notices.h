#pragma once
// What delivery tells the office about delivery itself, as intents like every other message
// (written by engine::write_intents under plan::idempotency_key, texts by render/delivery_text):
// the dead-letter report of
// rows given up, and a channel failing for a while, then recovered. They go to the office's
// channels (routing.office), never through the channel they are about.

#include <string>
#include <vector>

#include <date/tz.h>

#include "config/config.h"
#include "notify/channel_health.h"
#include "plan/planner.h"
#include "render/delivery_text.h"

namespace rectifyd::notify {

/// Rule names of these intents: their rows are never reported in a dead-letter report (a
/// report about a report that could not be sent would loop).
inline constexpr std::string_view kDeadLetterRule = "dead_letter";
inline constexpr std::string_view kChannelDownRule = "channel_down";
inline constexpr std::string_view kChannelRecoveredRule = "channel_recovered";
bool is_delivery_notice(std::string_view kind);

/// The dead-letter report for rows whose ids span [lo, hi], settled at `now`.
plan::Intent dead_letter_intent(const config::Config& cfg,
                                const std::vector<render::DeadLetterEntry>& rows, Id lo, Id hi,
                                Instant now);

/// A channel failing since s.failing_since (down), or recovered at `now` (recovered = true).
/// Its own channel is left out of the office's channels; none left: no channels.
plan::Intent channel_notice_intent(const config::Config& cfg, const date::time_zone* zone,
                                   const ChannelStatus& s, bool recovered, Instant now);

}  // namespace rectifyd::notify
