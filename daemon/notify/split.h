#pragma once
// Cutting long messages for platforms with a size limit: at line (item) boundaries, and a
// single overlong line at a UTF-8 character boundary, never inside a character.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rectifyd::notify {

/// The longest prefix of `text` of at most `max_bytes` bytes that ends on a character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

/// Splits `text` into parts of at most `max_bytes` bytes each, breaking only between lines
/// ('\n') when possible. Every part after the first begins with `continued` (e.g. "（续）\n"),
/// which counts toward the limit. One part when the text fits.
std::vector<std::string> split_lines(std::string_view text, std::size_t max_bytes,
                                     std::string_view continued = {});

}  // namespace rectifyd::notify
