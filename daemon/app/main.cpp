// rectifyd: the daemon that carries out a rectification plan. It keeps running on one loop
// (daemon.h) until SIGTERM; SIGHUP reloads the configuration.

#include <malloc.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>

#include "admin/metrics.h"
#include "admin/server.h"
#include "app/config_record.h"
#include "app/daemon.h"
#include "app/daily_backup.h"
#include "app/daily_stats.h"
#include "app/delivery_service.h"
#include "app/demo_login.h"
#include "app/disk_alert.h"
#include "app/logging.h"
#include "app/planner_hook.h"
#include "app/reload_alert.h"
#include "app/systemd_notifier.h"
#include "config/config_load.h"
#include "core/dates.h"
#include "ledger_io/demo.h"
#include "papers/summary_attachment.h"
#include "store/backup.h"
#include "store/database.h"
#include "store/demo_import.h"
#include "store/disk_full.h"
#include "store/ledger_store.h"
#include "store/people_names.h"
#include "time/clock.h"
#include "time/zone.h"

namespace {

using namespace rectifyd;

constexpr const char* kVersion = "0.1.0";
constexpr const char* kDemoDatabase = "rectifyd-demo.db";

struct Options {
  std::string config_path;
  std::string check_path;
  std::string db_path;
  bool demo = false;
};

/// Why the daemon cannot start; thrown only at start-up and caught once in main.
struct StartupError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Returns nullopt when CLI11 has answered (--help, --version) or refused the arguments; `exit`
/// then holds the status to exit with.
std::optional<Options> parse_command_line(int argc, char** argv, int& exit) {
  Options o;
  CLI::App cli{"rectifyd: 巡察整改 rectification ledger, deadlines, meetings and reminders"};
  cli.set_version_flag("--version", std::string("rectifyd ") + kVersion);
  auto* config = cli.add_option("--config", o.config_path, "run on this configuration file")
                     ->check(CLI::ExistingFile);
  auto* check = cli.add_option("--check-config", o.check_path,
                               "validate a configuration file, print every error and exit");
  auto* demo = cli.add_flag("--demo", o.demo,
                            "run on the embedded default configuration with a demo ledger");
  cli.add_option("--db", o.db_path,
                 "the database file (default: store.path of the configuration; "
                 "rectifyd-demo.db with --demo)");
  config->excludes(check)->excludes(demo);
  check->excludes(demo);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    exit = cli.exit(e);
    return std::nullopt;
  }
  if (o.config_path.empty() && o.check_path.empty() && !o.demo) {
    std::cerr << "rectifyd: give --config FILE, --check-config FILE or --demo (see --help)\n";
    exit = 2;
    return std::nullopt;
  }
  return o;
}

/// --check-config: every error as file:line:column on stderr; exit 1 when there is any.
int check_config(const std::string& path) {
  config::LoadResult r = config::load_config_file(path);
  if (!r.ok()) {
    for (const auto& d : r.errors)
      std::cerr << config::to_string(d) << "\n";
    std::cerr << path << ": " << r.errors.size() << " 处错误 / error(s)\n";
    return 1;
  }
  std::cout << path << ": 配置有效 / config OK\n";
  return 0;
}

/// The configuration to start on: the file given, or the embedded default for --demo.
config::Snapshot load_startup_config(const Options& o) {
  if (o.demo)
    return std::make_shared<const config::Config>(config::default_config());
  config::LoadResult r = config::load_config_file(o.config_path);
  if (!r.ok()) {
    for (const auto& d : r.errors)
      spdlog::critical("{}", config::to_string(d));
    throw StartupError(o.config_path + ": the configuration has " +
                       std::to_string(r.errors.size()) + " error(s)");
  }
  return std::make_shared<const config::Config>(std::move(*r.config));
}

std::string database_path(const Options& o, const config::Config& c) {
  if (!o.db_path.empty())
    return o.db_path;
  return o.demo ? kDemoDatabase : c.store.path;
}

