#pragma once
// The names, labels and leaders of measures (ledger::Names) read from the ledger store.

#include "core/result.h"
#include "ledger/measure_view.h"
#include "store/ledger_store.h"

namespace rectifyd::store {

/// Every person and every problem, by id.
Result<ledger::Names> load_names(LedgerStore& store);

}  // namespace rectifyd::store
