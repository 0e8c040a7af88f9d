#pragma once
// The names of everyone the ledger knows, for checks that only need the names.

#include <string>
#include <vector>

#include "store/database.h"

namespace rectifyd::store {

/// Every person's name, active or not. Throws what SQLite throws.
std::vector<std::string> people_names(Database& db);

}  // namespace rectifyd::store
