// The ledger workbook import through both front ends: the real rectifyctl on one database and
// the admin API's request handler on another, both starting from the same people, give the
// same answer and the same audit row, for a good workbook and for a bad one.

#include <sys/wait.h>

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>

#include "admin/metrics.h"
#include "admin/request_handler.h"
#include "captured_run.h"
#include "config/config_load.h"
#include "core/dates.h"
#include "ledger_io/demo.h"
#include "store/database.h"
#include "store/demo_import.h"
#include "store/people_import.h"
#include "temp_dir.h"
#include "time/clock.h"

namespace rectifyd::ctl {
namespace {

namespace json = boost::json;
namespace http = boost::beast::http;

using CtlRun = rectifyd::testing::CapturedRun;

constexpr const char* kNow = "2026-03-10T01:00:00Z";
constexpr const char* kToken = "paper-commands-test-token-5c1d";

class XlsxImportFrontEnds : public ::testing::Test {
 protected:
  void SetUp() override {
    // The workbook: the demo ledger as rectifyctl exports it.
    {
      auto src = store::Database::open(dir_.file("source.db"));
      ASSERT_TRUE(src);
      ASSERT_TRUE(store::load_demo(**src, *parse_instant(kNow)));
    }
    workbook_ = dir_.file("ledger.xlsx");
    CtlRun r = ctl("source.db", {"export", "xlsx", workbook_});
    ASSERT_EQ(r.exit, 0) << r.err;
    // Two databases with the same people and no ledger yet.
    for (const char* name : {"ctl.db", "api.db"}) {
      auto db = store::Database::open(dir_.file(name));
      ASSERT_TRUE(db);
      ASSERT_TRUE(store::import_people_csv(
          **db, ledger_io::demo_people_csv(),
          ledger_io::PeopleImportOptions{"demo-people.csv", "test", *parse_instant(kNow)}));
    }
  }

  CtlRun ctl(const std::string& db, std::initializer_list<std::string> args) {
    std::vector<std::string> all{"--db", dir_.file(db), "--now", kNow, "--actor", "office"};
    all.insert(all.end(), args);
    return rectifyd::testing::run_captured(RECTIFYCTL_PATH, all, dir_.path().string());
  }

  /// POST /api/v1/imports/xlsx on api.db; records what the office reported as changed.
  admin::Response api_import(const std::string& bytes) {
    auto db = store::Database::open(dir_.file("api.db"));
    EXPECT_TRUE(db);
    const std::string text = std::string("[admin]\ntoken = \"") + kToken + "\"\n";
    const std::string config_path = dir_.write("rectifyd.toml", text);
    auto loaded = config::load_config_text(text, config_path);
    EXPECT_TRUE(loaded.ok()) << loaded.error_text();
    config::Snapshot config = std::make_shared<const config::Config>(std::move(*loaded.config));
    ManualClock clock{*parse_instant(kNow)};
    admin::Metrics metrics;
    admin::RequestHandler handler(
        admin::ApiEnv{**db,
                      clock,
                      metrics,
                      [&] { return config; },
                      [](const std::string&) { return ok_status(); },
                      [] {},
                      [] { return std::optional<Instant>{}; },
                      config_path,
                      dir_.path().string(),
                      {},
                      [this](const office::Change& c) { everything_changed_ = c.everything; }});
    admin::Request req{http::verb::post, "/api/v1/imports/xlsx", 11};
    req.set(http::field::authorization, std::string("Bearer ") + kToken);
    req.body() = bytes;
    req.prepare_payload();
    return handler.handle(req);
  }

  /// The import's audit row in a database: action, entity and what it records.
  std::string audit_row(const std::string& db_name) {
    auto db = store::Database::open(dir_.file(db_name));
    EXPECT_TRUE(db);
    SQLite::Statement q((*db)->sql(),
                        "SELECT action || ' ' || entity || ' ' || after FROM audit "
                        "WHERE action = 'ledger.import_xlsx'");
    std::string rows;
    while (q.executeStep())
      rows += q.getColumn(0).getString() + "\n";
    return rows;
  }

  rectifyd::testing::TempDir dir_;
  std::string workbook_;
  bool everything_changed_ = false;
};

TEST_F(XlsxImportFrontEnds, AGoodWorkbookGivesTheSameAnswerThroughRectifyctlAndTheApi) {
  CtlRun r = ctl("ctl.db", {"--json", "import", "xlsx", workbook_});
  ASSERT_EQ(r.exit, 0) << r.err;
  const json::value from_ctl = json::parse(r.out);

  const admin::Response res = api_import(rectifyd::testing::read_file(workbook_));
  ASSERT_EQ(res.result_int(), 200u) << res.body();
  const json::value from_api = json::parse(res.body());

  EXPECT_EQ(from_ctl, from_api) << r.out << "\n" << res.body();
  EXPECT_EQ(from_ctl.at("rows"), from_ctl.at("measures_created"));
  EXPECT_GT(from_ctl.at("measures_created").as_int64(), 0);
  EXPECT_TRUE(everything_changed_);

  const std::string audit = audit_row("ctl.db");
  EXPECT_NE(audit.find("ledger.import_xlsx round:1 {\"source\":\"ledger.xlsx, sheet 台账\""),
            std::string::npos)
      << audit;
  EXPECT_EQ(audit, audit_row("api.db"));
}

TEST_F(XlsxImportFrontEnds, ABadWorkbookIsRefusedAlikeAndWritesNothing) {
  std::filesystem::create_directories(dir_.path() / "bad");
  const std::string bad = dir_.write("bad/ledger.xlsx", "category,problem\n");
  CtlRun r = ctl("ctl.db", {"import", "xlsx", bad});
  EXPECT_EQ(r.exit, 1) << r.err;

  const admin::Response res = api_import("category,problem\n");
  ASSERT_EQ(res.result_int(), 422u) << res.body();
  const json::value body = json::parse(res.body());
  const auto& e = body.at("error").as_object();
  EXPECT_EQ(e.at("location").as_string(), "ledger.xlsx");
  const auto& details = e.at("details").as_array();
  ASSERT_FALSE(details.empty()) << res.body();
  const std::string first(details.at(0).as_string());
  EXPECT_EQ(e.at("message").as_string(),
            "导入失败，未写入任何数据（import failed, nothing was written）：" + first);
  EXPECT_NE(
      r.err.find("导入失败，未写入任何数据（import failed, nothing was written）：\n" + first),
      std::string::npos)
      << r.err;
  EXPECT_FALSE(everything_changed_);

  EXPECT_EQ(audit_row("ctl.db"), "");
  EXPECT_EQ(audit_row("api.db"), "");
}

}  // namespace
}  // namespace rectifyd::ctl
