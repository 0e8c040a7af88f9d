#pragma once
// The office's changes to single meeting occurrences (table meeting_overrides), as the planner
// engine, rectifyctl meeting and the admin API read and address them.

#include <vector>

#include "core/result.h"
#include "plan/meetings.h"
#include "plan/planner.h"
#include "store/database.h"

namespace rectifyd::plan {

/// Every override in the order they were made; a malformed row is an error naming it.
Result<std::vector<MeetingOverride>> load_meeting_overrides(store::Database& db);

/// The week_of to store for a change (move, cancel) of `o`: its own date, unless an added
/// meeting on that date would take the change; then another day of the same week (regular
/// meetings match by week).
LocalDate override_week_of(const std::vector<MeetingOverride>& overrides,
                           const MeetingOccurrence& o);

}  // namespace rectifyd::plan
