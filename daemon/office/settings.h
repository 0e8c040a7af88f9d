#pragma once
// The configuration as the office edits it while rectifyd runs: check a candidate (every error
// at its file:line:column, nothing changed), write it over the file and reload (the previous
// file put back when the reload refuses it), change a few keys in place, reload the file as it
// is. The editor's text carries a placeholder for each inline secret; the file's own values go
// back in before anything is checked or written, so no secret passes through a front end.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "config/config_load.h"
#include "core/result.h"
#include "office/office.h"

namespace rectifyd::office {

/// The configuration file a front end edits, and how the daemon re-reads it.
struct ConfigFile {
  std::string path;  ///< empty: rectifyd runs on its embedded default and has no file to write
  /// The daemon's reload, its audit row naming the actor; an Error lists every problem.
  std::function<Status(const std::string& actor)> reload;
};

/// The file as the editor shows it: inline secrets replaced by a placeholder.
struct ConfigText {
  std::string path;
  std::optional<std::string> text;  ///< nullopt when it cannot be read or masked
  std::string error;                ///< why not
};
ConfigText config_text(const ConfigFile& f);

/// A candidate checked against the configuration in force.
struct ConfigCheck {
  std::vector<config::Diagnostic> errors;  ///< empty when it is valid
  std::vector<std::string> changes;        ///< what it would change (secrets never shown)
  bool ok() const { return errors.empty(); }
};

/// Checks the editor's text (placeholders restored) without writing anything.
ConfigCheck check_config(const Office& o, const ConfigFile& f, const std::string& edited);

struct ConfigApplied {
  std::string source;  ///< the file now in force
  std::string backup;  ///< the previous file, kept beside it
  std::vector<std::string> changes;
};

/// Checks the editor's text, writes it over the file (atomically, the old one kept as .bak)
/// and reloads. Refused (kind invalid, nothing changed) when it has errors: then `errors`, when
/// given, holds every one. Conflict when there is no file; a refused reload puts the previous
/// file back. The reload's audit row records the actor and the changes.
Result<ConfigApplied> replace_config(Office& o, const Actor& actor, const ConfigFile& f,
                                     const std::string& edited,
                                     std::vector<config::Diagnostic>* errors = nullptr);

/// The same with a few keys changed in the file's text ({"meeting.start": "16:00"}; null
/// removes a key), its comments and layout kept. An Error names a key it cannot write by its
/// JSON pointer.
Result<ConfigApplied> patch_config(Office& o, const Actor& actor, const ConfigFile& f,
                                   const boost::json::object& changes,
                                   std::vector<config::Diagnostic>* errors = nullptr);

/// Re-reads the file as it is; refused, the configuration in force stays.
Status reload_config(const Actor& actor, const ConfigFile& f);

}  // namespace rectifyd::office
