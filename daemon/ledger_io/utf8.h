#pragma once
// Small UTF-8 helpers the importers share: trimming that knows the ideographic space, columns
// counted in characters (what an editor shows), and validation with the offset of the first bad
// byte.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rectifyd::ledger_io {

/// Removes ASCII white space and Unicode spaces (U+3000 ideographic, U+2002 en, U+00A0 …)
/// from both ends.
std::string_view trim(std::string_view s);

/// The 1-based column, in characters, of byte `offset` within `line`.
std::size_t char_column(std::string_view line, std::size_t offset);

/// The byte offset of the first byte that is not valid UTF-8; nullopt when all is valid.
std::optional<std::size_t> invalid_utf8_at(std::string_view s);

/// The text with every byte that is not valid UTF-8 replaced by U+FFFD, so that it can be
/// echoed in JSON (an error quoting a request's path or query).
std::string replace_invalid_utf8(std::string_view s);

/// Length of a leading UTF-8 byte order mark (0 or 3).
std::size_t bom_length(std::string_view s);

}  // namespace rectifyd::ledger_io
