#pragma once
// The configuration file's text as the console's editor may show it: every secret written
// inline (a webhook URL with its key, a signing secret, a password, a token) is replaced by a
// placeholder, and a file saved from the editor gets the values back where the placeholder
// still stands. Secrets given as { file = … } or { env = … } name only where the value is and
// are shown as written.

#include <string>
#include <string_view>
#include <vector>

#include "config/config_load.h"

namespace rectifyd::config {

/// What the editor shows instead of an inline secret's value, and what keeps it on save.
inline constexpr std::string_view kKeptSecret = "（已设置，保存时保持原值）";

struct MaskedText {
  std::string text;
  std::vector<Diagnostic> errors;  ///< when the text could not be read; `text` is then empty
  bool ok() const { return errors.empty(); }
};

/// `text` with each inline secret's string replaced by kKeptSecret, quoted. A text that does
/// not parse gives its errors and no text (a secret in it could not be found to hide).
MaskedText mask_secrets(std::string_view text, const std::string& file);

/// `edited` with each secret still reading kKeptSecret given back its value from `current`
/// (the same key: an admin token or TLS key, or the url, urls[i], secret or password of the channel
/// with the same id). A placeholder whose key has no inline value in `current` is an error at its
/// line and column. A text that does not parse is returned as it is, for the loader to report.
MaskedText restore_secrets(std::string_view edited, std::string_view current,
                           const std::string& file);

}  // namespace rectifyd::config
