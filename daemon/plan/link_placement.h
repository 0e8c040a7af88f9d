#pragma once
// Where the owner's personal link goes. A message to one person about their own work
// (reminders, overdue alerts, the update request, the nudge, the office's decisions) ends with
// the link on the channels that reach that person alone ([[channel]] personal = true, and
// email); on any other channel (a group robot) it @-mentions them, as it does anyway, and says
// to use the link sent to them personally. Without [web] public_url nothing is added.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/result.h"
#include "plan/planner.h"

namespace rectifyd::plan {

/// The link of a person's page (store::LinkIssuer), nullopt when there is none.
using LinkSource = std::function<Result<std::optional<std::string>>(Id person)>;

/// True for the kinds of message that carry the link.
bool carries_link(const Message& m);

/// The intents with their report lines; an intent whose channels differ in kind is split into
/// one intent per kind (its rows keep their idempotency keys: the channel is part of them).
Result<std::vector<Intent>> place_links(std::vector<Intent> intents, const config::Config& config,
                                        const LinkSource& link_of);

}  // namespace rectifyd::plan
