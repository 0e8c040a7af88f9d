// The routes the console's 设置, 日历, 总览 trend, 台账 filters and 措施 messages read and write,
// through the request handler with a real database: the configuration file shown with its
// inline secrets hidden and saved with them kept; a year of the calendar day by day, an import
// and a refused one; the trend; the category filter; the messages about one measure.

#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <boost/beast/http/field.hpp>
#include <boost/json.hpp>

#include "admin/request_handler.h"
#include "app/daily_stats.h"
#include "config/config_load.h"
#include "config/secret_mask.h"
#include "core/dates.h"
#include "core/message.h"
#include "ledger_io/demo.h"
#include "store/demo_import.h"
#include "store/ledger_store.h"
#include "store/outbox.h"
#include "temp_dir.h"

namespace rectifyd::admin {
namespace {

namespace json = boost::json;
constexpr const char* kToken = "console-routes-token-5d1c77";
constexpr const char* kHookSecret = "whsec_Q2hhcnRzQW5kQ2FsZW5kYXJzMjAyNg";

std::string config_text(const std::string& unit = "测试单位") {
  return std::string("[unit]\nname = \"") + unit + "\"\n\n[admin]\ntoken = \"" + kToken +
         "\"\n\n[[channel]]\nid = \"log\"\ntype = \"log\"\n\n[[channel]]\nid = \"hook\"\n"
         "type = \"generic\"\nurl = \"http://127.0.0.1:9/hook\"\nsecret = \"" +
         kHookSecret + "\"\n";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class ConsoleRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Database::open(dir_.file("r.db"));
    ASSERT_TRUE(db);
    db_ = std::move(*db);
    ASSERT_TRUE(store::load_demo(*db_, clock_.now()));
    config_path_ = dir_.write("rectifyd.toml", config_text());
    auto loaded = config::load_config_text(config_text(), config_path_);
    ASSERT_TRUE(loaded.ok()) << loaded.error_text();
    config_ = std::make_shared<const config::Config>(std::move(*loaded.config));
    handler_ = std::make_unique<RequestHandler>(ApiEnv{*db_,
                                                       clock_,
                                                       metrics_,
                                                       [this] { return config_; },
                                                       [this](const std::string&) {
                                                         ++reloads_;
                                                         return ok_status();
                                                       },
                                                       [] {},
                                                       [] { return std::optional<Instant>{}; },
                                                       config_path_,
                                                       dir_.path().string(),
                                                       {},
                                                       {}});
  }

  struct Got {
    unsigned status = 0;
    std::string body;
    json::value json;
  };

  Got call(http::verb method, const std::string& target, const std::string& body = "") {
    Request req{method, target, 11};
    req.set(http::field::authorization, std::string("Bearer ") + kToken);
    req.body() = body;
    req.prepare_payload();
    const Response res = handler_->handle(req);
    Got g{res.result_int(), res.body(), {}};
    boost::system::error_code ec;
    g.json = json::parse(g.body, ec);
    return g;
  }

