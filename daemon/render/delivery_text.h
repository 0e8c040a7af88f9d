#pragma once
// The texts delivery sends to the office about delivery itself: the dead-letter report (rows
// given up) and a channel that has been failing for a while, then its recovery. Chinese,
// short, saying what to do and by when. Pure functions of plain values.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/message.h"

namespace rectifyd::render {

/// One row given up, as the dead-letter report lists it.
struct DeadLetterEntry {
  std::string subject;  ///< empty: the kind is shown instead
  std::string kind;
  std::string recipient;
  std::string channel;
  int attempts = 0;
  std::string reason;
};

/// "有 3 条通知未能送达": the first 50 rows listed, the rest counted.
Message render_dead_letter(const std::vector<DeadLetterEntry>& rows);

struct ChannelOutage {
  std::string channel;
  std::string since_local;  ///< "12月1日 09:00", in the unit's zone
  std::chrono::minutes failing_for{0};
  std::uint64_t failures = 0;
  std::string last_error;
  std::string until_local;  ///< recovered: when, in the unit's zone
  std::string unit_name;
};

/// A channel has been failing for a while: what is affected and what to check.
Message render_channel_down(const ChannelOutage& o);
/// The channel works again: what was held back goes out now.
Message render_channel_recovered(const ChannelOutage& o);

}  // namespace rectifyd::render
