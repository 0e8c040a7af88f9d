// The admin API end to end: the real server on 127.0.0.1 (and on a unix socket), hosted by the
// real daemon on its own io_context thread, a real SQLite file with the demo ledger, a real
// configuration file whose secrets are recognisable strings, and libcurl as the client. Every
// test ends by scanning every response body, the captured log and the audit table for each
// secret value.

#include "admin/server.h"

#include <sys/stat.h>

#include <cstdlib>
#include <regex>
#include <sstream>
#include <thread>

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/json.hpp>

#include "app/daemon.h"
#include "app/planner_hook.h"
#include "app/service.h"
#include "config/config_load.h"
#include "http_client.h"
#include "ledger_io/ledger_csv.h"
#include "store/demo_import.h"
#include "store/ledger_import.h"
#include "store/outbox.h"
#include "temp_dir.h"
#include "time/zone.h"

namespace rectifyd::admin {
namespace {

namespace json = boost::json;
using rectifyd::testing::http_request;
using rectifyd::testing::HttpReply;
using rectifyd::testing::HttpRequest;
using rectifyd::testing::read_file;
using rectifyd::testing::TempDir;

constexpr const char* kAdminToken = "ADMIN-TOKEN-8f2c7d1e9b";
constexpr const char* kReadOnlyToken = "READONLY-TOKEN-4a6e0c3b5d";
constexpr const char* kWebhookUrl =
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=WECOM-KEY-77e1c0ffee";

struct Limits {
  std::size_t max_body = 65536;
  std::size_t max_header = 4096;
  int max_connections = 8;
  std::string timeout = "15s";
  std::string listen = "127.0.0.1:8377";
  bool tls = false;  ///< serve https with tls-cert.pem and tls-key.pem of the test's directory
};

std::string config_text(const TempDir& dir, const Limits& l, const std::string& start = "15:00") {
  return "# 测试配置\n"
         "[unit]\n"
         "name = \"测试单位\"\n"
         "\n"
         "[meeting]\n"
         "start = \"" +
         start +
         "\"   # 开始时间\n"
         "location = \"三楼会议室\"\n"
         "\n"
         "[[channel]]\n"
         "id = \"log\"\n"
         "type = \"log\"\n"
         "path = \"" +
         dir.file("messages.jsonl") +
         "\"\n"
         "\n"
         "[[channel]]\n"
         "id = \"wecom\"\n"
         "type = \"wecom\"\n"
         "url = { file = \"" +
         dir.file("wecom-url") +
         "\" }\n"
         "\n"
         "[routing]\n"
         "personal = [\"log\"]\n"
         "group = [\"log\"]\n"
         "office = [\"log\"]\n"
         "\n"
         "[admin]\n"
         "listen = \"" +
         l.listen +
         "\"\n"
         "token = { file = \"" +
         dir.file("admin-token") +
         "\" }\n"
         "read_only_token = { file = \"" +
         dir.file("ro-token") +
         "\" }\n"
         "max_body_bytes = " +
         std::to_string(l.max_body) +
         "\n"
         "max_header_bytes = " +
         std::to_string(l.max_header) +
         "\n"
         "max_connections = " +
         std::to_string(l.max_connections) +
         "\n"
         "request_timeout = \"" +
         l.timeout + "\"\n" +
         (l.tls ? "tls_certificate = \"" + dir.file("tls-cert.pem") +
                      "\"\ntls_private_key = { file = \"" + dir.file("tls-key.pem") + "\" }\n"
                : std::string()) +
         "\n"
         "[store]\n"
         "path = \"" +
         dir.file("rectifyd.db") + "\"\n";
}

class AdminServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_logger_ = spdlog::default_logger();
    log_sink_ = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    auto logger = std::make_shared<spdlog::logger>("admin-test", log_sink_);
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);
    dir.write("admin-token", kAdminToken);
    dir.write("ro-token", kReadOnlyToken);
    dir.write("wecom-url", kWebhookUrl);
  }

  void TearDown() override {
    stop();
    scan_for_secrets();
    spdlog::set_default_logger(previous_logger_);
  }

  /// Writes the config, opens the database with the demo ledger and runs the daemon with the
  /// admin server on its own thread.
  void start(const Limits& l = {}) {
    limits_ = l;
    config_path = dir.write("rectifyd.toml", config_text(dir, l));
    auto loaded = config::load_config_file(config_path);
    ASSERT_TRUE(loaded.ok()) << loaded.error_text();
    auto cfg = std::make_shared<const config::Config>(std::move(*loaded.config));
    auto d = store::Database::open(dir.file("rectifyd.db"));
    ASSERT_TRUE(d) << d.error().message;
    db = std::move(*d);
    auto zone = find_zone("Asia/Shanghai");
    ASSERT_TRUE(zone);
    auto demo = store::load_demo(*db, clock.now(), *zone);
    ASSERT_TRUE(demo) << demo.error().message;
    prepare_store();

    auto created = app::Daemon::create(app::Runtime{io, *db, clock, notifier, config_path}, cfg);
    ASSERT_TRUE(created) << created.error().message;
    daemon = std::move(*created);
    daemon->set_metrics(&metrics);
    auto engine = std::make_shared<engine::Engine>(*db);
    auto hook = app::make_planner_hook(*db, engine);
    daemon->set_planner([this, hook](const config::Config& c, Instant now) {
      auto r = hook(c, now);
      metrics.planner_run(0.001, r.ok());
      return r;
    });
    ApiEnv env{*db,
               clock,
               metrics,
               [this] { return daemon->config(); },
               [this](const std::string& actor) { return daemon->reload_as(actor); },
               [this] { daemon->wake_now(); },
               [this]() -> std::optional<Instant> {
                 if (const auto& w = daemon->next_wake())
                   return w->at;
                 return std::nullopt;
               },
               config_path,
               dir.path().string(),
               {},
               [engine](const office::Change& c) { engine->note_change(app::ledger_change_of(c)); },
               [this] { return health.snapshot(); }};
    // The kernel picks the port; the file keeps a fixed one (a port 0 is not a valid setting).
    auto listen_cfg = std::make_shared<config::Config>(*cfg);
    if (!l.listen.starts_with("unix:"))
      listen_cfg->admin.listen = "127.0.0.1:0";
    server = std::make_unique<AdminServer>(io, std::move(env), listen_cfg);
    auto st = server->listen();
    ASSERT_TRUE(st) << st.error().message;
    hosted = std::make_unique<app::Hosted<AdminServer>>(*server);
    daemon->add_service(*hosted);
    loop = std::thread([this] { exit_status = daemon->run(); });
    if (auto p = server->port())
      base = (l.tls ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(*p);
    else
      base = "http://localhost";
  }

  /// Rows for the outbox tests: one pending, one dead.
  void prepare_store() {
    store::Outbox outbox(*db);
    const Instant now = clock.now();
    db->write([&] {
      store::NewNotification n;
      n.kind = "reminder";
      n.channel = "log";
      n.recipient = "张三";
      n.subject = "到期提醒";
      n.payload = R"({"kind":"reminder","subject":"到期提醒","text":"x"})";
      n.not_before = now + std::chrono::hours{24 * 30};
      n.key = "test/pending";
      outbox.enqueue(n, now);
      n.key = "test/dead";
      n.not_before = now - std::chrono::hours{1};
      outbox.enqueue(n, now);
    });
    auto claimed = outbox.claim_due({{"log", 10}}, now);
    ASSERT_EQ(claimed.size(), 1u);
    store::Settlement s{claimed[0].id, store::OutboxState::dead, {}, "HTTP 400 from the receiver"};
    outbox.settle(std::span<const store::Settlement>(&s, 1), now);
    dead_id = claimed[0].id;
  }

  void stop() {
    if (!loop.joinable())
      return;
    boost::asio::post(io, [this] { daemon->stop(); });
    loop.join();
  }

  HttpReply call(const std::string& method, const std::string& path, const std::string& body = "",
                 const char* token = kAdminToken, std::vector<std::string> headers = {}) {
    HttpRequest r;
    r.method = method;
    r.url = base + path;
    r.body = body;
    r.headers = std::move(headers);
    if (token)
      r.headers.push_back(std::string("Authorization: Bearer ") + token);
    if (limits_.listen.starts_with("unix:"))
      r.unix_socket = limits_.listen.substr(5);
    if (limits_.tls)
      r.ca_file = dir.file("tls-cert.pem");
    HttpReply reply = http_request(r);
    EXPECT_TRUE(reply.error.empty()) << method << " " << path << ": " << reply.error;
    bodies_ += reply.body + "\n";
    for (const auto& [k, v] : reply.headers)
      bodies_ += k + ": " + v + "\n";
    return reply;
  }

  static json::value parse(const HttpReply& r) {
    boost::system::error_code ec;
    auto v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
  }

  /// The error object of a reply, checked to have the documented form.
  static json::object error_of(const HttpReply& r) {
    auto v = parse(r);
    EXPECT_TRUE(v.is_object() && v.as_object().contains("error")) << r.body;
    if (!v.is_object() || !v.as_object().contains("error"))
      return {};
    auto e = v.at("error").as_object();
    EXPECT_TRUE(e.contains("message")) << r.body;
    return e;
  }

  /// The first measure in a status, from the API.
  json::object first_measure(const std::string& query) {
    auto r = call("GET", "/api/v1/measures?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    auto v = parse(r);
    EXPECT_FALSE(v.at("items").as_array().empty()) << r.body;
    return v.at("items").as_array().at(0).as_object();
  }

  int count(const std::string& sql) {
    auto other = store::Database::open(dir.file("rectifyd.db"));
    EXPECT_TRUE(other);
    return (*other)->sql().execAndGet(sql).getInt();
  }

  void scan_for_secrets() {
    std::string audit;
    if (auto other = store::Database::open(dir.file("rectifyd.db"))) {
      SQLite::Statement q((*other)->sql(),
                          "SELECT actor, action, entity, before, after FROM audit");
      while (q.executeStep()) {
        for (int i = 0; i < 5; ++i)
          audit += q.getColumn(i).getString() + "\n";
      }
    }
    spdlog::default_logger()->flush();
    const std::string logged = log_.str();
    for (const char* secret : {kAdminToken, kReadOnlyToken, kWebhookUrl, "WECOM-KEY-77e1c0ffee"}) {
      EXPECT_EQ(bodies_.find(secret), std::string::npos) << "a response shows " << secret;
      EXPECT_EQ(logged.find(secret), std::string::npos) << "the log shows " << secret;
      EXPECT_EQ(audit.find(secret), std::string::npos) << "the audit log shows " << secret;
    }
  }

  TempDir dir;
  std::string config_path;
  std::unique_ptr<store::Database> db;
  boost::asio::io_context io;
  SystemClock clock;
  app::SystemdNotifier notifier;
  Metrics metrics;
  /// What delivery would report; set before start() (the server reads it on its thread).
  notify::ChannelHealth health;
  std::unique_ptr<app::Daemon> daemon;
  std::unique_ptr<AdminServer> server;
  std::unique_ptr<app::Hosted<AdminServer>> hosted;
  std::thread loop;
  int exit_status = -1;
  std::string base;
  Id dead_id = 0;
  Limits limits_;

 private:
  std::ostringstream log_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> log_sink_;
  std::shared_ptr<spdlog::logger> previous_logger_;
  std::string bodies_;
};

TEST_F(AdminServerTest, HealthzNeedsNoToken) {
  start();
  auto r = call("GET", "/healthz", "", nullptr);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(parse(r).at("status"), "ok");
  EXPECT_EQ(call("POST", "/healthz", "", nullptr).status, 405);
}

TEST_F(AdminServerTest, AFailingChannelShowsInHealthzAndMetrics) {
  health.succeeded("log", clock.now());
  health.failed("wecom", "HTTP 500", clock.now() - std::chrono::minutes{10});
  health.failed("wecom", "HTTP 503", clock.now() - std::chrono::minutes{5});
  start();
  auto r = call("GET", "/healthz", "", nullptr);
  EXPECT_EQ(r.status, 200) << r.body;  // the daemon works; a receiver does not
  auto body = parse(r);
  EXPECT_EQ(body.at("status"), "degraded");
  const auto& wecom = body.at("channels").at("wecom");
  EXPECT_EQ(wecom.at("status"), "failing");
  EXPECT_EQ(wecom.at("failures"), 2);
  EXPECT_EQ(wecom.at("last_error"), "HTTP 503");
  EXPECT_EQ(body.at("channels").at("log").at("status"), "ok");

  auto m = call("GET", "/metrics", "", kReadOnlyToken);
  ASSERT_EQ(m.status, 200);
  for (const char* want :
       {"# TYPE rectifyd_channel_up gauge", "rectifyd_channel_up{channel=\"wecom\"} 0",
        "rectifyd_channel_up{channel=\"log\"} 1", "rectifyd_channel_failures{channel=\"wecom\"} 2",
        "rectifyd_channel_failing_seconds{channel=\"log\"} 0"}) {
    EXPECT_NE(m.body.find(want), std::string::npos) << want << "\n" << m.body;
  }
  EXPECT_NE(m.body.find("rectifyd_channel_failing_seconds{channel=\"wecom\"} 6"),
            std::string::npos)
      << m.body;  // about 600 s
}

TEST_F(AdminServerTest, TokensAreCheckedAndTheReadOnlyTokenCannotWrite) {
  start();
  auto none = call("GET", "/api/v1/stats", "", nullptr);
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.headers["www-authenticate"], "Bearer realm=\"rectifyd\"");
  error_of(none);
  EXPECT_EQ(call("GET", "/api/v1/stats", "", "wrong-token").status, 401);
  EXPECT_EQ(call("GET", "/metrics", "", nullptr).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/stats", "", kReadOnlyToken).status, 200);
  auto ro_write = call("POST", "/api/v1/people", R"({"name":"只读者"})", kReadOnlyToken);
  EXPECT_EQ(ro_write.status, 403) << ro_write.body;
  error_of(ro_write);
  EXPECT_EQ(call("PUT", "/api/v1/config", "x = 1", kReadOnlyToken).status, 403);
  EXPECT_EQ(call("DELETE", "/api/v1/outbox/" + std::to_string(dead_id), "", kReadOnlyToken).status,
            403);
  EXPECT_EQ(call("POST", "/api/v1/people", R"({"name":"读写者"})").status, 201);
}

TEST_F(AdminServerTest, UnknownPathsAre404AndWrongMethods405) {
  start();
  auto r = call("GET", "/api/v1/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(error_of(r).at("location"), "/api/v1/nothing");
  EXPECT_EQ(call("GET", "/elsewhere").status, 404);
  auto m = call("DELETE", "/api/v1/people");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.headers["allow"], "GET, POST");
  EXPECT_EQ(call("GET", "/api/v1/measures/not-a-number").status, 404);
}

TEST_F(AdminServerTest, PeopleArePagedAddedAndEdited) {
  start();
  auto page = call("GET", "/api/v1/people?limit=2");
  ASSERT_EQ(page.status, 200) << page.body;
  auto v = parse(page);
  EXPECT_EQ(v.at("items").as_array().size(), 2u);
  const auto total = v.at("total").to_number<std::int64_t>();
  EXPECT_GT(total, 2);
  EXPECT_EQ(v.at("next"), 2);
  auto last = parse(call("GET", "/api/v1/people?limit=2&offset=" + std::to_string(total - 1)));
  EXPECT_EQ(last.at("items").as_array().size(), 1u);
  EXPECT_TRUE(last.at("next").is_null());
  EXPECT_EQ(call("GET", "/api/v1/people?limit=0").status, 400);

  auto added = call("POST", "/api/v1/people",
                    R"({"name":"赵六","department":"办公室","roles":["owner","office"],)"
                    R"("email":"zhao@example.org"})",
                    kAdminToken, {"X-Rectifyd-Actor: 王主任"});
  ASSERT_EQ(added.status, 201) << added.body;
  const auto id = parse(added).at("id").as_int64();
  EXPECT_EQ(parse(added).at("roles"), "owner,office");
  EXPECT_EQ(call("POST", "/api/v1/people", R"({"name":"赵六"})").status, 409);
  auto bad_email = call("POST", "/api/v1/people", R"({"name":"钱七","email":"qian"})");
  EXPECT_EQ(bad_email.status, 422);
  EXPECT_EQ(error_of(bad_email).at("location"), "/email");
  EXPECT_EQ(call("POST", "/api/v1/people", R"({"name":)").status, 400);
  EXPECT_EQ(call("POST", "/api/v1/people", R"({"name":"x","shoe_size":42})").status, 422);

  auto edited = call("PATCH", "/api/v1/people/" + std::to_string(id), R"({"title":"副主任"})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(parse(edited).at("title"), "副主任");
  EXPECT_EQ(parse(edited).at("department"), "办公室");
  EXPECT_EQ(call("PATCH", "/api/v1/people/99999", R"({"title":"x"})").status, 404);
  auto bad_zone =
      call("PATCH", "/api/v1/people/" + std::to_string(id), R"({"time_zone":"Europe/Berlim"})");
  EXPECT_EQ(bad_zone.status, 422);
  EXPECT_EQ(error_of(bad_zone).at("location"), "/time_zone");
  auto berlin =
      call("PATCH", "/api/v1/people/" + std::to_string(id), R"({"time_zone":"Europe/Berlin"})");
  ASSERT_EQ(berlin.status, 200) << berlin.body;
  EXPECT_EQ(parse(berlin).at("time_zone"), "Europe/Berlin");
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'person.add' AND actor = "
                  "'王主任 (admin)'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'person.update' AND actor = 'admin'"),
            2);
}

