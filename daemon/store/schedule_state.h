#pragma once
// The planner's memory between runs (table schedule_state, key → text). The engine reads it
// whole and writes the planner's changes; the office writes the requests it leaves for the
// planner ("meeting.notice_now.<key>").

#include <map>
#include <optional>
#include <string>

#include "store/database.h"

namespace rectifyd::store {

using StateMap = std::map<std::string, std::string>;

StateMap load_schedule_state(Database& db);
/// Writes each key; an empty value deletes it. Joins the caller's transaction.
void write_schedule_state(Database& db, const StateMap& changes);
std::optional<std::string> schedule_value(Database& db, const std::string& key);

}  // namespace rectifyd::store
