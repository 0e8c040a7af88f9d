#include "store/schedule_state.h"

#include <SQLiteCpp/Statement.h>

namespace rectifyd::store {

StateMap load_schedule_state(Database& db) {
  StateMap s;
  SQLite::Statement st(db.sql(), "SELECT key, value FROM schedule_state");
  while (st.executeStep())
    s.emplace_hint(s.end(), st.getColumn(0).getString(), st.getColumn(1).getString());
  return s;
}

void write_schedule_state(Database& db, const StateMap& changes) {
  SQLite::Statement put(db.sql(),
                        "INSERT INTO schedule_state(key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  SQLite::Statement del(db.sql(), "DELETE FROM schedule_state WHERE key = ?");
  for (const auto& [key, value] : changes) {
    if (value.empty()) {
      del.bind(1, key);
      del.exec();
      del.reset();
    } else {
      put.bind(1, key);
      put.bind(2, value);
      put.exec();
      put.reset();
    }
  }
}

std::optional<std::string> schedule_value(Database& db, const std::string& key) {
  SQLite::Statement st(db.sql(), "SELECT value FROM schedule_state WHERE key = ?");
  st.bind(1, key);
  if (st.executeStep())
    return st.getColumn(0).getString();
  return std::nullopt;
}

}  // namespace rectifyd::store
