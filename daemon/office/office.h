#pragma once
// The application layer: one function per action a person can take (the office in rectifyctl,
// the admin API and the console; an owner through a personal link). Each action validates its
// input, writes the change and its audit row in one transaction (or nothing), and then reports
// what it changed, so the daemon re-plans at once. Front ends only translate: a request or a
// command line into a call here, the Result back into a reply, a table or an exit status.
// Errors carry their kind (core/result.h), a Chinese message and, where one place can be named,
// its location (a JSON pointer for a field, "file:line:column" for a document).

#include <functional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "config/config.h"
#include "core/model.h"
#include "core/result.h"
#include "store/database.h"
#include "time/clock.h"

namespace rectifyd::office {

/// What one action changed, so the planner can refresh just that part of its view of the
/// ledger. `everything` after imports and restores.
struct Change {
  std::vector<Id> measures;
  std::vector<Id> people;
  std::vector<Id> problems;
  bool meetings = false;     ///< meeting overrides or a notice request
  bool obligations = false;  ///< recurring obligations or their completions
  bool calendar = false;     ///< working days
  bool outbox = false;       ///< outbox rows changed by hand (retry): delivery looks again
  bool everything = false;
};

/// Who acts: the name the audit log records ("办公室", "ops-token", "张三（个人链接）").
struct Actor {
  std::string name;
};

/// Everything an action runs against. One per front end (rectifyctl opens one on the database
/// file; rectifyd's has the daemon's configuration and wakes its planner).
class Office {
 public:
  Office(store::Database& db, const Clock& clock, std::function<config::Snapshot()> config,
         std::function<void(const Change&)> changed = {});

  store::Database& db() { return db_; }
  const Clock& clock() const { return clock_; }
  /// The configuration in force.
  config::Snapshot config() const { return config_(); }
  /// The unit's zone (UTC when the configured one is unknown).
  const date::time_zone* zone() const;
  /// Today in the unit's zone.
  LocalDate today() const;

  /// Called by each action after its transaction committed.
  void changed(const Change& c) const {
    if (changed_)
      changed_(c);
  }

 private:
  store::Database& db_;
  const Clock& clock_;
  std::function<config::Snapshot()> config_;
  std::function<void(const Change&)> changed_;
};

/// The errors every action shares.
Error not_found(std::string message, std::string location = "");
Error conflict(std::string message, std::string location = "");
Error invalid(std::string message, std::string location = "");
/// A store failure: "数据库操作失败（…）", kind internal.
Error internal(std::string message);

/// Appends one audit row (joining the caller's transaction). `before` and `after` are JSON
/// texts, empty when there is none; they never hold secrets.
Status audit(Office& o, const Actor& actor, std::string_view action, std::string entity,
             std::string before, std::string after);

/// Runs f (returning Result<T>) in one write transaction: an Error returned rolls it back, and
/// an exception from the store becomes an internal Error. Nothing is left half-written.
template <class T, class F>
Result<T> transact(Office& o, F&& f) {
  try {
    return o.db().write([&]() -> Result<T> { return f(); });
  } catch (const std::exception& e) {
    return internal(e.what());
  }
}

}  // namespace rectifyd::office
