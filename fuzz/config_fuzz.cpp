// The configuration: any bytes give a Config or diagnostics at lines and columns inside the
// text; an accepted configuration, written back as TOML (redacted_toml), loads to the same
// settings.

#include <cstdint>

#include "config/config_diff.h"
#include "config/config_load.h"
#include "fuzz_check.h"

using namespace rectifyd;

namespace {

/// Every setting but secrets (written back redacted, so they cannot round-trip), as text.
std::string settings_text(const config::Config& c) {
  std::string out;
  for (const auto& s : config::flatten(c)) {
    if (s.secret)
      continue;
    out += s.key() + " = " + s.text + "\n";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const std::size_t lines = fuzz::line_count(text);
  const config::LoadResult loaded = config::load_config_text(text, "fuzz.toml");
  if (!loaded.ok()) {
    fuzz::require(!loaded.errors.empty(), "a refused configuration says why");
    for (const auto& d : loaded.errors) {
      const std::string shown = config::to_string(d);
      fuzz::require(d.file == "fuzz.toml", "a diagnostic names the file", shown);
      fuzz::require(!d.message.empty(), "a diagnostic says what is wrong", shown);
      if (d.line == 0)
        continue;  // a problem of the whole file
      fuzz::require(d.line >= 1 && static_cast<std::size_t>(d.line) <= lines,
                    "a diagnostic's line is inside the file", shown);
      fuzz::require(d.column >= 1, "a diagnostic's column is a column", shown);
    }
    return 0;
  }

  const std::string written = config::redacted_toml(*loaded.config);
  const config::LoadResult again = config::load_config_text(written, "written.toml");
  fuzz::require(again.ok(), "the configuration written back loads",
                again.error_text() + "\n--- written:\n" + written);
  const std::string before = settings_text(*loaded.config);
  const std::string after = settings_text(*again.config);
  fuzz::require(before == after, "the configuration written back has the same settings",
                before + "\n--- after:\n" + after);
  return 0;
}