/// A database that fails its check is refused, naming the newest good backup and how to put
/// it back.
std::unique_ptr<store::Database> open_database(const std::string& path, const config::Config& c) {
  auto db = store::Database::open(path);
  if (!db) {
    std::string advice;
    const std::string folder = app::backup_folder(c, path);
    if (auto good = store::newest_good_backup(folder)) {
      advice = "; the newest good backup is " + good->path + " (taken " +
               (good->taken_at ? format_instant_utc(*good->taken_at) : std::string("?")) +
               "); restore it with: rectifyctl --db " + path + " restore " + good->path;
    } else {
      advice = "; no good backup was found in " + folder + " (restore one with: rectifyctl --db " +
               path + " restore FILE)";
    }
    throw StartupError(db.error().message + advice);
  }
  return std::move(*db);
}

/// --demo: the demo people and ledger, due dates relative to today, when the ledger is empty.
void load_demo_ledger(store::Database& db, const config::Config& c, Instant now) {
  auto zone = find_zone(c.unit.time_zone);
  auto demo = store::load_demo(db, now, zone ? *zone : nullptr);
  if (!demo)
    throw StartupError("cannot load the demo ledger: " + demo.error().message);
  if (demo->loaded)
    spdlog::info("demo ledger loaded into {}", db.path());
  else
    spdlog::info("{} already holds a ledger; the demo ledger was not loaded", db.path());
}

/// Names in the configuration (participants, routing.person) that the ledger does not know
/// are warnings: the office may add the people later.
void warn_about_unknown_people(const config::Config& c, store::Database& db) {
  for (const auto& d : config::check_against_people(c, store::people_names(db)))
    spdlog::warn("{}", config::to_string(d));
}

}  // namespace

