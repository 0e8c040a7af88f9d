#include "api_host.h"

#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <boost/json.hpp>

#include "config/config_load.h"
#include "fuzz_check.h"
#include "store/demo_import.h"

namespace rectifyd::fuzz {
namespace {

const Instant kNow = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{2};

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  require(static_cast<bool>(out), "the fuzz configuration file is written", path);
}

}  // namespace

ApiHost::ApiHost() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "rectifyd-fuzz-XXXXXX").string();
  require(::mkdtemp(tmpl.data()) != nullptr, "a scratch directory is made");
  dir_ = tmpl;
  config_path_ = dir_ + "/rectifyd.toml";
  config_text_ = std::string("[unit]\nname = \"模糊测试单位\"\n\n[admin]\ntoken = \"") +
                 kFuzzToken + "\"\n\n[store]\npath = \"" + dir_ + "/unused.db\"\n";
  auto loaded = config::load_config_text(config_text_, config_path_);
  require(loaded.ok(), "the fuzz configuration loads", loaded.error_text());
  config_ = std::make_shared<const config::Config>(std::move(*loaded.config));

  pristine_ = memory_db();
  auto demo = store::load_demo(*pristine_, kNow);
  require(demo.ok() && demo->loaded, "the demo ledger loads", demo ? "" : demo.error().message);
  db_ = memory_db();
  clock_ = std::make_unique<ManualClock>(kNow);
  metrics_ = std::make_unique<admin::Metrics>();

  admin::ApiEnv env{*db_,
                    *clock_,
                    *metrics_,
                    [this] { return config_; },
                    [this](const std::string&) -> Status {
                      auto r = config::load_config_file(config_path_);
                      if (!r.ok())
                        return Error{r.error_text()};
                      config_ = std::make_shared<const config::Config>(std::move(*r.config));
                      return ok_status();
                    },
                    [] {},
                    [] { return std::optional<Instant>{}; },
                    config_path_,
                    dir_,
                    [](const std::string&) {},
                    [](const office::Change&) {},
                    {}};
  handler_ = std::make_unique<admin::RequestHandler>(std::move(env));
  reset();
}

ApiHost::~ApiHost() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void ApiHost::reset() {
  sqlite3_backup* b =
      sqlite3_backup_init(db_->sql().getHandle(), "main", pristine_->sql().getHandle(), "main");
  require(b != nullptr, "the store can be reset");
  const int step = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  require(step == SQLITE_DONE, "the store is reset", sqlite3_errstr(step));
  write_text(config_path_, config_text_);
  std::error_code ec;
  std::filesystem::remove(config_path_ + ".bak", ec);
  auto loaded = config::load_config_text(config_text_, config_path_);
  config_ = std::make_shared<const config::Config>(std::move(*loaded.config));
  clock_->set(kNow);
}

void ApiHost::check_response(const admin::Response& res) {
  const unsigned code = res.result_int();
  require(code != 500, "bad input is refused, not an internal error", res.body());
  if (res[admin::http::field::content_type].starts_with("application/json")) {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(res.body(), ec);
    require(!ec, "a JSON answer parses", res.body());
    if (code >= 400) {
      const auto* err = v.is_object() ? v.as_object().if_contains("error") : nullptr;
      require(err && err->is_object() && err->as_object().contains("message"),
              "an error answer says what is wrong", res.body());
    }
  }
}

}  // namespace rectifyd::fuzz