  rectifyd::testing::TempDir dir_;
  ManualClock clock_{*parse_instant("2026-03-02T02:00:00Z")};
  Metrics metrics_;
  std::unique_ptr<store::Database> db_;
  std::string config_path_;
  config::Snapshot config_;
  std::unique_ptr<RequestHandler> handler_;
  int reloads_ = 0;
};

TEST_F(ConsoleRoutesTest, ConfigShowsTheFileWithItsInlineSecretsHidden) {
  auto g = call(http::verb::get, "/api/v1/config");
  ASSERT_EQ(g.status, 200u) << g.body;
  EXPECT_EQ(g.body.find(kToken), std::string::npos);
  EXPECT_EQ(g.body.find(kHookSecret), std::string::npos);
  const std::string text(g.json.at("file").at("text").as_string());
  EXPECT_NE(text.find("secret = \"" + std::string(config::kKeptSecret) + "\""), std::string::npos)
      << text;
  EXPECT_NE(text.find("name = \"测试单位\""), std::string::npos);
  bool token_shown_as_set = false;
  for (const auto& e : g.json.at("entries").as_array()) {
    if (e.at("key") == "admin.token") {
      token_shown_as_set = e.at("set").as_bool() && !e.as_object().contains("value");
    }
  }
  EXPECT_TRUE(token_shown_as_set);
}

TEST_F(ConsoleRoutesTest, ASavedFileKeepsTheSecretsItDidNotShow) {
  const std::string before = read_file(config_path_);
  std::string text(call(http::verb::get, "/api/v1/config").json.at("file").at("text").as_string());

  // An error at line 2: refused, the file as it was.
  std::string bad = text;
  bad.replace(bad.find("name = \"测试单位\""), 20,
              "name = \"测试单位\"\ntime_zone = \"Mars/Base\"");
  auto refused = call(http::verb::put, "/api/v1/config", bad);
  ASSERT_EQ(refused.status, 422u) << refused.body;
  EXPECT_EQ(refused.json.at("error").at("details").as_array()[0].at("line"), 3);
  EXPECT_EQ(read_file(config_path_), before);
  auto checked = call(http::verb::post, "/api/v1/config/validate", bad);
  EXPECT_EQ(checked.status, 422u);
  EXPECT_EQ(reloads_, 0);

  // Valid: the placeholders validate as the secrets they stand for, and are written back.
  std::string good = text;
  good.replace(good.find("测试单位"), 12, "测试单位办公室");
  auto valid = call(http::verb::post, "/api/v1/config/validate", good);
  ASSERT_EQ(valid.status, 200u) << valid.body;
  auto saved = call(http::verb::put, "/api/v1/config", good);
  ASSERT_EQ(saved.status, 200u) << saved.body;
  EXPECT_EQ(read_file(config_path_), config_text("测试单位办公室"));
  EXPECT_EQ(reloads_, 1);
}

TEST_F(ConsoleRoutesTest, AYearOfTheCalendarDayByDay) {
  auto g = call(http::verb::get, "/api/v1/calendar?year=2026");
  ASSERT_EQ(g.status, 200u) << g.body;
  EXPECT_EQ(g.json.at("source"), "builtin");
  const auto& days = g.json.at("days").as_array();
  ASSERT_EQ(days.size(), 365u);
  auto day = [&](const char* d) -> const json::object& {
    for (const auto& x : days)
      if (x.at("date") == d)
        return x.as_object();
    ADD_FAILURE() << d;
    return days[0].as_object();
  };
  EXPECT_EQ(day("2026-10-01").at("kind"), "holiday");
  EXPECT_EQ(day("2026-10-01").at("name"), "国庆节");
  EXPECT_FALSE(day("2026-10-01").at("workday").as_bool());
  EXPECT_EQ(day("2026-10-10").at("kind"), "makeup");
  EXPECT_TRUE(day("2026-10-10").at("workday").as_bool());
  EXPECT_EQ(day("2026-03-07").at("kind"), "weekend");
  EXPECT_EQ(day("2026-03-09").at("kind"), "workday");
  // 2026 is built in: the 60 days from 2026-03-02 are covered.
  EXPECT_TRUE(g.json.at("coverage").at("first_uncovered").is_null());

  EXPECT_EQ(call(http::verb::get, "/api/v1/calendar?year=2031").json.at("source"), "none");
  EXPECT_EQ(call(http::verb::get, "/api/v1/calendar?year=abc").status, 400u);
}

TEST_F(ConsoleRoutesTest, TheCoverageWarningNamesTheFirstDayWithoutASchedule) {
  // A measure due in 2027, a year no schedule covers yet.
  store::LedgerStore store(*db_);
  store::MeasureFilter open;
  open.statuses = {MeasureStatus::open, MeasureStatus::in_progress};
  auto ms = store.measures(open);
  ASSERT_TRUE(ms && !ms->empty());
  auto r = call(http::verb::post, "/api/v1/measures/" + std::to_string(ms->front().id) + "/due",
                R"({"due": "2027-02-01"})");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto g = call(http::verb::get, "/api/v1/calendar");
  const auto& cov = g.json.at("coverage");
  EXPECT_EQ(cov.at("latest_due"), "2027-02-01");
  EXPECT_EQ(cov.at("first_uncovered_due"), "2027-01-01");
  // December: the warning period reaches into 2027.
  clock_.set(*parse_instant("2026-12-01T02:00:00Z"));
  g = call(http::verb::get, "/api/v1/calendar");
  EXPECT_EQ(g.json.at("coverage").at("first_uncovered"), "2027-01-01");
  EXPECT_EQ(g.json.at("year"), 2026);
}

TEST_F(ConsoleRoutesTest, ANewYearIsImportedAndABadOneChangesNothing) {
  const std::string year = R"({"year": 2031, "papers": [], "days": [
    {"name": "元旦", "date": "2031-01-01", "isOffDay": true},
    {"name": "春节", "date": "2031-01-25", "isOffDay": false}]})";
  auto bad = call(http::verb::post, "/api/v1/calendar/import?source=2031.json",
                  R"({"year": 2031, "papers": [], "days": [{"name": "元旦", "date": "2031-13-01",
                      "isOffDay": true}]})");
  ASSERT_EQ(bad.status, 422u) << bad.body;
  EXPECT_NE(bad.body.find("2031.json"), std::string::npos) << bad.body;
  EXPECT_EQ(call(http::verb::get, "/api/v1/calendar?year=2031").json.at("source"), "none");

  auto ok = call(http::verb::post, "/api/v1/calendar/import?source=2031.json", year);
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(ok.json.at("days_off"), 1);
  EXPECT_EQ(ok.json.at("workdays"), 1);
  auto g = call(http::verb::get, "/api/v1/calendar?year=2031");
  EXPECT_EQ(g.json.at("source"), "imported");
  EXPECT_EQ(g.json.at("days").as_array()[0].at("kind"), "holiday");
  EXPECT_EQ(g.json.at("days").as_array()[24].at("kind"), "makeup");  // 2031-01-25, a Saturday
  auto audit = call(http::verb::get, "/api/v1/audit?action=calendar.import");
  EXPECT_EQ(audit.json.at("total"), 1);
}

