// The console's logins and sessions end to end: the real admin server on 127.0.0.1 with a real
// SQLite file holding the demo ledger, logins made by office/users, libcurl as the browser. The
// clock is manual, so idle and absolute expiry and the login throttle run without sleeping.

#include "admin/console.h"

#include <thread>

#include <SQLiteCpp/Statement.h>
#include <date/date.h>
#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "admin/server.h"
#include "config/config_load.h"
#include "core/dates.h"
#include "http_client.h"
#include "office/users.h"
#include "store/demo_import.h"
#include "temp_dir.h"
#include "time/zone.h"

namespace rectifyd::admin {
namespace {

namespace json = boost::json;
using rectifyd::testing::http_request;
using rectifyd::testing::HttpReply;
using rectifyd::testing::HttpRequest;
using rectifyd::testing::TempDir;
using namespace std::chrono_literals;

constexpr const char* kOfficePassword = "office-secret-7Hq2";
constexpr const char* kViewerPassword = "viewer-secret-3Kd9";

class ConsoleTest : public ::testing::Test {
 protected:
  void start() {
    auto d = store::Database::open(dir.file("rectifyd.db"));
    ASSERT_TRUE(d) << d.error().message;
    db = std::move(*d);
    auto demo = store::load_demo(*db, clock.now(), *find_zone("Asia/Shanghai"));
    ASSERT_TRUE(demo) << demo.error().message;
    auto cfg = std::make_shared<config::Config>(config::default_config());
    cfg->admin.listen = "127.0.0.1:0";
    config = cfg;
    office::Office o(*db, clock, [this] { return config; });
    ASSERT_TRUE(office::add_user(o, {"test"}, "王丽华", office::Role::office, kOfficePassword));
    ASSERT_TRUE(office::add_user(o, {"test"}, "周明远", office::Role::viewer, kViewerPassword));

    ApiEnv env{*db,
               clock,
               metrics,
               [this] { return config; },
               [](const std::string&) { return ok_status(); },
               [] {},
               []() -> std::optional<Instant> { return std::nullopt; },
               "",
               dir.path().string(),
               {},
               {},
               {}};
    server = std::make_unique<AdminServer>(io, std::move(env), config);
    auto st = server->listen();
    ASSERT_TRUE(st) << st.error().message;
    base = "http://127.0.0.1:" + std::to_string(*server->port());
    loop = std::thread([this] { io.run(); });
  }

  void TearDown() override {
    if (loop.joinable()) {
      io.stop();
      loop.join();
    }
  }

  HttpReply call(const std::string& method, const std::string& path, const std::string& body = "",
                 std::vector<std::string> headers = {}) {
    HttpRequest r;
    r.method = method;
    r.url = base + path;
    r.body = body;
    r.headers = std::move(headers);
    if (!body.empty())
      r.headers.push_back("Content-Type: application/json");
    return http_request(r);
  }

  struct Login {
    HttpReply reply;
    std::string cookie;  ///< "rectifyd_session=…"
    std::string csrf;
  };

  Login login(const std::string& name, const std::string& password) {
    Login l;
    l.reply = call("POST", "/api/v1/session",
                   json::serialize(json::object{{"name", name}, {"password", password}}));
    if (l.reply.status == 200) {
      const std::string& set = l.reply.headers["set-cookie"];
      l.cookie = set.substr(0, set.find(';'));
      l.csrf = std::string(json::parse(l.reply.body).at("csrf_token").as_string());
    }
    return l;
  }

  std::vector<std::string> as(const Login& l, bool with_csrf = true) {
    std::vector<std::string> h{"Cookie: " + l.cookie};
    if (with_csrf)
      h.push_back("X-CSRF-Token: " + l.csrf);
    return h;
  }

  /// An open measure of the demo ledger.
  Id open_measure() {
    SQLite::Statement q(db->sql(), "SELECT id FROM measures WHERE status = 'open' ORDER BY id");
    EXPECT_TRUE(q.executeStep());
    return q.getColumn(0).getInt64();
  }

  std::string status_of(Id id) {
    SQLite::Statement q(db->sql(), "SELECT status FROM measures WHERE id = ?");
    q.bind(1, static_cast<std::int64_t>(id));
    EXPECT_TRUE(q.executeStep());
    return q.getColumn(0).getString();
  }

