#pragma once
// The one producer of outbox rows: every intent, whoever decided it (the planner's run, a
// refused reload, a dead letter reported to the office), becomes one row per channel under its
// idempotency key (plan::idempotency_key), so a row written twice is written once.

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "plan/planner.h"
#include "store/database.h"

namespace rectifyd::engine {

/// Enqueues each intent on each of its channels; joins the caller's transaction (or runs one of
/// its own). Returns the rows added (a key already present adds none). `after_row`, when set, is
/// called after each row with the count so far (the engine's fault hook).
std::size_t write_intents(store::Database& db, const std::vector<plan::Intent>& intents,
                          Instant now, const std::function<void(std::size_t)>& after_row = {});

}  // namespace rectifyd::engine
