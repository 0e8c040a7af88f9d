#pragma once
// The daemon's daily backup ([backup] in the configuration): at backup.at in the unit's zone it
// writes store/backup.h's copy into backup.folder (default: backups/ beside the database) as
// rectifyd-YYYYMMDD-HHMMSS.db and keeps the newest backup.keep. It rides on the planner's wake: the
// hook runs the planner, then the backup when one is due, and asks to be woken at whichever comes
// first. What was taken is read from the folder, so a daemon that was down at backup.at takes the
// missed copy when it starts. A failure is logged and told to the office (once a day, through the
// outbox), and tried again an hour later.

#include <functional>
#include <optional>
#include <string>

#include "app/service.h"
#include "config/config.h"
#include "core/message.h"
#include "store/database.h"

namespace date {
class time_zone;
}

namespace rectifyd::app {

/// The last scheduled instant at or before `now` (today's backup.at, or yesterday's).
Instant last_backup_slot(const config::Config& c, Instant now);
/// The first scheduled instant after `now`.
Instant next_backup_slot(const config::Config& c, Instant now);
/// backup.folder, or "backups" beside the database file when it is empty.
std::string backup_folder(const config::Config& c, const std::string& db_path);
/// True when no daily copy in `folder` was taken at or after the last slot.
bool backup_due(const config::Config& c, const std::string& folder, Instant now);

/// What the office is told: the folder, the cause, what to do.
Message backup_failed_message(const std::string& folder, const std::string& why, Instant at,
                              const date::time_zone* zone);

/// Told when a daily backup failed (after it was logged), e.g. to queue the office message.
using BackupFailedHook = std::function<void(const Message& m, Instant at)>;

/// Wraps `planner`: after each run, takes the daily backup when due. `db` must outlive it.
PlanHook with_daily_backup(PlanHook planner, store::Database& db, BackupFailedHook failed);

/// Queues a message to every office channel of `config` (the key says the day, so a retried
/// failure is told once a day). Logs when the outbox cannot take it.
void queue_office_message(store::Database& db, const config::Config& config, const Message& m,
                          const std::string& key_prefix, Instant at);

}  // namespace rectifyd::app
