#pragma once
// Where the daemon's log goes: the journal when systemd runs us with stderr connected to it,
// a console sink on stderr otherwise (coloured on a terminal). Standard output stays free for
// the `log` channel's JSON lines.

#include <string>

#include "core/result.h"

namespace rectifyd::app {

enum class LogTarget { console, journal };

/// journal when JOURNAL_STREAM names our stderr, or INVOCATION_ID is set and stderr is not a
/// terminal; console otherwise.
LogTarget detect_log_target();

/// Replaces the default logger with one writing to `target`. Called once at start-up.
void setup_logging(LogTarget target);

/// Sets the level by name (trace, debug, info, warn, error, critical, off); an unknown name is
/// an error and changes nothing.
Status set_log_level(const std::string& level);

}  // namespace rectifyd::app
