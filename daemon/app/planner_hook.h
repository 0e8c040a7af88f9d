#pragma once
// The planner engine (engine/engine.h) as the daemon's plan hook: each run loads the working-day
// calendar afresh (a year imported with rectifyctl while the daemon runs counts at once) and
// runs the engine, which writes outbox rows and schedule state in one transaction. The engine
// lives as long as the daemon, keeping its ledger view between runs: whoever writes the ledger
// on `db` tells it what changed (Engine::note_change) before the next run.

#include <memory>

#include "app/service.h"
#include "engine/engine.h"
#include "office/office.h"
#include "store/database.h"

namespace rectifyd::app {

/// The database must outlive the hook; `engine` runs on `db`.
PlanHook make_planner_hook(store::Database& db, std::shared_ptr<engine::Engine> engine);

/// What an office action reports, as the rows the engine's kept view re-reads.
LedgerChange ledger_change_of(const office::Change& c);

}  // namespace rectifyd::app
