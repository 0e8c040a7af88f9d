#pragma once
// The small cryptographic and encoding pieces the webhook platforms' signatures need.

#include <optional>
#include <string>
#include <string_view>

#include "core/base64.h"

namespace rectifyd::notify {

/// Raw 32-byte HMAC-SHA256 of `message` under `key`.
std::string hmac_sha256(std::string_view key, std::string_view message);
using ::rectifyd::base64_decode;
using ::rectifyd::base64_encode;
/// Percent-encodes everything but unreserved characters (RFC 3986).
std::string url_encode(std::string_view text);

}  // namespace rectifyd::notify