TEST_F(AdminServerTest, MeasuresFollowTheLifecycle) {
  start();
  auto problems = call("GET", "/api/v1/problems?limit=3");
  ASSERT_EQ(problems.status, 200);
  EXPECT_EQ(parse(problems).at("items").as_array().size(), 3u);

  auto m = first_measure("status=open&limit=1");
  const std::string id = std::to_string(m.at("id").as_int64());
  EXPECT_TRUE(m.contains("colour"));
  EXPECT_TRUE(m.contains("label"));

  auto closed_early = call("POST", "/api/v1/measures/" + id + "/close");
  EXPECT_EQ(closed_early.status, 409) << closed_early.body;
  EXPECT_EQ(call("POST", "/api/v1/measures/" + id + "/progress", R"({"progress":150})").status,
            422);
  EXPECT_EQ(call("POST", "/api/v1/measures/" + id + "/progress", R"({"progress":"half"})").status,
            400);
  auto progressed =
      call("POST", "/api/v1/measures/" + id + "/progress", R"({"progress":50,"note":"已起草"})");
  ASSERT_EQ(progressed.status, 200) << progressed.body;
  EXPECT_EQ(parse(progressed).at("status"), "in_progress");
  auto no_evidence = call("POST", "/api/v1/measures/" + id + "/done", "{}");
  EXPECT_EQ(no_evidence.status, 422);
  EXPECT_EQ(error_of(no_evidence).at("location"), "/evidence");
  ASSERT_EQ(
      call("POST", "/api/v1/measures/" + id + "/done", R"({"evidence":"制度文本已印发"})").status,
      200);
  auto closed = call("POST", "/api/v1/measures/" + id + "/close");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(parse(closed).at("status"), "closed");
  EXPECT_EQ(call("POST", "/api/v1/measures/" + id + "/due", R"({"due":"2030-01-01"})").status, 409);
  EXPECT_EQ(call("POST", "/api/v1/measures/" + id + "/reopen", R"({"reason":"复查"})").status, 200);
  EXPECT_EQ(call("POST", "/api/v1/measures/" + id + "/due", R"({"due":"2030-13-01"})").status, 422);
  EXPECT_EQ(call("POST", "/api/v1/measures/" + id + "/due", R"({"due":"2030-01-01"})").status, 200);
  EXPECT_EQ(call("POST", "/api/v1/measures/" + id + "/assign", R"({"owner":"无此人"})").status,
            422);
  EXPECT_EQ(call("POST", "/api/v1/measures/" + id + "/na", "{}").status, 422);

  auto shown = call("GET", "/api/v1/measures/" + id);
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(parse(shown).at("progress_updates").as_array().size(), 2u);
  EXPECT_EQ(call("GET", "/api/v1/measures/999999").status, 404);
  EXPECT_EQ(call("POST", "/api/v1/measures/999999/close").status, 404);
  EXPECT_EQ(
      count("SELECT count(*) FROM audit WHERE entity = 'measure:" + id + "' AND actor = 'admin'"),
      5);

  auto red = call("GET", "/api/v1/measures?colour=red&limit=1000");
  ASSERT_EQ(red.status, 200);
  const json::value reds = parse(red);
  for (const auto& x : reds.at("items").as_array())
    EXPECT_EQ(x.at("colour"), "red");
  EXPECT_EQ(call("GET", "/api/v1/measures?status=sleeping").status, 400);
  EXPECT_EQ(call("GET", "/api/v1/measures?owner=无此人").status, 422);
}

