#pragma once
// %XX escapes as URLs and HTML forms write them (RFC 3986; a form also writes a space as '+').

#include <optional>
#include <string>
#include <string_view>

namespace rectifyd {

/// "%E5%BC%A0+x" → "张 x" (plus as space only when `form`); nullopt for a malformed escape.
std::optional<std::string> percent_decode(std::string_view s, bool form);

}  // namespace rectifyd
