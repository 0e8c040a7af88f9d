#include "app/config_record.h"

#include "config/config_diff.h"
#include "config/config_load.h"
#include "store/audit.h"
#include "store/schedule_state.h"

namespace rectifyd::app {
namespace {

constexpr const char* kKey = "config.applied";

}  // namespace

void remember_applied_config(store::Database& db, const config::Config& c) {
  db.write([&] { store::write_schedule_state(db, {{kKey, config::redacted_toml(c)}}); });
}

Status record_config_at_start(store::Database& db, const config::Config& c, Instant now) {
  try {
    return db.write([&]() -> Status {
      if (const auto recorded = store::schedule_value(db, kKey)) {
        if (*recorded != config::redacted_toml(c)) {
          const config::LoadResult before = config::load_config_text(*recorded, c.source);
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
