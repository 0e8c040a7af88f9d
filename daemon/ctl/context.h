#pragma once
// What every rectifyctl command shares: the global options, the configuration and the database
// (each opened only when a command first needs it), or a running rectifyd's admin API
// (--url), "now", and how a command fails.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <date/tz.h>
#include <CLI/CLI.hpp>

#include "config/config.h"
#include "core/model.h"
#include "core/result.h"
#include "ctl/backend.h"
#include "ctl/remote.h"
#include "office/office.h"
#include "store/database.h"
#include "time/clock.h"

namespace rectifyd::ctl {

/// The configuration file used when --config is not given and the file exists.
inline constexpr const char* kDefaultConfigPath = "/etc/rectifyd/rectifyd.toml";
/// The database used when neither --db nor a configuration names one.
inline constexpr const char* kFallbackDbPath = "rectifyd.db";

class Context {
 public:
  Context();

  /// --db, --config, --json, --actor, --now, --url, --token-file.
  void add_global_options(CLI::App& app);

  bool json() const { return json_; }
  const std::string& actor() const { return actor_; }

  /// True when --url (or RECTIFYD_URL) names a running rectifyd: the commands it can serve go
  /// through its admin API, and the others refuse to run (db, db_path and office fail).
  bool remote() const { return !target_.url.empty(); }
  /// What the commands a running rectifyd can also serve call: its admin API with --url, else
  /// the database file (office() and db() below).
  Result<Backend*> backend();

  /// The configuration: --config, else kDefaultConfigPath when it exists, else the built-in
  /// defaults. An explicit --config that fails to load is an error with every diagnostic.
  Result<const config::Config*> config();
  /// --db, else the configuration's store.path (when a file was read), else kFallbackDbPath.
  /// With --url an error: the command needs the database file.
  Result<std::string> db_path();
  /// Opens (creating and migrating) the database the first time.
  Result<store::Database*> db();

  /// The application layer on the database file, with the configuration above; the actor is
  /// --actor. Changes are picked up by a running rectifyd at its next wake.
  Result<office::Office*> office();
  office::Actor who() const { return office::Actor{actor_}; }

  /// --now when given (previews, tests), else the system clock.
  const Clock& clock() const { return *clock_; }
  /// Today in the unit's time zone.
  Result<LocalDate> today();

  /// Runs a command body: on error prints "rectifyctl: 错误：…" (with the error's location when
  /// the message does not hold it) to stderr and exits with the status of its kind
  /// (exit_status).
  void run(const std::function<Status()>& body);

 private:
  std::string db_option_;
  std::string config_option_;
  std::string now_option_;
  bool json_ = false;
  std::string actor_;
  CLI::Option* actor_opt_ = nullptr;
  RemoteTarget target_;
  CLI::App* app_ = nullptr;
  std::unique_ptr<Backend> backend_;

  /// The error of a command that needs the database file when --url is given.
  Error needs_database() const;

  std::unique_ptr<Clock> clock_;
  std::optional<config::Config> config_;
  bool config_from_file_ = false;
  std::unique_ptr<store::Database> db_;
  config::Snapshot snapshot_;
  std::unique_ptr<office::Office> office_;
};

/// rectifyctl's exit status for a failure of this kind: invalid 1, not_found 3, conflict 4,
/// forbidden 5, internal 6 (2 is left to the command line's own errors).
int exit_status(ErrorKind k);

}  // namespace rectifyd::ctl
