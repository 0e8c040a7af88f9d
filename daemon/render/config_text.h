#pragma once
// The office's message when a reload was refused: what happened, that the old configuration
// still runs, and every error (file:line:column) to fix.

#include <cstddef>
#include <string>

#include "core/message.h"
#include "core/model.h"

namespace date {
class time_zone;
}

namespace rectifyd::render {

inline constexpr std::size_t kListedErrors = 20;

/// At most kListedErrors errors are listed; `zone` null: the time in UTC.
Message reload_refused_message(const std::string& config_path, const std::string& errors,
                               Instant at, const date::time_zone* zone);

}  // namespace rectifyd::render
