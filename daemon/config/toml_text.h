#pragma once
// TOML spellings of strings and keys, for text the project writes back as configuration
// (the redacted config, the audit diff, the admin API's PATCH).

#include <string>
#include <string_view>

namespace rectifyd::config {

/// A basic string with its escapes: "a \"b\"\n" → "\"a \\\"b\\\"\\n\"".
std::string toml_string(std::string_view s);
/// A key bare when it may be ("start", "max-age"), else quoted ("\"张三\"").
std::string toml_key(std::string_view s);

}  // namespace rectifyd::config
