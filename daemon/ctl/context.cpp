#include "ctl/context.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "config/config_load.h"
#include "core/dates.h"
#include "store/ledger_store.h"
#include "time/zone.h"

namespace rectifyd::ctl {

Context::Context() : clock_(std::make_unique<SystemClock>()) {
  const char* user = std::getenv("USER");
  actor_ = user && *user ? user : "unknown";
  if (const char* u = std::getenv("RECTIFYD_URL"))
    target_.url = u;
  if (const char* f = std::getenv("RECTIFYD_TOKEN_FILE"))
    target_.token_file = f;
}

void Context::add_global_options(CLI::App& app) {
  app.add_option("--db", db_option_, "SQLite 数据库文件 (database file)");
  app.add_option("--config", config_option_,
                 std::string("配置文件 (configuration file), 默认 ") + kDefaultConfigPath);
  app.add_flag("--json", json_, "输出 JSON (print one JSON document)");
  actor_opt_ =
      app.add_option("--actor", actor_, "记入审计日志的操作人 (who is acting, for the audit log)")
          ->capture_default_str();
  app.add_option("--now", now_option_,
                 "假定当前时间, 如 2026-03-14T09:00:00+08:00 (pretend it is this time)");
  app.add_option("--url", target_.url,
                 "经由运行中的 rectifyd 管理接口, 如 http://127.0.0.1:8377 或 "
                 "unix:/run/rectifyd/admin.sock (work through a running rectifyd; default "
                 "$RECTIFYD_URL)");
  app.add_option("--token-file", target_.token_file,
                 "存放管理令牌的文件 (file holding the admin token; default $RECTIFYD_TOKEN_FILE)");
  app_ = &app;
  app.parse_complete_callback([this] {
    if (now_option_.empty())
      return;
    auto t = parse_instant(now_option_);
    if (!t) {
      throw CLI::ValidationError("--now",
                                 "expected an ISO instant such as "
                                 "2026-03-14T09:00:00+08:00, got \"" +
                                     now_option_ + "\"");
    }
    clock_ = std::make_unique<ManualClock>(*t);
  });
}

Result<const config::Config*> Context::config() {
  if (config_)
    return &*config_;
  std::string path = config_option_;
  bool explicit_path = !path.empty();
  std::error_code ec;
  if (!explicit_path && std::filesystem::exists(kDefaultConfigPath, ec))
    path = kDefaultConfigPath;
  if (path.empty()) {
    config_ = config::default_config();
    return &*config_;
  }
  auto loaded = config::load_config_file(path);
  if (!loaded.ok()) {
    if (explicit_path)
      return Error{"配置文件有误（configuration errors）：\n" + loaded.error_text()};
    std::cerr << "rectifyctl: 警告：无法读取 " << path << "，使用内置默认配置（warning: cannot "
              << "read the configuration, using the built-in defaults）\n"
              << loaded.error_text() << "\n";
    config_ = config::default_config();
    return &*config_;
  }
  config_ = std::move(*loaded.config);
  config_from_file_ = true;
  return &*config_;
}

Error Context::needs_database() const {
  std::string command;
  for (const CLI::App* a = app_; a != nullptr;) {
    const CLI::App* next = nullptr;
    for (const CLI::App* sub : a->get_subcommands()) {
      command += " " + sub->get_name();
      next = sub;
      break;
    }
    a = next;
  }
  return Error{"“rectifyctl" + command +
               "”需要直接打开数据库文件（--db），不能经由 --url 在运行中的 rectifyd 上执行；"
               "请在 rectifyd 所在的机器上不带 --url 运行（this command needs the database "
               "file and cannot run through --url）"};
}

Result<Backend*> Context::backend() {
  if (backend_)
    return backend_.get();
  if (!remote()) {
    backend_ = local_backend(*this);
    return backend_.get();
  }
  auto b = http_backend(target_, actor_opt_ && actor_opt_->count() > 0 ? actor_ : "");
  if (!b)
    return b.error();
  backend_ = std::move(*b);
  return backend_.get();
}

Result<std::string> Context::db_path() {
  if (remote())
    return needs_database();
  if (!db_option_.empty())
    return db_option_;
  auto c = config();
  if (!c)
    return c.error();
  if (config_from_file_ && !(*c)->store.path.empty())
    return (*c)->store.path;
  return std::string(kFallbackDbPath);
}

Result<store::Database*> Context::db() {
  if (db_)
    return db_.get();
  if (remote())
    return needs_database();
  auto path = db_path();
  if (!path)
    return path.error();
  auto opened = store::Database::open(*path);
  if (!opened)
    return opened.error();
  db_ = std::move(*opened);
  return db_.get();
}

Result<office::Office*> Context::office() {
  if (office_)
    return office_.get();
  if (remote())
    return needs_database();
  auto c = config();
  if (!c)
    return c.error();
  auto d = db();
  if (!d)
    return d.error();
  snapshot_ = std::make_shared<const config::Config>(**c);
  office_ = std::make_unique<office::Office>(**d, *clock_, [this] { return snapshot_; });
  // Measures finished before the database kept the local day of their closing get it now.
  if (auto dated = store::LedgerStore(**d).date_closings(office_->zone()); !dated)
    return dated.error();
  return office_.get();
}

int exit_status(ErrorKind k) {
  switch (k) {
    case ErrorKind::invalid:
      return 1;
    case ErrorKind::not_found:
      return 3;
    case ErrorKind::conflict:
      return 4;
    case ErrorKind::forbidden:
      return 5;
    case ErrorKind::internal:
      return 6;
  }
  return 1;
}

Result<LocalDate> Context::today() {
  auto c = config();
  if (!c)
    return c.error();
  auto zone = find_zone((*c)->unit.time_zone);
  if (!zone)
    return zone.error();
  return local_date(*zone, clock_->now());
}

void Context::run(const std::function<Status()>& body) {
  Status st = body();
  if (!st) {
    const Error& e = st.error();
    std::cerr << "rectifyctl: 错误：" << e.message;
    if (!e.location.empty() && e.message.find(e.location) == std::string::npos)
      std::cerr << "（位置：" << e.location << "）";
    std::cerr << "\n";
    throw CLI::RuntimeError(exit_status(e.kind));
  }
}

}  // namespace rectifyd::ctl
