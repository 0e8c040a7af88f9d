#pragma once
// Standard Webhooks signed JSON (docs/generic-webhook.md): one POST per message, idempotency key in
// webhook-id and Idempotency-Key.

#include "notify/channel.h"

namespace rectifyd::notify {

class GenericChannel final : public Channel {
 public:
  using Channel::Channel;
  Result<std::vector<Request>> prepare(const Envelope& e, const SendContext& ctx) override;
};

}  // namespace rectifyd::notify
