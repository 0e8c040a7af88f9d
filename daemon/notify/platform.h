#pragma once
// Pieces the webhook channels share: choosing the URL, reading a platform's error code from
// an HTTP 200 body, the plain text of a message, and who must be @-mentioned.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "notify/channel.h"

namespace rectifyd::notify {

/// The URL of endpoint `i`; an Error (without the URL) when the channel has none.
Result<std::string> endpoint_url(const config::ChannelConfig& cfg, std::size_t i);

/// True when the message is for one person (so a group robot should @-mention them), false
/// for "group" and "office" messages.
bool addressed_to_person(const Envelope& e);

/// The subject line, then the text; a late message says so first.
std::string message_text(const Message& m);

/// A platform's numeric result member (errcode, code, StatusCode) in a JSON body.
struct PlatformReply {
  std::optional<std::int64_t> code;
  std::string message;  ///< errmsg / msg, shortened
};
PlatformReply read_platform_reply(const std::string& body,
                                  std::initializer_list<const char*> code_keys,
                                  std::initializer_list<const char*> message_keys);

/// Judges a platform answer: HTTP first (classify_http); then, on 2xx, the body's code:
/// 0 or absent sent, one of `rate_limited` retry in a minute, one of `permanent` (or any
/// other non-zero code) failed for good. `platform` names it in the reason.
Outcome classify_platform(const Response& r, const char* platform, const PlatformReply& reply,
                          std::initializer_list<std::int64_t> rate_limited,
                          std::initializer_list<std::int64_t> transient = {});

}  // namespace rectifyd::notify
