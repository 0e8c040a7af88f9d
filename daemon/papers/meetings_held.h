#pragma once
// The weekly meetings held in a period, as the papers report them: the occurrences of the
// configured meeting with the office's changes applied, cancelled ones left out, those that have
// ended by `now`.

#include <vector>

#include <date/tz.h>

#include "config/config.h"
#include "core/model.h"
#include "core/result.h"
#include "store/database.h"
#include "time/calendar.h"

namespace rectifyd::papers {

Result<std::vector<LocalDate>> meetings_held(store::Database& db, const config::MeetingConfig& cfg,
                                             const Calendar& calendar, const date::time_zone* zone,
                                             LocalDate first, LocalDate last, Instant now);

}  // namespace rectifyd::papers