TEST_F(ConsoleRoutesTest, TheTrendFromTheKeptDaysToNow) {
  config::Config c = *config_;
  ASSERT_TRUE(app::take_daily_stats(*db_, c, *parse_instant("2026-02-27T02:00:00Z")));
  ASSERT_TRUE(app::take_daily_stats(*db_, c, *parse_instant("2026-03-01T02:00:00Z")));
  auto g = call(http::verb::get, "/api/v1/stats/trend");
  ASSERT_EQ(g.status, 200u) << g.body;
  const auto& items = g.json.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("day"), "2026-02-27");
  EXPECT_EQ(items[2].at("day"), "2026-03-02");
  auto stats = call(http::verb::get, "/api/v1/stats");
  EXPECT_EQ(items[2].at("completion_rate"), stats.json.at("completion_rate"));
}

TEST_F(ConsoleRoutesTest, TheLedgerFilteredByCategory) {
  auto problems = call(http::verb::get, "/api/v1/problems?limit=1000").json.at("items").as_array();
  ASSERT_FALSE(problems.empty());
  const auto category = problems.back().at("category_id").as_int64();
  std::set<std::int64_t> in_category;
  for (const auto& p : problems)
    if (p.at("category_id").as_int64() == category)
      in_category.insert(p.at("id").as_int64());
  auto all = call(http::verb::get, "/api/v1/measures?limit=1000").json;
  auto some =
      call(http::verb::get, "/api/v1/measures?limit=1000&category_id=" + std::to_string(category))
          .json;
  ASSERT_GT(some.at("total").as_int64(), 0);
  EXPECT_LT(some.at("total").as_int64(), all.at("total").as_int64());
  for (const auto& m : some.at("items").as_array())
    EXPECT_TRUE(in_category.contains(m.at("problem_id").as_int64()));
  EXPECT_EQ(call(http::verb::get, "/api/v1/measures?category_id=x").status, 400u);
}

TEST_F(ConsoleRoutesTest, TheMessagesAboutOneMeasure) {
  auto message = [](Id measure) {
    Message m;
    m.kind = "reminder";
    m.subject = "请按期完成";
    m.items.push_back(
        MessageItem{measure, "问题1 措施一", "x", "张三", "2026-03-10", "yellow", ""});
    return json::serialize(to_json(m));
  };
  store::Outbox outbox(*db_);
  const Instant now = clock_.now();
  ASSERT_TRUE(outbox.enqueue(
      {"reminder/m1/p1/log", "reminder", "log", "张三", "请按期完成", message(1), now, false},
      now));
  ASSERT_TRUE(outbox.enqueue(
      {"reminder/m2/p1/log", "reminder", "log", "李四", "请按期完成", message(2), now, false},
      now));
  auto g = call(http::verb::get, "/api/v1/measures/1/messages");
  ASSERT_EQ(g.status, 200u) << g.body;
  const auto& items = g.json.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("recipient"), "张三");
  EXPECT_EQ(items[0].at("channel"), "log");
  EXPECT_EQ(items[0].at("state"), "pending");
}

}  // namespace
}  // namespace rectifyd::admin
