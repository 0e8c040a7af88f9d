#pragma once
// The planner engine (plan/engine.h) as the daemon's plan hook: each run loads the working-day
// calendar afresh (a year imported with rectifyctl while the daemon runs counts at once) and
// runs the engine, which writes outbox rows and schedule state in one transaction.

#include "app/service.h"
#include "store/database.h"

namespace rectifyd::app {

/// The database must outlive the hook.
PlanHook make_planner_hook(store::Database& db);

}  // namespace rectifyd::app
