#pragma once
// The configuration in force, as the ledger last recorded it (schedule_state "config.applied":
// the redacted TOML, no secret values). A reload records it with its audit row. At start, a
// configuration that differs from the recorded one (edited while the daemon was stopped, or a
// crash between an API edit's file replacement and its reload) gets an audit row of its own,
// "config.start", with the difference, so the audit log always agrees with the configuration
// the daemon runs on.

#include <string>

#include "config/config.h"
#include "core/model.h"
#include "core/result.h"
#include "store/database.h"

namespace rectifyd::app {

/// Writes `c` as the applied configuration; joins the caller's write transaction.
void remember_applied_config(store::Database& db, const config::Config& c);

/// At start: compares `c` with the recorded configuration, writes the audit row when they
/// differ (actor "rectifyd"), and records `c`. The first start only records it.
Status record_config_at_start(store::Database& db, const config::Config& c, Instant now);

}  // namespace rectifyd::app