  TempDir dir;
  ManualClock clock{*parse_instant("2026-03-02T01:00:00Z")};
  std::unique_ptr<store::Database> db;
  config::Snapshot config;
  Metrics metrics;
  boost::asio::io_context io;
  std::unique_ptr<AdminServer> server;
  std::thread loop;
  std::string base;
};

TEST_F(ConsoleTest, LoginSetsAStrictHttpOnlyCookieAndStoresOnlyItsHash) {
  start();
  Login l = login("王丽华", kOfficePassword);
  ASSERT_EQ(l.reply.status, 200) << l.reply.body;
  const std::string& set = l.reply.headers["set-cookie"];
  EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos) << set;
  EXPECT_NE(set.find("Path=/"), std::string::npos) << set;
  EXPECT_EQ(set.find("Secure"), std::string::npos) << "plain http: " << set;
  const std::string value = l.cookie.substr(l.cookie.find('=') + 1);
  EXPECT_EQ(value.size(), 64u);
  auto body = json::parse(l.reply.body).as_object();
  EXPECT_EQ(body.at("role").as_string(), "office");
  EXPECT_EQ(body.at("name").as_string(), "王丽华");

  SQLite::Statement q(db->sql(), "SELECT id_hash FROM sessions");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), web::session_key(value));
  EXPECT_NE(q.getColumn(0).getString(), value);
  // Neither the password nor the cookie is in the audit log.
  SQLite::Statement a(db->sql(),
                      "SELECT group_concat(actor || action || before || after) FROM audit");
  ASSERT_TRUE(a.executeStep());
  const std::string audit = a.getColumn(0).getString();
  EXPECT_EQ(audit.find(kOfficePassword), std::string::npos);
  EXPECT_EQ(audit.find(value), std::string::npos);
  EXPECT_NE(audit.find("session.login"), std::string::npos);

  HttpReply who = call("GET", "/api/v1/session", "", as(l, false));
  EXPECT_EQ(who.status, 200);
  EXPECT_EQ(json::parse(who.body).at("csrf_token").as_string(), l.csrf);
}

TEST_F(ConsoleTest, BehindAnHttpsProxyTheCookieIsSecure) {
  start();
  HttpReply r =
      call("POST", "/api/v1/session",
           json::serialize(json::object{{"name", "王丽华"}, {"password", kOfficePassword}}),
           {"X-Forwarded-Proto: https"});
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.headers["set-cookie"].find("; Secure"), std::string::npos);
}

TEST_F(ConsoleTest, AWrongPasswordAndAnUnknownNameAreRefusedAlike) {
  start();
  Login wrong = login("王丽华", "not-the-password");
  Login unknown = login("无此人", "not-the-password");
  EXPECT_EQ(wrong.reply.status, 401);
  EXPECT_EQ(unknown.reply.status, 401);
  EXPECT_EQ(wrong.reply.body, unknown.reply.body);
  EXPECT_NE(wrong.reply.body.find("账号或密码不正确"), std::string::npos);
  EXPECT_TRUE(wrong.reply.headers["set-cookie"].empty());
  EXPECT_EQ(wrong.reply.body.find("not-the-password"), std::string::npos);
}

TEST_F(ConsoleTest, FailedLoginsAreThrottledPerAccountUntilTheWindowPasses) {
  start();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(login("王丽华", "wrong-" + std::to_string(i)).reply.status, 401);
  // The right password is refused too while the account is throttled.
  Login throttled = login("王丽华", kOfficePassword);
  EXPECT_EQ(throttled.reply.status, 429) << throttled.reply.body;
  EXPECT_NE(throttled.reply.body.find("分钟后再试"), std::string::npos);
  EXPECT_FALSE(throttled.reply.headers["retry-after"].empty());
  // Another account from the same address is not yet throttled.
  EXPECT_EQ(login("周明远", kViewerPassword).reply.status, 200);
  clock.advance(15min);
  EXPECT_EQ(login("王丽华", kOfficePassword).reply.status, 200);
}

TEST_F(ConsoleTest, FailedLoginsAreThrottledPerAddress) {
  start();
  for (int i = 0; i < 20; ++i)
    login("猜测" + std::to_string(i), "wrong");
  EXPECT_EQ(login("王丽华", kOfficePassword).reply.status, 429);
}

