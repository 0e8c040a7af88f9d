#include "app/config_record.h"

#include <SQLiteCpp/Statement.h>

#include "config/config_diff.h"
#include "config/config_load.h"
#include "store/audit.h"

namespace rectifyd::app {
namespace {

constexpr const char* kKey = "config.applied";

}  // namespace

void remember_applied_config(store::Database& db, const config::Config& c) {
  db.write([&] {
    SQLite::Statement put(db.sql(),
                          "INSERT INTO schedule_state(key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    put.bind(1, kKey);
    put.bind(2, config::redacted_toml(c));
    put.exec();
  });
}

Status record_config_at_start(store::Database& db, const config::Config& c, Instant now) {
  try {
    return db.write([&]() -> Status {
      SQLite::Statement get(db.sql(), "SELECT value FROM schedule_state WHERE key = ?");
      get.bind(1, kKey);
      if (get.executeStep()) {
        const std::string recorded = get.getColumn(0).getString();
        if (recorded != config::redacted_toml(c)) {
          const config::LoadResult before = config::load_config_text(recorded, c.source);
          AuditEntry e;
          e.at = now;
          e.actor = "rectifyd";
          e.action = "config.start";
          e.entity = "config:" + c.source;
          e.after = before.ok() ? config::diff_text(*before.config, c)
                                : std::string("(the recorded configuration could not be read)");
          if (auto id = store::AuditLog(db).append(e); !id)
            return id.error();
        }
      }
      remember_applied_config(db, c);
      return ok_status();
    });
  } catch (const std::exception& e) {
    return Error{std::string("cannot record the configuration in force: ") + e.what()};
  }
}

}  // namespace rectifyd::app
