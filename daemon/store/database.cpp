#include "store/database.h"

#include <SQLiteCpp/Statement.h>

#include "store/migrations.h"

namespace rectifyd::store {

Database::Database(const std::string& path, int flags) : path_(path), db_(path, flags) {}

Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
  std::unique_ptr<Database> d;
  try {
    d.reset(
        new Database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX));
    d->db_.setBusyTimeout(5000);
    d->db_.exec("PRAGMA journal_mode=WAL");
    d->db_.exec("PRAGMA synchronous=NORMAL");
    d->db_.exec("PRAGMA foreign_keys=ON");
    std::string check = d->db_.execAndGet("PRAGMA quick_check").getString();
    if (check != "ok") {
      return Error{path + ": database failed its integrity check: " + check};
    }
  } catch (const std::exception& e) {
    return Error{path + ": cannot open database: " + e.what()};
  }
  if (auto st = d->migrate(); !st)
    return st.error();
  return d;
}

int Database::schema_version() {
  return db_.execAndGet("PRAGMA user_version").getInt();
}

bool Database::ping() {
  SQLite::Statement q(db_, "SELECT 1");
  return q.executeStep() && q.getColumn(0).getInt() == 1;
}

Status Database::migrate() {
  try {
    int have = schema_version();
    int latest = latest_schema_version();
    if (have > latest) {
      return Error{path_ + ": database schema version " + std::to_string(have) +
                   " is newer than this rectifyd understands (" + std::to_string(latest) +
                   "); upgrade rectifyd or restore a backup"};
    }
    for (const auto& m : migrations()) {
      if (m.version <= have)
        continue;
      write([&] {
        db_.exec(std::string(m.sql));
        db_.exec("PRAGMA user_version=" + std::to_string(m.version));
      });
    }
  } catch (const std::exception& e) {
    return Error{path_ + ": schema migration failed: " + e.what()};
  }
  return ok_status();
}

}  // namespace rectifyd::store
