#pragma once
// Base64 (RFC 4648, with padding), for signatures, mail parts and bytes carried in JSON.

#include <optional>
#include <string>
#include <string_view>

namespace rectifyd {

std::string base64_encode(std::string_view bytes);
/// nullopt when `text` is not valid base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace rectifyd
