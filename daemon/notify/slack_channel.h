#pragma once
// Slack incoming webhook: mrkdwn text and blocks.

#include "notify/channel.h"

namespace rectifyd::notify {

class SlackChannel final : public Channel {
 public:
  using Channel::Channel;
  Result<std::vector<Request>> prepare(const Envelope& e, const SendContext& ctx) override;
};

}  // namespace rectifyd::notify
