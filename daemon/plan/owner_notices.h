#pragma once
// The office's decisions told to the owner: each unsent owner notice becomes one message to that
// person on their personal channels, deferred into working hours like every other. Pure: the
// engine reads the notices (store/owner_notices.h) and marks them sent in its run.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <date/tz.h>

#include "config/config.h"
#include "core/model.h"
#include "plan/planner.h"
#include "time/calendar.h"

namespace rectifyd::plan {

/// One decision the owner is to be told of, as stored (store/owner_notices.h).
struct OwnerNoticeRow {
  Id id = 0;
  Id person_id = 0;
  Id measure_id = 0;
  std::string kind;  ///< closed, returned, extension_approved, extension_rejected
  std::string reason;
  std::string new_due;  ///< extension_approved: the new due date (ISO)
  std::int64_t created_at = 0;
  // Read with the measure (unsent()), for the message.
  int problem_number = 0;
  int ordinal = 0;
  std::string measure_text;
  std::string due;  ///< the measure's due date now (ISO), empty when none
};

/// Rule "owner_notice", occurrence the notice's id; a notice for someone unknown or inactive
/// yields nothing.
std::vector<Intent> owner_notice_intents(const std::vector<OwnerNoticeRow>& notices,
                                         const std::map<Id, Person>& people,
                                         const config::Config& config, const Calendar& calendar,
                                         const date::time_zone* zone, Instant now);

}  // namespace rectifyd::plan