TEST_F(AdminServerTest, ExtensionsAreRequestedAndDecidedOnce) {
  start();
  // A measure due in the future: the demo ledger has several.
  auto list = parse(call("GET", "/api/v1/measures?status=open,in_progress&limit=1000"));
  std::string id;
  std::string due;
  for (const auto& x : list.at("items").as_array()) {
    if (x.at("due").is_string() && x.at("due").as_string() > list.at("as_of").as_string()) {
      id = std::to_string(x.at("id").as_int64());
      due = std::string(x.at("due").as_string());
      break;
    }
  }
  ASSERT_FALSE(id.empty()) << list;
  auto req = call("POST", "/api/v1/measures/" + id + "/extend",
                  R"({"due":"2031-06-30","reason":"需要上级批复"})");
  ASSERT_EQ(req.status, 201) << req.body;
  const std::string ext = std::to_string(parse(req).at("id").as_int64());
  EXPECT_EQ(call("POST", "/api/v1/measures/" + id + "/extend", R"({"due":"2031-07-30"})").status,
            409);
  auto approved = call("POST", "/api/v1/extensions/" + ext + "/approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(parse(approved).at("measure").at("due"), "2031-06-30");
  EXPECT_EQ(call("POST", "/api/v1/extensions/" + ext + "/reject").status, 409);
  EXPECT_EQ(call("POST", "/api/v1/extensions/99999/approve").status, 404);
}

TEST_F(AdminServerTest, ImportsAreAllOrNothingWithRowErrors) {
  start();
  const int people = count("SELECT count(*) FROM people");
  auto bad = call("POST", "/api/v1/imports/people?source=staff.csv",
                  "name,title,department,email,mobile,wecom_id,dingtalk_id,feishu_id,roles,"
                  "time_zone\n"
                  "孙八,科员,办公室,sun@example.org,,,,,owner,\n"
                  "周九,科员,办公室,not-an-address,,,,,owner,\n");
  ASSERT_EQ(bad.status, 422) << bad.body;
  auto e = error_of(bad);
  EXPECT_EQ(e.at("location"), "staff.csv");
  ASSERT_FALSE(e.at("details").as_array().empty());
  EXPECT_NE(std::string(e.at("details").as_array()[0].as_string()).find("row"), std::string::npos)
      << bad.body;
  EXPECT_EQ(count("SELECT count(*) FROM people"), people);

  auto good = call("POST", "/api/v1/imports/people",
                   "name,title,department,email,mobile,wecom_id,dingtalk_id,feishu_id,roles,"
                   "time_zone\n"
                   "孙八,科员,办公室,sun@example.org,,,,,owner,\n");
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(parse(good).at("created"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM people"), people + 1);

  auto plan = call("POST", "/api/v1/imports/plan", "这不是整改方案");
  EXPECT_EQ(plan.status, 422) << plan.body;
  EXPECT_EQ(
      error_of(plan).at("details").as_array()[0],
      "plan.txt:1:1: 没有找到方面标题，如“（一）在…方面”或“一、关于…方面”，也就没有问题可导入；"
      "请确认这是整改方案的文字");

  // ?dry_run=1 shows the tree it would import and writes nothing.
  const int problems = count("SELECT count(*) FROM problems");
  const int audits = count("SELECT count(*) FROM audit");
  auto dry = call(
      "POST", "/api/v1/imports/plan?dry_run=1&source=p.txt",
      "（一）在作风建设方面\n问题1：会风不正。\n责任领导：李四\n一是精简会议。二是压缩时长。\n");
  ASSERT_EQ(dry.status, 200) << dry.body;
  auto tree = parse(dry);
  EXPECT_EQ(tree.at("dry_run"), true);
  EXPECT_EQ(tree.at("counts").at("measures"), 2);
  EXPECT_EQ(tree.at("categories").at(0).at("problems").at(0).at("fields").at("leader"), "李四");
  EXPECT_EQ(tree.at("categories").at(0).at("problems").at(0).at("measures").at(1).at("label"),
            "二是");
  EXPECT_EQ(count("SELECT count(*) FROM problems"), problems);
  EXPECT_EQ(count("SELECT count(*) FROM audit"), audits);
  auto csv = call("POST", "/api/v1/imports/csv", "category,problem_no\n1,x\n");
  EXPECT_EQ(csv.status, 422) << csv.body;
}

TEST_F(AdminServerTest, OutboxRowsAreListedRetriedAndDropped) {
  start();
  auto dead = call("GET", "/api/v1/outbox?state=dead");
  ASSERT_EQ(dead.status, 200) << dead.body;
  auto v = parse(dead);
  ASSERT_EQ(v.at("total"), 1);
  EXPECT_EQ(v.at("items").as_array()[0].at("last_error"), "HTTP 400 from the receiver");
  EXPECT_EQ(call("GET", "/api/v1/outbox?state=lost").status, 400);
  auto all = parse(call("GET", "/api/v1/outbox?limit=1"));
  EXPECT_GE(all.at("total").to_number<std::int64_t>(), 2);
  EXPECT_EQ(all.at("next"), 1);

  const std::string dead_path = "/api/v1/outbox/" + std::to_string(dead_id);
  auto retried = call("POST", dead_path + "/retry");
  ASSERT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(call("POST", dead_path + "/retry").status, 409);
  EXPECT_EQ(call("POST", "/api/v1/outbox/424242/retry").status, 404);
  EXPECT_EQ(call("DELETE", dead_path).status, 200);
  EXPECT_EQ(call("DELETE", dead_path).status, 404);
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action IN ('outbox.retry', 'outbox.drop')"), 2);
}

TEST_F(AdminServerTest, ConfigIsShownRedactedAndValidated) {
  start();
  auto shown = call("GET", "/api/v1/config", "", kReadOnlyToken);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("(secret"), std::string::npos) << shown.body;
  EXPECT_NE(shown.body.find("测试单位"), std::string::npos);

  auto bad = call("POST", "/api/v1/config/validate",
                  "[meeting]\nstart = \"25:00\"\nweekday = \"fryday\"\n");
  ASSERT_EQ(bad.status, 422) << bad.body;
  auto e = error_of(bad);
  EXPECT_EQ(e.at("details").as_array().size(), 2u) << bad.body;
  auto first = e.at("details").as_array()[0].as_object();
  EXPECT_EQ(first.at("file"), json::value(config_path));
  EXPECT_EQ(first.at("line"), 2);
  EXPECT_GT(first.at("column").as_int64(), 0);

  auto good = call("POST", "/api/v1/config/validate", config_text(dir, limits_, "16:00"));
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_NE(good.body.find("meeting.start: 15:00 → 16:00"), std::string::npos) << good.body;
}

TEST_F(AdminServerTest, ABadFileLeavesTheOldConfig) {
  start();
  const std::string before = read_file(config_path);
  auto put = call("PUT", "/api/v1/config", "[meeting]\nstart = \"25:00\"\n");
  EXPECT_EQ(put.status, 422) << put.body;
  EXPECT_EQ(read_file(config_path), before);
  EXPECT_FALSE(std::filesystem::exists(config_path + ".bak"));
  auto patch = call("PATCH", "/api/v1/config", R"({"meeting.weekday": "fryday"})");
  EXPECT_EQ(patch.status, 422) << patch.body;
  EXPECT_EQ(read_file(config_path), before);
  EXPECT_EQ(call("PATCH", "/api/v1/config", R"({"channel.nosuch.url": "x"})").status, 422);
  EXPECT_EQ(call("PATCH", "/api/v1/config", "[1]").status, 400);
  EXPECT_EQ(call("PUT", "/api/v1/config", "").status, 400);
  EXPECT_EQ(parse(call("GET", "/api/v1/config")).at("settings").at("meeting").at("start"), "15:00");
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'config.reload'"), 0);
}

TEST_F(AdminServerTest, PutAndPatchWriteKeepABackupReloadAndAudit) {
  start();
  const std::string before = read_file(config_path);
  auto put = call("PUT", "/api/v1/config", config_text(dir, limits_, "16:00"));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(read_file(config_path + ".bak"), before);
  EXPECT_NE(read_file(config_path).find("16:00"), std::string::npos);
  EXPECT_EQ(parse(call("GET", "/api/v1/config")).at("settings").at("meeting").at("start"), "16:00");

  auto patch = call("PATCH", "/api/v1/config",
                    R"({"meeting.location": "二楼会议室", "deadlines.reminder_at": "08:45"})");
  ASSERT_EQ(patch.status, 200) << patch.body;
  const std::string text = read_file(config_path);
  EXPECT_NE(text.find("# 测试配置"), std::string::npos);
  EXPECT_NE(text.find("start = \"16:00\"   # 开始时间"), std::string::npos) << text;
  EXPECT_NE(text.find("location = \"二楼会议室\""), std::string::npos) << text;
  auto settings = parse(call("GET", "/api/v1/config")).at("settings");
  EXPECT_EQ(settings.at("meeting").at("location"), "二楼会议室");

  EXPECT_EQ(call("POST", "/api/v1/config/reload").status, 200);
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'config.reload' AND actor = 'admin'"),
            3);
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'config.reload' AND after LIKE "
                  "'%meeting.start: 15:00 → 16:00%'"),
            1);
  EXPECT_EQ(metrics.value(kConfigReloads, {{"result", "ok"}}), 3);

  // A file broken behind the API's back: the reload is refused and says where.
  dir.write("rectifyd.toml", "[meeting]\nstart = \"99:00\"\n");
  auto refused = call("POST", "/api/v1/config/reload");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("rectifyd.toml:2:"), std::string::npos) << refused.body;
  EXPECT_EQ(metrics.value(kConfigReloads, {{"result", "refused"}}), 1);
}