TEST_F(ConsoleTest, ASessionExpiresWhenIdleAndAtItsAbsoluteLimit) {
  start();
  Login l = login("王丽华", kOfficePassword);
  ASSERT_EQ(l.reply.status, 200);
  // Used every 29 minutes, it lives until its 12 hours are up.
  for (int i = 0; i < 24; ++i) {
    clock.advance(29min);
    ASSERT_EQ(call("GET", "/api/v1/stats", "", as(l, false)).status, 200) << i;
  }
  clock.advance(29min);  // 12 h 05 min after the login
  EXPECT_EQ(call("GET", "/api/v1/stats", "", as(l, false)).status, 401);

  Login idle = login("王丽华", kOfficePassword);
  clock.advance(31min);
  EXPECT_EQ(call("GET", "/api/v1/stats", "", as(idle, false)).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/session", "", as(idle, false)).status, 401);
}

TEST_F(ConsoleTest, AWriteWithoutTheCsrfTokenIsRefusedAndChangesNothing) {
  start();
  Login l = login("王丽华", kOfficePassword);
  const Id m = open_measure();
  const std::string path = "/api/v1/measures/" + std::to_string(m) + "/done";
  const std::string body = R"({"evidence":"文件已印发"})";
  HttpReply none = call("POST", path, body, as(l, false));
  EXPECT_EQ(none.status, 403) << none.body;
  EXPECT_NE(none.body.find("CSRF"), std::string::npos);
  auto forged = as(l, false);
  forged.push_back("X-CSRF-Token: " + std::string(64, 'a'));
  EXPECT_EQ(call("POST", path, body, forged).status, 403);
  EXPECT_EQ(status_of(m), "open");

  HttpReply ok = call("POST", path, body, as(l));
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(status_of(m), "done_reported");
  // The audit row names the person, not a token.
  SQLite::Statement q(db->sql(), "SELECT actor FROM audit WHERE action = 'measure.done'");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), "王丽华");
}

TEST_F(ConsoleTest, AViewerMayReadButEveryWriteIsRefused) {
  start();
  Login v = login("周明远", kViewerPassword);
  ASSERT_EQ(v.reply.status, 200);
  EXPECT_EQ(json::parse(v.reply.body).at("role").as_string(), "viewer");
  EXPECT_EQ(call("GET", "/api/v1/measures?colour=red", "", as(v, false)).status, 200);
  const Id m = open_measure();
  HttpReply r =
      call("POST", "/api/v1/measures/" + std::to_string(m) + "/done", R"({"evidence":"x"})", as(v));
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find("只读账号"), std::string::npos);
  EXPECT_EQ(status_of(m), "open");
}

TEST_F(ConsoleTest, LogoutEndsTheSessionAndADisabledLoginEndsAll) {
  start();
  Login l = login("王丽华", kOfficePassword);
  EXPECT_EQ(call("DELETE", "/api/v1/session", "", as(l, false)).status, 403) << "needs CSRF";
  HttpReply out = call("DELETE", "/api/v1/session", "", as(l));
  EXPECT_EQ(out.status, 200);
  EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(call("GET", "/api/v1/stats", "", as(l, false)).status, 401);

  Login again = login("王丽华", kOfficePassword);
  office::Office o(*db, clock, [this] { return config; });
  ASSERT_TRUE(office::disable_user(o, {"test"}, "王丽华"));
  EXPECT_EQ(call("GET", "/api/v1/stats", "", as(again, false)).status, 401);
  EXPECT_EQ(login("王丽华", kOfficePassword).reply.status, 401);
}

TEST_F(ConsoleTest, PagesAreServedEmbeddedWithTheirTypesAndGzip) {
  start();
  HttpReply index = call("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("巡察整改控制台"), std::string::npos);
  EXPECT_NE(index.headers["content-security-policy"].find("default-src 'self'"), std::string::npos);
  HttpReply js = call("GET", "/js/core.js");
  EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
  HttpReply css = call("GET", "/vendor/bootstrap.min.css", "", {"Accept-Encoding: gzip"});
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.headers["content-type"], "text/css; charset=utf-8");
  EXPECT_EQ(css.headers["content-encoding"], "gzip");
  HttpReply plain = call("GET", "/vendor/bootstrap.min.css");
  EXPECT_TRUE(plain.headers["content-encoding"].empty());
  EXPECT_LT(css.body.size() * 4, plain.body.size());
  EXPECT_EQ(call("GET", "/js/nothing.js").status, 404);
  // Without a session or a token the API stays closed.
  EXPECT_EQ(call("GET", "/api/v1/stats").status, 401);
}

}  // namespace
}  // namespace rectifyd::admin
