#pragma once
// Telling the office that a reload was refused: the running configuration stays, the file has
// mistakes. The message goes through the outbox like every other notification, to the office
// channels of the configuration still running (the new one could not be read).

#include <functional>
#include <string>

#include "app/service.h"
#include "config/config.h"
#include "core/message.h"
#include "store/database.h"
#include "time/clock.h"

namespace date {
class time_zone;
}

namespace rectifyd::app {

/// The message: what happened, that the old configuration still runs, and every error
/// (file:line:column) to fix, at most `kListedErrors` of them listed.
Message reload_refused_message(const std::string& config_path, const std::string& errors,
                               Instant at, const date::time_zone* zone);

inline constexpr std::size_t kListedErrors = 20;

/// A hook that queues reload_refused_message to every office channel of `running()`.
/// `db`, `clock` and whatever `running` reads must outlive the hook.
ReloadFailedHook make_reload_alert(store::Database& db, const Clock& clock, std::string config_path,
                                   std::function<config::Snapshot()> running);

}  // namespace rectifyd::app
