#pragma once
// Standard Webhooks signed JSON (docs/generic-webhook.md): one POST per message, idempotency key in
// webhook-id and Idempotency-Key.

#include <memory>
#include <string>

#include "notify/channel.h"
#include "notify/signing.h"

namespace rectifyd::notify {

/// The JSON body a generic webhook carries for an envelope (docs/generic-webhook.md).
std::string generic_webhook_body(const Envelope& e);

class GenericChannel final : public Channel {
 public:
  /// Decodes the signing secret once: every message of this channel is signed with it. A new
  /// configuration (a reload) builds a new channel, and with it the new key.
  explicit GenericChannel(config::ChannelConfig cfg);
  Result<std::vector<Request>> prepare(const Envelope& e, const SendContext& ctx) override;

 private:
  std::unique_ptr<HmacSha256Key> key_;  ///< nullptr: no secret (unsigned), or a bad one
  bool bad_secret_ = false;             ///< the secret is not whsec_ followed by base64
};

}  // namespace rectifyd::notify
