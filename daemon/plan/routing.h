#pragma once
// Routing policy: which channels carry a message to whom, and the addresses a channel needs.
// A person's message goes to the channels listed for that person by name, else to the
// personal channels; group messages to the group channels; the office's to the office channels.

#include <map>
#include <string>
#include <vector>

#include <date/tz.h>

#include "config/config.h"
#include "core/message.h"
#include "core/model.h"
#include "plan/planner.h"

namespace rectifyd::plan {

/// The channel ids for one recipient; `person_name` is used only for RecipientKind::person.
std::vector<std::string> route(const config::RoutingConfig& routing, RecipientKind kind,
                               const std::string& person_name);

/// Everything a channel may need to address or @-mention a person.
Addressee addressee_of(const Person& p);

/// The zone a person's messages are timed and written in: their own when set and known to the
/// system zoneinfo (imports reject unknown names), else the unit's.
const date::time_zone* zone_of(const Person& p, const date::time_zone* unit);

/// The active people holding a role, in id order (the office's addressees, the chiefs…).
std::vector<const Person*> people_with_role(const std::map<Id, Person>& people, Role role);

}  // namespace rectifyd::plan
