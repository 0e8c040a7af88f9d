#pragma once
// The small cryptographic and encoding pieces the webhook platforms' signatures need.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/base64.h"

typedef struct evp_mac_ctx_st EVP_MAC_CTX;

namespace rectifyd::notify {

/// Raw 32-byte HMAC-SHA256 of `message` under `key`.
std::string hmac_sha256(std::string_view key, std::string_view message);

/// An HMAC-SHA256 key set up once and used for many messages: the MAC is looked up and keyed
/// when the key is made, not per message.
class HmacSha256Key {
 public:
  explicit HmacSha256Key(std::string_view key);
  ~HmacSha256Key();
  HmacSha256Key(const HmacSha256Key&) = delete;
  HmacSha256Key& operator=(const HmacSha256Key&) = delete;

  /// Raw 32-byte HMAC-SHA256 of the concatenation of `parts` (no copy of them is made).
  std::string sign(std::initializer_list<std::string_view> parts) const;

 private:
  std::string key_;
  EVP_MAC_CTX* ctx_ = nullptr;  ///< keyed; nullptr when OpenSSL could not make it
};

using ::rectifyd::base64_decode;
using ::rectifyd::base64_encode;
/// Percent-encodes everything but unreserved characters (RFC 3986).
std::string url_encode(std::string_view text);

}  // namespace rectifyd::notify
