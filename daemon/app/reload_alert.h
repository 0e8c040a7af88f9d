#pragma once
// Telling the office that a reload was refused: the running configuration stays, the file has
// mistakes. The message goes through the outbox like every other notification, to the office
// channels of the configuration still running (the new one could not be read).

#include <functional>
#include <string>

#include "app/service.h"
#include "config/config.h"
#include "store/database.h"
#include "time/clock.h"

namespace rectifyd::app {

/// A hook that queues render::reload_refused_message to every office channel of `running()`,
/// as an intent through the one writer of outbox rows (engine/intent_writer.h).
/// `db`, `clock` and whatever `running` reads must outlive the hook.
ReloadFailedHook make_reload_alert(store::Database& db, const Clock& clock, std::string config_path,
                                   std::function<config::Snapshot()> running);

}  // namespace rectifyd::app
