#pragma once
// The documented default configuration, config/rectifyd.toml, embedded at build time so the
// daemon runs (and `rectifyctl config show` prints it) with no file at all.

#include <string_view>

namespace rectifyd::config {

/// The exact text of config/rectifyd.toml as built.
std::string_view default_config_text();

}  // namespace rectifyd::config
