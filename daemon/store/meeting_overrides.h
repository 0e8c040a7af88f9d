#pragma once
// The office's changes to single meeting occurrences (table meeting_overrides): read in the
// order they were made, and written together with their audit row.

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "core/model.h"
#include "core/result.h"
#include "plan/planner.h"
#include "store/database.h"

namespace rectifyd::store {

/// Every override in the order they were made; a malformed row is an error naming it.
Result<std::vector<plan::MeetingOverride>> load_meeting_overrides(Database& db);

/// One change by the office, with what its audit row records.
struct MeetingChange {
  plan::MeetingOverride change;  ///< id is ignored: the store assigns it
  std::string entity;            ///< "meeting:<key>", "meeting:add"
  boost::json::object before;
  boost::json::object after;  ///< "override_id" is added
  std::string actor;
  Instant at{};
};

/// Stores the change and its audit row ("meeting.<action>") in one transaction, or neither;
/// returns the override's id.
Result<Id> store_meeting_change(Database& db, const MeetingChange& c);

}  // namespace rectifyd::store
