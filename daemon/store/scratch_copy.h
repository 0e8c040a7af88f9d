#pragma once
// A scratch copy of the database for a dry run (the preview): made whole from the live file,
// emptied of its outbox rows, and the rows the run adds read back in the order they were added.

#include <string>
#include <vector>

#include "core/model.h"
#include "store/database.h"
#include "store/outbox.h"

namespace rectifyd::store {

/// Writes a copy of `db` to `path` (VACUUM INTO, which reads inside one transaction); `db` is
/// only read. Throws what SQLite throws.
void copy_database(Database& db, const std::string& path);

/// Removes every outbox row. Throws what SQLite throws.
void clear_outbox(Database& db);

/// The highest outbox id, 0 when there is none.
Id max_outbox_id(Database& db);

/// The outbox rows with an id above `after`, by id. Only id, key, kind, recipient, channel,
/// subject, payload, late and not_before are read. Throws what SQLite throws.
std::vector<OutboxRow> outbox_rows_after(Database& db, Id after);

}  // namespace rectifyd::store
