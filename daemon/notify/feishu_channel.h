#pragma once
// Feishu custom bot: text with <at> mentions, or post; signature (timestamp, sign) in the body;
// bodies over 20 KB split.

#include "notify/channel.h"

namespace rectifyd::notify {

class FeishuChannel final : public Channel {
 public:
  using Channel::Channel;
  Result<std::vector<Request>> prepare(const Envelope& e, const SendContext& ctx) override;
  Outcome classify(const Request& req, const Response& r) const override;
};

}  // namespace rectifyd::notify
