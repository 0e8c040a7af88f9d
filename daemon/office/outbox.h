#pragma once
// The office's hand on the outbox: a dead letter tried again, a row dropped. Each is audited
// ("outbox.retry", "outbox.drop") with the row as it was; the payload is not copied into the
// audit log.

#include "core/result.h"
#include "office/office.h"
#include "store/outbox.h"

namespace rectifyd::office {

/// Only a dead row can be retried (conflict otherwise); returns the row as it is now.
Result<store::OutboxRow> retry_outbox_row(Office& o, const Actor& a, Id row);
/// Any row but one being sent (conflict); returns the row as it was.
Result<store::OutboxRow> drop_outbox_row(Office& o, const Actor& a, Id row);

}  // namespace rectifyd::office