TEST_F(AdminServerTest, BodyAndHeaderLimits) {
  Limits l;
  l.max_body = 2048;
  l.max_header = 2048;
  start(l);
  auto big = call("POST", "/api/v1/people", std::string(4096, ' '));
  EXPECT_EQ(big.status, 413) << big.body;
  error_of(big);
  auto header =
      call("GET", "/api/v1/stats", "", kAdminToken, {"X-Padding: " + std::string(4096, 'x')});
  EXPECT_EQ(header.status, 431) << header.body;
  // The server goes on answering.
  EXPECT_EQ(call("GET", "/api/v1/stats").status, 200);
}

TEST_F(AdminServerTest, ConnectionsBeyondTheLimitGet503) {
  Limits l;
  l.max_connections = 2;
  start(l);
  namespace asio = boost::asio;
  asio::io_context client;
  auto port = *server->port();
  const std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  std::vector<std::unique_ptr<asio::ip::tcp::socket>> held;
  auto exchange = [&](asio::ip::tcp::socket& s) {
    asio::write(s, asio::buffer(req));
    std::string got;
    char buf[4096];
    boost::system::error_code ec;
    // The first reply line is enough.
    while (got.find("\r\n") == std::string::npos) {
      auto n = s.read_some(asio::buffer(buf), ec);
      if (ec)
        break;
      got.append(buf, n);
    }
    return got.substr(0, got.find("\r\n"));
  };
  for (int i = 0; i < 2; ++i) {
    auto s = std::make_unique<asio::ip::tcp::socket>(client);
    s->connect({asio::ip::make_address("127.0.0.1"), port});
    EXPECT_EQ(exchange(*s), "HTTP/1.1 200 OK");  // kept alive: the connection stays counted
    held.push_back(std::move(s));
  }
  asio::ip::tcp::socket third(client);
  third.connect({asio::ip::make_address("127.0.0.1"), port});
  EXPECT_EQ(exchange(third), "HTTP/1.1 503 Service Unavailable");
  held.clear();
}