int main(int argc, char** argv) {
  int exit_status = 0;
  auto options = parse_command_line(argc, argv, exit_status);
  if (!options)
    return exit_status;
  if (!options->check_path.empty())
    return check_config(options->check_path);

  try {
    // A reader that went away (the log channel's stdout piped into a pager) is an error to
    // report, not a reason to die.
    std::signal(SIGPIPE, SIG_IGN);

    // Delivery frees and reallocates its batch buffers on every loop turn; returning the top of
    // the heap to the kernel each time halved its throughput, so keep up to 32 MiB of it.
    mallopt(M_TRIM_THRESHOLD, 32 << 20);

    // Log to the journal under systemd, to stderr otherwise; stdout belongs to the log channel.
    app::setup_logging(app::detect_log_target());
    spdlog::info("rectifyd {} starting", kVersion);

    // The configuration, validated whole before anything else happens.
    config::Snapshot config = load_startup_config(*options);
    if (auto st = app::set_log_level(config->log.level); !st)
      spdlog::warn("{}", st.error().message);

    // The database, created and migrated when new.
    const std::string db_path = database_path(*options, *config);
    auto lock = store::DatabaseLock::acquire(db_path);
    if (!lock)
      throw StartupError(lock.error().message);
    std::unique_ptr<store::Database> db = open_database(db_path, *config);
    SystemClock clock;
    if (options->demo)
      load_demo_ledger(*db, *config, clock.now());
    if (options->demo && config->admin.enabled) {
      // The console's address and the demo office login, for someone trying rectifyd out.
      auto login = app::demo_login(*db, clock, config);
      if (!login)
        throw StartupError("cannot create the demo login: " + login.error().message);
      std::cout << app::demo_login_line(*config, *login) << std::endl;
    }
    warn_about_unknown_people(*config, *db);
    // Measures finished before the database kept the local day of their closing get it now.
    if (auto zone = find_zone(config->unit.time_zone)) {
      if (auto dated = store::LedgerStore(*db).date_closings(*zone); !dated)
        throw StartupError(dated.error().message);
      else if (*dated > 0)
        spdlog::info("recorded the day of closing of {} finished measures", *dated);
    }
    // A configuration changed while rectifyd was not running is recorded in the audit log.
    if (auto st = app::record_config_at_start(*db, *config, clock.now()); !st)
      spdlog::error("{}", st.error().message);

    // The loop and systemd: everything the daemon runs on.
    boost::asio::io_context io;
    app::SystemdNotifier notifier;
    auto created = app::Daemon::create(
        app::Runtime{io, *db, clock, notifier, options->demo ? "" : options->config_path}, config);
    if (!created)
      throw StartupError(created.error().message);
    app::Daemon& daemon = **created;

    // Counters for the admin API's /metrics.
    admin::Metrics metrics;
    daemon.set_metrics(&metrics);

    // The planner decides what is due and writes it to the outbox; each run is counted and timed.
    // A full disk is told to the office straight through its channels (the outbox is on that
    // disk); when space returns the daemon plans and delivers again by itself.
    std::function<void()> kick_delivery;
    app::DiskAlert disk_alert(
        io, clock, db_path, [&daemon] { return daemon.config(); },
        [&daemon, &kick_delivery] {
          daemon.wake_now();
          if (kick_delivery)
            kick_delivery();
        });

    // The engine keeps the ledger view between runs; a reload reads it whole again.
    auto engine = std::make_shared<engine::Engine>(*db);
    daemon.set_reloaded_hook([engine] { engine->reload(); });
    // The summary mail carries the week's 通报; without it the summary still goes out.
    engine->set_decorate(
        papers::weekly_report_decorator(*db, std::filesystem::temp_directory_path().string()));

    // The daily backup and the day's figures (for 办结率 over time) ride on the same wake; a
    // failed backup is told to the office.
    daemon.set_planner(app::with_daily_stats(
        app::with_daily_backup(
            [hook = app::make_planner_hook(*db, engine), &metrics, &disk_alert](
                const config::Config& c, Instant now) {
              const auto started = std::chrono::steady_clock::now();
              auto result = hook(c, now);
              const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
              metrics.planner_run(took.count(), result.ok());
              if (!result && store::is_disk_full(result.error().message))
                disk_alert.disk_full(result.error().message);
              return result;
            },
            *db,
            [&db, &daemon](const Message& m, Instant at) {
              app::queue_office_message(*db, *daemon.config(), m, "backup_failed", at);
            }),
        *db));

    // A refused reload is reported to the office, not only to the log.
    daemon.set_reload_failed_hook(app::make_reload_alert(*db, clock, options->config_path,
                                                         [&daemon] { return daemon.config(); }));

    // Delivery sends what the planner wrote to the outbox.
    app::DeliveryService delivery(io, *db, clock, config);
    delivery.on_result([&metrics](const std::string& channel, std::string_view result) {
      metrics.delivery(channel, result);
    });
    daemon.add_service(delivery);
    kick_delivery = [&delivery] { delivery.work_added(); };

    // The admin API: the office's HTTP interface, on the same loop as everything else.
    std::unique_ptr<admin::AdminServer> admin_api;
    std::unique_ptr<app::Hosted<admin::AdminServer>> admin_service;
    if (config->admin.enabled) {
      admin::ApiEnv env{
          *db,
          clock,
          metrics,
          [&daemon] { return daemon.config(); },
          [&daemon](const std::string& actor) { return daemon.reload_as(actor); },
          [&daemon] { daemon.wake_now(); },
          [&daemon]() -> std::optional<Instant> {
            if (const auto& w = daemon.next_wake())
              return w->at;
            return std::nullopt;
          },
          options->demo ? "" : options->config_path,
          std::filesystem::temp_directory_path().string(),
          [&disk_alert](const std::string& e) { disk_alert.disk_full(e); },
          [engine](const office::Change& c) { engine->note_change(app::ledger_change_of(c)); },
          [&delivery] { return delivery.channel_health(); }};
      admin_api = std::make_unique<admin::AdminServer>(io, std::move(env), config);
      admin_service = std::make_unique<app::Hosted<admin::AdminServer>>(*admin_api);
      daemon.add_service(*admin_service);
    }

    // Run until SIGTERM.
    return daemon.run();
  } catch (const std::exception& e) {
    spdlog::critical("rectifyd cannot start: {}", e.what());
    return 1;
  }
}
