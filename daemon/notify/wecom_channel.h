#pragma once
// WeCom group robot: text with @-mentions for a message to a person, else markdown; long digests
// split at line boundaries (2048 / 4096 bytes). Errors arrive as errcode in an HTTP 200 body.

#include "notify/channel.h"

namespace rectifyd::notify {

class WecomChannel final : public Channel {
 public:
  using Channel::Channel;
  Result<std::vector<Request>> prepare(const Envelope& e, const SendContext& ctx) override;
  Outcome classify(const Request& req, const Response& r) const override;
};

}  // namespace rectifyd::notify