TEST_F(AdminServerTest, MetricsAreInTheTextFormat) {
  start();
  auto r = call("GET", "/metrics", "", kReadOnlyToken);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
  for (const char* want :
       {"# TYPE rectifyd_planner_runs_total counter",
        "rectifyd_config_reloads_total{result=\"ok\"}",
        "rectifyd_outbox_rows{channel=\"log\",state=\"dead\"} 1",
        "rectifyd_outbox_rows{channel=\"log\",state=\"pending\"}", "rectifyd_outbox_dead_rows 1",
        "rectifyd_measures{colour=\"red\"}", "rectifyd_completion_ratio",
        "rectifyd_next_wake_timestamp_seconds", "rectifyd_planner_run_seconds_total"}) {
    EXPECT_NE(r.body.find(want), std::string::npos) << want << "\n" << r.body;
  }
  EXPECT_GE(metrics.value(kPlannerRuns), 1);
  const std::regex sample(R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+0-9.eE]+$)");
  std::istringstream in(r.body);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("#")) {
      EXPECT_TRUE(std::regex_match(line, sample)) << line;
    }
  }
}

TEST_F(AdminServerTest, MeetingsAreListedMovedCancelledAddedAndAnnounced) {
  start();
  auto list = call("GET", "/api/v1/meetings?weeks=3");
  ASSERT_EQ(list.status, 200) << list.body;
  auto items = parse(list).at("items").as_array();
  ASSERT_GE(items.size(), 2u);
  const std::string first = std::string(items[0].at("day").as_string());
  const std::string second = std::string(items[1].at("day").as_string());

  EXPECT_EQ(
      call("POST", "/api/v1/meetings/" + second + "/move", R"({"to":"2001-01-05 15:00"})").status,
      422);
  EXPECT_EQ(call("POST", "/api/v1/meetings/not-a-date/cancel").status, 404);
  auto cancelled = call("POST", "/api/v1/meetings/" + second + "/cancel", R"({"note":"出差"})");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(parse(cancelled).at("status"), "cancelled");
  EXPECT_EQ(call("POST", "/api/v1/meetings/" + second + "/cancel").status, 409);

  auto added = call("POST", "/api/v1/meetings", R"({"start":"2031-03-04 10:00","note":"专题会"})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(parse(added).at("status"), "added");

  // The notice now is the planned notice: the planner sends it on the run the request wakes,
  // to the group and to every participant, with the calendar invitation, under the planned
  // notice's keys; asking again is refused.
  auto notice = call("POST", "/api/v1/meetings/" + first + "/notice");
  ASSERT_EQ(notice.status, 202) << notice.body;
  EXPECT_EQ(parse(notice).at("key").as_string(), first);
  const std::string of_first =
      "FROM outbox WHERE kind = 'meeting_notice' AND idempotency_key LIKE 'meeting.notice/" +
      first + "/seq%'";
  for (int i = 0; i < 200 && count("SELECT count(*) " + of_first) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_EQ(count("SELECT count(*) " + of_first + " AND recipient = 'group'"), 1);
  EXPECT_GE(count("SELECT count(*) " + of_first + " AND recipient <> 'group'"), 1)
      << "the participants are told on their own channels";
  EXPECT_EQ(count("SELECT count(*) " + of_first + " AND payload NOT LIKE '%\"uid\"%'"), 0)
      << "every row carries the meeting for its calendar invitation";
  auto again = call("POST", "/api/v1/meetings/" + first + "/notice");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(error_of(again).at("kind"), "conflict");
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action LIKE 'meeting.%' AND actor = 'admin'"),
            3);
}

TEST_F(AdminServerTest, PreviewStatsAndAuditPaging) {
  start();
  auto preview = call("GET", "/api/v1/preview?days=14");
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_FALSE(parse(preview).at("items").as_array().empty()) << preview.body;
  EXPECT_EQ(call("GET", "/api/v1/preview?days=0").status, 400);
  EXPECT_EQ(call("GET", "/api/v1/preview?from=2026-02-30").status, 400);
  EXPECT_EQ(call("GET", "/api/v1/preview?person=%E6%97%A0%E6%AD%A4%E4%BA%BA").status, 422);

  auto stats = call("GET", "/api/v1/stats");
  ASSERT_EQ(stats.status, 200);
  EXPECT_GT(parse(stats).at("measures").to_number<std::int64_t>(), 0);

  for (const char* name : {"甲", "乙", "丙"})
    ASSERT_EQ(call("POST", "/api/v1/people", std::string(R"({"name":")") + name + "\"}").status,
              201);
  auto page1 = parse(call("GET", "/api/v1/audit?limit=2"));
  ASSERT_EQ(page1.at("items").as_array().size(), 2u);
  EXPECT_EQ(page1.at("items").as_array()[0].at("after").as_string().find("丙") != std::string::npos,
            true);
  ASSERT_TRUE(page1.at("next").is_int64()) << page1;
  auto page2 = parse(
      call("GET", "/api/v1/audit?limit=2&before=" + std::to_string(page1.at("next").as_int64())));
  EXPECT_NE(page2.at("items").as_array()[0].at("after").as_string().find("甲"), std::string::npos);
  EXPECT_GE(page1.at("total").to_number<std::int64_t>(), 3);
  EXPECT_EQ(call("GET", "/api/v1/audit?before=x").status, 400);
}

TEST_F(AdminServerTest, AUnixSocketIsPrivate) {
  Limits l;
  l.listen = "unix:" + dir.file("admin.sock");
  start(l);
  struct stat st {};
  ASSERT_EQ(::stat(dir.file("admin.sock").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(call("GET", "/api/v1/stats").status, 200);
  EXPECT_EQ(call("GET", "/api/v1/stats", "", nullptr).status, 401);
  stop();
  EXPECT_FALSE(std::filesystem::exists(dir.file("admin.sock")));
}

/// A self-signed certificate for 127.0.0.1 and its key, made by Debian's openssl.
void make_certificate(const TempDir& dir) {
  const std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
      "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout '" +
      dir.file("tls-key.pem") + "' -out '" + dir.file("tls-cert.pem") + "' 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

TEST_F(AdminServerTest, WithACertificateTheListenerSpeaksOnlyHttps) {
  make_certificate(dir);
  Limits l;
  l.tls = true;
  start(l);
  ASSERT_TRUE(base.starts_with("https://127.0.0.1:")) << base;
  auto stats = call("GET", "/api/v1/stats");
  EXPECT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(call("GET", "/api/v1/stats", "", nullptr).status, 401);

  // Plain HTTP to the TLS port gets no answer; an untrusted client refuses the certificate.
  HttpRequest plain;
  plain.url = "http://127.0.0.1:" + base.substr(base.rfind(':') + 1) + "/healthz";
  EXPECT_FALSE(http_request(plain).error.empty());
  HttpRequest untrusted;
  untrusted.url = base + "/healthz";
  EXPECT_FALSE(http_request(untrusted).error.empty());
  EXPECT_EQ(call("GET", "/healthz", "", nullptr).status, 200);

  // The key is a secret: never in the shown configuration.
  const std::string key = read_file(dir.file("tls-key.pem"));
  auto shown = call("GET", "/api/v1/config");
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(shown.body.find("PRIVATE KEY"), std::string::npos);
  ASSERT_GT(key.size(), 100u);
  EXPECT_EQ(shown.body.find(key.substr(40, 40)), std::string::npos);
  EXPECT_NE(shown.body.find("tls-cert.pem"), std::string::npos) << shown.body;
}

TEST_F(AdminServerTest, ThePapersAreDownloadsForAnyoneWhoMayRead) {
  start();
  std::ostringstream csv;
  ASSERT_TRUE(store::export_ledger_csv(*db, csv));
  auto c = call("GET", "/api/v1/exports/csv", "", kReadOnlyToken);
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(c.headers["content-disposition"].find("filename*=UTF-8''%E5%8F%B0%E8%B4%A6-"),
            std::string::npos)
      << c.headers["content-disposition"];
  ASSERT_TRUE(c.body.starts_with("\xEF\xBB\xBF")) << "Excel reads a CSV as UTF-8 by its BOM";
  EXPECT_EQ(c.body.substr(3), csv.str());

  auto x = call("GET", "/api/v1/exports/xlsx", "", kReadOnlyToken);
  ASSERT_EQ(x.status, 200) << x.body;
  EXPECT_EQ(x.headers["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(x.body.starts_with("PK\x03\x04"));

  auto w = call("GET", "/api/v1/reports/weekly?date=2026-03-06", "", kReadOnlyToken);
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_TRUE(w.body.starts_with("PK\x03\x04"));
  EXPECT_NE(w.headers["content-disposition"].find(".docx"), std::string::npos);
  auto page = call("GET", "/api/v1/reports/weekly?date=2026-03-06&format=html", "", kReadOnlyToken);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("通报"), std::string::npos);
  EXPECT_EQ(call("GET", "/api/v1/reports/weekly?date=3月6日", "", kReadOnlyToken).status, 400);
  EXPECT_EQ(call("GET", "/api/v1/reports/weekly?format=pdf", "", kReadOnlyToken).status, 400);

  auto f = call(
      "GET",
      "/api/v1/reports/"
      "final?group=%E5%8C%BA%E5%A7%94%E7%AC%AC%E4%B8%89%E5%B7%A1%E5%AF%9F%E7%BB%84&format=text",
      "", kReadOnlyToken);
  ASSERT_EQ(f.status, 200) << f.body;
  EXPECT_NE(f.body.find("区委第三巡察组"), std::string::npos) << f.body.substr(0, 400);
  EXPECT_EQ(call("GET", "/api/v1/exports/csv", "", nullptr).status, 401);
}

TEST_F(AdminServerTest, TheBreakdownAddsUpToTheStatsAndRedItemsSayHowLate) {
  start();
  auto stats = json::parse(call("GET", "/api/v1/stats").body).as_object();
  auto r = call("GET", "/api/v1/stats/breakdown", "", kReadOnlyToken);
  ASSERT_EQ(r.status, 200) << r.body;
  auto b = json::parse(r.body).as_object();
  EXPECT_EQ(b.at("measures").as_int64(), stats.at("measures").as_int64());
  std::int64_t in_categories = 0, in_leaders = 0;
  for (const auto& c : b.at("by_category").as_array())
    in_categories += c.at("measures").as_int64();
  for (const auto& l : b.at("by_leader").as_array())
    in_leaders += l.at("measures").as_int64();
  EXPECT_EQ(in_categories, b.at("measures").as_int64());
  EXPECT_EQ(in_leaders, b.at("measures").as_int64());
  const double on_time = b.at("on_time_rate").to_number<double>();
  EXPECT_GE(on_time, 0.0);
  EXPECT_LE(on_time, 1.0);
  EXPECT_LE(b.at("on_time").as_int64(), b.at("finished").as_int64());
  // 按期办结率: of the finished, those finished in time.
  ASSERT_GT(b.at("finished").as_int64(), 0);
  EXPECT_DOUBLE_EQ(on_time, static_cast<double>(b.at("on_time").as_int64()) /
                                static_cast<double>(b.at("finished").as_int64()));

  auto red = json::parse(call("GET", "/api/v1/measures?colour=red&limit=5").body).as_object();
  ASSERT_FALSE(red.at("items").as_array().empty()) << "the demo ledger has red items";
  for (const auto& m : red.at("items").as_array())
    EXPECT_GT(m.at("overdue_workdays").as_int64(), 0) << json::serialize(m);
  auto green = json::parse(call("GET", "/api/v1/measures?colour=green&limit=5").body).as_object();
  for (const auto& m : green.at("items").as_array())
    EXPECT_TRUE(m.at("overdue_workdays").is_null());

  // The counts by colour come with the stats, the same as the lists' totals.
  auto yellow = json::parse(call("GET", "/api/v1/measures?colour=yellow&limit=1").body).as_object();
  const auto& lights = stats.at("colours").as_object();
  EXPECT_EQ(lights.at("red").as_int64(), red.at("total").as_int64());
  EXPECT_EQ(lights.at("yellow").as_int64(), yellow.at("total").as_int64());
  EXPECT_EQ(lights.at("green").as_int64(), green.at("total").as_int64());
  EXPECT_EQ(
      lights.at("red").as_int64() + lights.at("yellow").as_int64() + lights.at("green").as_int64(),
      stats.at("measures").as_int64());
  // Without the list of every problem, the same figures.
  auto brief = json::parse(call("GET", "/api/v1/stats?per_problem=false").body).as_object();
  EXPECT_FALSE(brief.contains("per_problem"));
  EXPECT_TRUE(stats.contains("per_problem"));
  EXPECT_EQ(brief.at("measures"), stats.at("measures"));
  EXPECT_EQ(brief.at("colours"), stats.at("colours"));
  EXPECT_EQ(call("GET", "/api/v1/stats?per_problem=maybe").status, 400);
  // With its breakdown, from the same counts: the body of /stats/breakdown.
  auto with = json::parse(call("GET", "/api/v1/stats?per_problem=false&breakdown=true").body);
  EXPECT_EQ(with.at("breakdown"), json::value(b));
}

TEST_F(AdminServerTest, WritesWakeThePlanner) {
  start();
  const auto runs = metrics.value(kPlannerRuns);
  auto m = first_measure("status=open&limit=1");
  ASSERT_EQ(call("POST", "/api/v1/measures/" + std::to_string(m.at("id").as_int64()) + "/progress",
                 R"({"progress":10})")
                .status,
            200);
  // The wake is posted before the reply is written, so this request runs after it.
  call("GET", "/healthz", "", nullptr);
  EXPECT_GT(metrics.value(kPlannerRuns), runs);
}

TEST_F(AdminServerTest, StopClosesOpenConnections) {
  Limits l;
  l.timeout = "600s";
  start(l);
  namespace asio = boost::asio;
  asio::io_context client;
  asio::ip::tcp::socket s(client);
  s.connect({asio::ip::make_address("127.0.0.1"), *server->port()});
  asio::write(s, asio::buffer(std::string("GET /healthz HTTP/1.1\r\nHo")));  // never finished
  stop();
  EXPECT_EQ(exit_status, 0);
  char c = 0;
  boost::system::error_code ec;
  s.read_some(asio::buffer(&c, 1), ec);
  EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
}

}  // namespace
}  // namespace rectifyd::admin
