#include "store/scratch_copy.h"

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"

namespace rectifyd::store {

void copy_database(Database& db, const std::string& path) {
  SQLite::Statement vacuum(db.sql(), "VACUUM INTO ?");
  vacuum.bind(1, path);
  vacuum.exec();
}

void clear_outbox(Database& db) {
  db.sql().exec("DELETE FROM outbox");
}

Id max_outbox_id(Database& db) {
  SQLite::Statement st(db.sql(), "SELECT coalesce(max(id), 0) FROM outbox");
  st.executeStep();
  return st.getColumn(0).getInt64();
}

std::vector<OutboxRow> outbox_rows_after(Database& db, Id after) {
  SQLite::Statement st(db.sql(),
                       "SELECT id, idempotency_key, kind, recipient, channel, subject, payload, "
                       "late, not_before FROM outbox WHERE id > ? ORDER BY id");
  st.bind(1, after);
  std::vector<OutboxRow> rows;
  while (st.executeStep()) {
    OutboxRow row;
    row.id = st.getColumn(0).getInt64();
    row.key = st.getColumn(1).getString();
    row.kind = st.getColumn(2).getString();
    row.recipient = st.getColumn(3).getString();
    row.channel = st.getColumn(4).getString();
    row.subject = st.getColumn(5).getString();
    row.payload = st.getColumn(6).getString();
    row.late = st.getColumn(7).getInt() != 0;
    row.not_before = parse_instant(st.getColumn(8).getString()).value_or(Instant{});
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace rectifyd::store
