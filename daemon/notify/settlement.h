#pragma once
// What the outcome of one delivery attempt means for its outbox row: sent, failed and tried
// again at some instant, or dead. Pure: the dispatcher applies it, tests call it with any
// row, outcome and instant.
//
// - sent: sent.
// - permanent: dead, with the channel's reason.
// - retry: dead once delivery.max_age has passed since the row was first due (the reason says
//   so); otherwise failed, not before the receiver's own instant (Retry-After, a platform's
//   rate-limit answer) or else the backoff for this attempt, never sooner than a second from
//   now and never past the max_age deadline (unless that is less than a second away).

#include "config/config.h"
#include "notify/channel.h"
#include "store/outbox.h"

namespace rectifyd::notify {

/// `jitter` in [0, 1) spreads the backoff (see backoff_delay).
store::Settlement settle_attempt(const store::OutboxRow& row, const Outcome& outcome,
                                 const config::DeliveryConfig& delivery, Instant now,
                                 double jitter);

}  // namespace rectifyd::notify
