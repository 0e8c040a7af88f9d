#pragma once
// The office's decisions told to the owner: each unsent owner notice (store/owner_notices.h)
// becomes one message to that person on their personal channels, deferred into working hours
// like every other. Pure: the engine reads the notices and marks them sent in its run.

#include <map>
#include <vector>

#include <date/tz.h>

#include "config/config.h"
#include "core/model.h"
#include "plan/planner.h"
#include "store/owner_notices.h"
#include "time/calendar.h"

namespace rectifyd::plan {

/// Rule "owner_notice", occurrence the notice's id; a notice for someone unknown or inactive
/// yields nothing.
std::vector<Intent> owner_notice_intents(const std::vector<store::OwnerNoticeRow>& notices,
                                         const std::map<Id, Person>& people,
                                         const config::Config& config, const Calendar& calendar,
                                         const date::time_zone* zone, Instant now);

}  // namespace rectifyd::plan
