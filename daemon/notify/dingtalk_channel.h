#pragma once
// DingTalk custom robot: text or markdown with at.atMobiles / at.atUserIds; signed URL (timestamp +
// sign) when a secret is set.

#include "notify/channel.h"

namespace rectifyd::notify {

class DingtalkChannel final : public Channel {
 public:
  using Channel::Channel;
  Result<std::vector<Request>> prepare(const Envelope& e, const SendContext& ctx) override;
  Outcome classify(const Request& req, const Response& r) const override;
};

}  // namespace rectifyd::notify
