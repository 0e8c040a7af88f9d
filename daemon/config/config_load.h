#pragma once
// Reading the configuration: TOML text → a validated Config, or every mistake at once, each with
// its file:line:column. Secrets given as { file = "…" } or { env = "…" } are read here, at load
// time; no error ever contains a secret's value.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace rectifyd::config {

/// One problem found in a configuration file, at a place a person can go to.
struct Diagnostic {
  std::string file;
  int line = 0;    ///< 1-based; 0 when the problem has no single place (e.g. an unreadable file)
  int column = 0;  ///< 1-based
  std::string message;
};

/// "rectifyd.toml:14:9: meeting.weekday: expected one of monday…sunday …, got \"fryday\"".
std::string to_string(const Diagnostic& d);

struct LoadResult {
  std::optional<Config> config;  ///< set only when errors is empty
  std::vector<Diagnostic> errors;

  bool ok() const { return config.has_value(); }
  /// Every error, one per line (empty when ok).
  std::string error_text() const;
};

/// Reads and validates a file. The file name in diagnostics is `path` as given.
LoadResult load_config_file(const std::string& path);

/// Validates TOML text; `name` stands for the file in diagnostics and in Config::source.
LoadResult load_config_text(std::string_view text, const std::string& name);

/// The embedded default (config/rectifyd.toml as built), source "(embedded default)".
/// Always valid: a test keeps it so.
Config default_config();

/// Reports names the configuration mentions (meeting.participants, routing.person keys) that are
/// not among `known_people`, each at the place it is written. People live in the database, so
/// this runs after loading, against the current ledger.
std::vector<Diagnostic> check_against_people(const Config& config,
                                             const std::vector<std::string>& known_people);

}  // namespace rectifyd::config
