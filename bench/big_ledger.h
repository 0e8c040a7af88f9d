#pragma once
// The benchmarks' big ledger: 1,000,000 measures (or as many as asked) under 2,000 problems in
// 10 categories, 200 people, statuses and due dates spread by a fixed xorshift, so every machine
// makes the same one.

#include "store/database.h"

namespace rectifyd::bench {

inline constexpr int kBigLedgerMeasures = 1'000'000;

/// Fills an empty database (one transaction, then ANALYZE); `measures` spread evenly over
/// the problems.
void generate_big_ledger(store::Database& db, int measures = kBigLedgerMeasures);

}  // namespace rectifyd::bench
