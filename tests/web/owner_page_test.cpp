// The owners' personal pages end to end: the real admin server on 127.0.0.1, a real SQLite file
// holding the demo ledger, the planner engine writing real messages into the outbox, libcurl as
// the phone's browser. The link a test opens is read out of a message the engine wrote. The
// clock is manual, so expiry and the rate limits run without sleeping.

#include "admin/owner_pages.h"

#include <filesystem>
#include <regex>
#include <thread>

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "admin/server.h"
#include "app/planner_hook.h"
#include "config/config_load.h"
#include "core/dates.h"
#include "engine/engine.h"
#include "http_client.h"
#include "ledger_io/demo.h"
#include "office/measures.h"
#include "office/people.h"
#include "office/personal_links.h"
#include "store/calendar_days.h"
#include "store/demo_import.h"
#include "store/evidence_store.h"
#include "store/ledger_store.h"
#include "store/link_tokens.h"
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

// Enough of a JPEG, a PNG and a PDF for libmagic to know them by their content.
std::string jpeg_bytes() {
  std::string s("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
  s += std::string(200, '\x11');
  s += "\xFF\xD9";
  return s;
}
std::string pdf_bytes() {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}
std::string html_bytes() {
  return "<!DOCTYPE html><html><head><script>alert(1)</script></head><body>x</body></html>\n";
}

struct Part {
  std::string name;
  std::string filename;  ///< empty: a plain field
  std::string content;
};

constexpr const char* kBoundary = "----rectifydTestBoundary7MA4YWxk";

std::string multipart(const std::vector<Part>& parts) {
  std::string b;
  for (const auto& p : parts) {
    b += std::string("--") + kBoundary + "\r\n";
    b += "Content-Disposition: form-data; name=\"" + p.name + "\"";
    if (!p.filename.empty())
      b += "; filename=\"" + p.filename + "\"\r\nContent-Type: image/jpeg";
    b += "\r\n\r\n" + p.content + "\r\n";
  }
  return b + "--" + kBoundary + "--\r\n";
}

std::string urlencode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

class OwnerPageTest : public ::testing::Test {
 protected:
  void start(std::function<void(config::Config&)> tweak = {}) {
    auto d = store::Database::open(dir.file("rectifyd.db"));
    ASSERT_TRUE(d) << d.error().message;
    db = std::move(*d);
    engine = std::make_unique<engine::Engine>(*db);
    auto demo = store::load_demo(*db, clock.now(), *find_zone("Asia/Shanghai"));
    ASSERT_TRUE(demo) << demo.error().message;
    auto cfg = std::make_shared<config::Config>(config::default_config());
    cfg->admin.listen = "127.0.0.1:0";
    cfg->web.public_url = "https://zhenggai.example.gov.cn";
    cfg->channels[0].personal = true;  // the log channel: read by that person alone
    config::ChannelConfig group;
    group.id = "wecom-group";
    group.type = config::ChannelType::generic;
    group.urls = {config::Secret{"http://127.0.0.1:9/", "inline"}};
    cfg->channels.push_back(group);
    if (tweak)
      tweak(*cfg);
    config = cfg;

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
               [this](const office::Change& c) { engine->note_change(app::ledger_change_of(c)); }};
    server = std::make_unique<AdminServer>(io, std::move(env), config);
    auto st = server->listen();
    ASSERT_TRUE(st) << st.error().message;
    base = "http://127.0.0.1:" + std::to_string(*server->port());
    loop = std::thread([this] { io.run(); });

    // Two owners with open work: the test's owner and someone else.
    SQLite::Statement q(db->sql(),
                        "SELECT owner_id, count(*) FROM measures WHERE status IN "
                        "('open','in_progress') AND owner_id IS NOT NULL AND due > '2026-03-10' "
                        "GROUP BY owner_id ORDER BY count(*) DESC, owner_id LIMIT 2");
    ASSERT_TRUE(q.executeStep());
    owner = q.getColumn(0).getInt64();
    ASSERT_TRUE(q.executeStep());
    other = q.getColumn(0).getInt64();
  }

  void TearDown() override {
    if (loop.joinable()) {
      io.stop();
      loop.join();
    }
  }

  office::Office office() {
    return office::Office(
        *db, clock, [this] { return config; },
        [this](const office::Change& c) { engine->note_change(app::ledger_change_of(c)); });
  }

  Id first_open(Id person) {
    SQLite::Statement q(db->sql(),
                        "SELECT id FROM measures WHERE owner_id = ? AND status IN "
                        "('open','in_progress') AND due > '2026-03-10' ORDER BY due, id");
    q.bind(1, static_cast<std::int64_t>(person));
    EXPECT_TRUE(q.executeStep());
    return q.getColumn(0).getInt64();
  }

  /// Has the office turn down an extension of the person's item, runs the planner engine,
  /// and returns the messages it wrote to that person (channel → text).
  std::map<std::string, std::string> message_to(Id person) {
    office::Office o = office();
    // The item due last: an extension can still be asked for it as the test's clock moves.
    SQLite::Statement last(db->sql(),
                           "SELECT id FROM measures WHERE owner_id = ? AND status IN "
                           "('open','in_progress') ORDER BY due DESC, id LIMIT 1");
    last.bind(1, static_cast<std::int64_t>(person));
    EXPECT_TRUE(last.executeStep());
    const Id m = last.getColumn(0).getInt64();
    auto e = office::request_extension(o, {"办公室"}, m, *parse_date("2026-12-30"), "测试");
    EXPECT_TRUE(e) << e.error().message;
    EXPECT_TRUE(office::reject_extension(o, {"办公室"}, e->id, "请按原时限完成"));
    auto cal = try_load_calendar(*db, config->calendar);
    EXPECT_TRUE(cal);
    auto run = engine->run(*config, *cal, clock.now());
    EXPECT_TRUE(run) << run.error().message;
    auto p = store::LedgerStore(*db).person(person);
    std::map<std::string, std::string> out;
    SQLite::Statement q(db->sql(),
                        "SELECT channel, payload FROM outbox WHERE kind = 'owner_notice' AND "
                        "recipient = ? ORDER BY id");
    q.bind(1, (*p)->name);
    while (q.executeStep())
      out[q.getColumn(0).getString()] =
          std::string(json::parse(q.getColumn(1).getString()).at("text").as_string());
    return out;
  }

  /// The page path ("/o/<token>") of the link in a text.
  static std::string link_path(const std::string& text) {
    std::smatch m;
    static const std::regex kLink("https://zhenggai\\.example\\.gov\\.cn(/o/[A-Za-z0-9_-]{43})");
    if (!std::regex_search(text, m, kLink))
      return "";
    return m[1];
  }

  std::string open_link(Id person) {
    auto texts = message_to(person);
    return link_path(texts["log"]);
  }

  HttpReply call(const std::string& method, const std::string& path, const std::string& body = "",
                 std::vector<std::string> headers = {}) {
    HttpRequest r;
    r.method = method;
    r.url = base + path;
    r.body = body;
    r.headers = std::move(headers);
    return http_request(r);
  }

  HttpReply post_form(const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& f) {
    std::string body;
    for (const auto& [k, v] : f)
      body += (body.empty() ? "" : "&") + urlencode(k) + "=" + urlencode(v);
    return call("POST", path, body, {"Content-Type: application/x-www-form-urlencoded"});
  }

  HttpReply post_multipart(const std::string& path, const std::vector<Part>& parts) {
    return call("POST", path, multipart(parts),
                {std::string("Content-Type: multipart/form-data; boundary=") + kBoundary});
  }

  static std::string form_token(const std::string& page) {
    std::smatch m;
    static const std::regex kToken("name=\"form_token\" value=\"([0-9a-f.]+)\"");
    if (!std::regex_search(page, m, kToken))
      return "";
    return m[1];
  }

  /// Everything an owner could change, as one text.
  std::string ledger_state() {
    std::string s;
    for (const char* sql :
         {"SELECT group_concat(id || status || progress || coalesce(due,'') || evidence, '|') "
          "FROM measures",
          "SELECT count(*) FROM progress_updates", "SELECT count(*) FROM extensions",
          "SELECT count(*) FROM audit", "SELECT count(*) FROM evidence_files",
          "SELECT count(*) FROM link_tokens"}) {
      SQLite::Statement q(db->sql(), sql);
      q.executeStep();
      s += q.getColumn(0).getString() + "\n";
    }
    return s;
  }

  std::string measure_field(Id id, const char* field) {
    SQLite::Statement q(db->sql(), std::string("SELECT ") + field + " FROM measures WHERE id = ?");
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
  Id owner = 0;
  Id other = 0;
  std::unique_ptr<engine::Engine> engine;
};

TEST_F(OwnerPageTest, TheLinkGoesOnlyToTheChannelThatReachesThePersonAlone) {
  start([](config::Config& c) { c.routing.personal = {"log", "wecom-group"}; });
  auto texts = message_to(owner);
  ASSERT_EQ(texts.size(), 2u);
  EXPECT_FALSE(link_path(texts["log"]).empty()) << texts["log"];
  EXPECT_NE(texts["log"].find("延期申请未获批准"), std::string::npos) << texts["log"];
  EXPECT_NE(texts["log"].find("请按原时限完成"), std::string::npos) << "the office's reason";
  EXPECT_EQ(texts["wecom-group"].find("/o/"), std::string::npos) << texts["wecom-group"];
  EXPECT_NE(texts["wecom-group"].find("单独发送给您本人的个人链接"), std::string::npos);
  // Only the token's hash is stored.
  const std::string token = link_path(texts["log"]).substr(3);
  SQLite::Statement q(db->sql(), "SELECT token_hash FROM link_tokens WHERE person_id = ?");
  q.bind(1, static_cast<std::int64_t>(owner));
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), store::link_key(token));
  EXPECT_FALSE(q.executeStep());
}

TEST_F(OwnerPageTest, MessagesReuseTheLinkUntilItIsCloseToExpiry) {
  start();
  const std::string first = open_link(owner);
  ASSERT_FALSE(first.empty());
  clock.advance(24h * 10);  // 4 days left: more than the 3 of link_renew_before
  EXPECT_EQ(link_path(message_to(owner)["log"]), first);
  clock.advance(24h * 2);  // 2 days left: a new link
  const std::string renewed = link_path(message_to(owner)["log"]);
  EXPECT_FALSE(renewed.empty());
  EXPECT_NE(renewed, first);
  EXPECT_EQ(call("GET", first).status, 200) << "the older link works until it expires";
}

TEST_F(OwnerPageTest, WithoutAPublicUrlNoLinkIsSent) {
  start([](config::Config& c) { c.web.public_url.clear(); });
  auto texts = message_to(owner);
  EXPECT_EQ(texts["log"].find("/o/"), std::string::npos) << texts["log"];
  SQLite::Statement q(db->sql(), "SELECT count(*) FROM link_tokens");
  q.executeStep();
  EXPECT_EQ(q.getColumn(0).getInt(), 0);
}

TEST_F(OwnerPageTest, OpeningThePageTwiceChangesNothingAndShowsOnlyOwnOpenItems) {
  start();
  const std::string path = open_link(owner);
  ASSERT_FALSE(path.empty());
  const std::string before = ledger_state();
  HttpReply a = call("GET", path);
  HttpReply b = call("GET", path);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(b.status, 200);
  EXPECT_EQ(ledger_state(), before);
  EXPECT_EQ(a.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(a.headers["content-security-policy"].find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(a.headers["referrer-policy"], "no-referrer");
  EXPECT_TRUE(a.headers["set-cookie"].empty());
  EXPECT_NE(form_token(a.body), form_token(b.body)) << "each page its own form token";

  // Every open item of the owner, and none of anyone else's.
  store::MeasureFilter of_owner;
  of_owner.owner_id = owner;
  of_owner.statuses = {MeasureStatus::open, MeasureStatus::in_progress};
  auto mine = store::LedgerStore(*db).measures(of_owner);
  ASSERT_TRUE(mine);
  for (const auto& m : *mine)
    EXPECT_NE(a.body.find("id=\"m" + std::to_string(m.id) + "\""), std::string::npos) << m.id;
  EXPECT_EQ(a.body.find("id=\"m" + std::to_string(first_open(other)) + "\""), std::string::npos);
}

TEST_F(OwnerPageTest, ProgressIsRecordedAsTheOwnerThroughTheLinkAndAFormWorksOnce) {
  start();
  const std::string path = open_link(owner);
  const Id m = first_open(owner);
  const std::string token = form_token(call("GET", path).body);
  ASSERT_FALSE(token.empty());
  const std::vector<std::pair<std::string, std::string>> form = {
      {"form_token", token}, {"progress", "60"}, {"note", "已完成制度初稿"}};
  HttpReply r = post_form(path + "/m/" + std::to_string(m) + "/progress", form);
  EXPECT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.headers["location"],
            path + "?ok=progress&m=" + std::to_string(m) + "#m" + std::to_string(m));
  EXPECT_EQ(measure_field(m, "progress"), "60");
  auto p = store::LedgerStore(*db).person(owner);
  SQLite::Statement a(db->sql(),
                      "SELECT actor FROM audit WHERE action = 'measure.progress' ORDER BY id DESC");
  ASSERT_TRUE(a.executeStep());
  EXPECT_EQ(a.getColumn(0).getString(), (*p)->name + "（个人链接）");
  HttpReply shown = call("GET", r.headers["location"].substr(0, r.headers["location"].find('#')));
  EXPECT_NE(shown.body.find("进度已提交"), std::string::npos);

  // The same form again (a double tap, a replay): refused, nothing changes.
  const std::string before = ledger_state();
  HttpReply again = post_form(path + "/m/" + std::to_string(m) + "/progress",
                              {{"form_token", token}, {"progress", "70"}, {"note", "重放"}});
  EXPECT_EQ(again.status, 403);
  EXPECT_NE(again.body.find("已经提交过"), std::string::npos);
  EXPECT_EQ(ledger_state(), before);

  // A forged token and none at all: refused alike.
  std::string forged = form_token(call("GET", path).body);
  forged.back() = forged.back() == 'a' ? 'b' : 'a';
  for (const std::string& t : {forged, std::string()}) {
    HttpReply f = post_form(path + "/m/" + std::to_string(m) + "/progress",
                            {{"form_token", t}, {"progress", "80"}, {"note", "伪造"}});
    EXPECT_EQ(f.status, 403) << t;
    EXPECT_EQ(ledger_state(), before);
  }
}

TEST_F(OwnerPageTest, AnotherPersonsLinkCannotReachThisPersonsItems) {
  start();
  const std::string mine = open_link(owner);
  const std::string theirs = open_link(other);
  ASSERT_FALSE(theirs.empty());
  const Id m = first_open(owner);
  const std::string before = ledger_state();
  auto try_with = [&](const std::string& path, Id id) {
    return post_form(
        path + "/m/" + std::to_string(id) + "/progress",
        {{"form_token", form_token(call("GET", path).body)}, {"progress", "90"}, {"note", "越权"}});
  };
  HttpReply cross = try_with(theirs, m);
  HttpReply missing = try_with(theirs, 999999);
  EXPECT_EQ(cross.status, 404);
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(cross.body.find("该事项不存在或不由您负责"), std::string::npos);
  EXPECT_NE(missing.body.find("该事项不存在或不由您负责"), std::string::npos);
  EXPECT_EQ(ledger_state(), before);
  // A form token of one page is not one of another's.
  HttpReply swapped = post_form(
      mine + "/m/" + std::to_string(m) + "/progress",
      {{"form_token", form_token(call("GET", theirs).body)}, {"progress", "90"}, {"note", "换页"}});
  EXPECT_EQ(swapped.status, 403);
  EXPECT_EQ(ledger_state(), before);
}

TEST_F(OwnerPageTest, ExpiredRevokedAndUnknownLinksGetTheSameAnswer) {
  start();
  const std::string revoked = open_link(owner);
  office::Office o = office();
  auto n = office::revoke_links(o, {"办公室"}, owner);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 1);
  const std::string expired = open_link(other);
  clock.advance(24h * 15);
  const std::string unknown = "/o/" + store::new_link_token();
  HttpReply a = call("GET", revoked);
  HttpReply b = call("GET", expired);
  HttpReply c = call("GET", unknown);
  HttpReply d = call("GET", "/o/not-a-token");
  for (const HttpReply* r : {&a, &b, &c, &d}) {
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(r->body, a.body);
  }
  EXPECT_NE(a.body.find("此链接已失效或不存在"), std::string::npos);
  EXPECT_NE(a.body.find(config->unit.name), std::string::npos) << "whom to ask";
  SQLite::Statement q(db->sql(), "SELECT count(*) FROM audit WHERE action = 'links.revoke'");
  q.executeStep();
  EXPECT_EQ(q.getColumn(0).getInt(), 1);
}

TEST_F(OwnerPageTest, DeactivatingAPersonRevokesTheirLinks) {
  start();
  const std::string path = open_link(owner);
  ASSERT_EQ(call("GET", path).status, 200);
  office::Office o = office();
  ASSERT_TRUE(office::deactivate_person(o, {"办公室"}, owner));
  EXPECT_EQ(call("GET", path).status, 404);
  SQLite::Statement q(db->sql(),
                      "SELECT revoked_at IS NOT NULL FROM link_tokens WHERE person_id = ?");
  q.bind(1, static_cast<std::int64_t>(owner));
  ASSERT_TRUE(q.executeStep());
  EXPECT_TRUE(q.getColumn(0).getInt());
}

TEST_F(OwnerPageTest, DoneWithAPhotoAndAPdfKeepsThemByTheirHash) {
  start();
  const std::string path = open_link(owner);
  const Id m = first_open(owner);
  HttpReply r = post_multipart(path + "/m/" + std::to_string(m) + "/done",
                               {{"form_token", "", form_token(call("GET", path).body)},
                                {"evidence", "", "制度已印发，见附件"},
                                {"files", "现场照片.jpg", jpeg_bytes()},
                                {"files", "印发通知.pdf", pdf_bytes()}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(measure_field(m, "status"), "done_reported") << "reported, not closed";
  const std::string evidence = measure_field(m, "evidence");
  const std::string jpeg_hash = store::sha256_hex(jpeg_bytes());
  EXPECT_NE(evidence.find("现场照片.jpg（SHA-256 " + jpeg_hash + "）"), std::string::npos)
      << evidence;
  SQLite::Statement q(db->sql(),
                      "SELECT original_name, media_type, sha256, size FROM evidence_files "
                      "WHERE measure_id = ? ORDER BY id");
  q.bind(1, static_cast<std::int64_t>(m));
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), "现场照片.jpg");
  EXPECT_EQ(q.getColumn(1).getString(), "image/jpeg");
  EXPECT_EQ(q.getColumn(2).getString(), jpeg_hash);
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(1).getString(), "application/pdf");
  const auto folder = dir.path() / "evidence";
  EXPECT_EQ(rectifyd::testing::read_file((folder / jpeg_hash).string()), jpeg_bytes());
  EXPECT_EQ(rectifyd::testing::read_file((folder / store::sha256_hex(pdf_bytes())).string()),
            pdf_bytes());
  // The page lists them in the item's history; it never serves them.
  HttpReply page = call("GET", path);
  EXPECT_NE(page.body.find("现场照片.jpg"), std::string::npos);
  EXPECT_EQ(call("GET", path + "/" + jpeg_hash).status, 404);
}

TEST_F(OwnerPageTest, DisguisedOversizedAndTooManyFilesAreRefusedWithAMessage) {
  start([](config::Config& c) {
    c.web.evidence_max_bytes = 4096;
    c.web.evidence_max_files = 2;
  });
  const std::string path = open_link(owner);
  const Id m = first_open(owner);
  const std::string action = path + "/m/" + std::to_string(m) + "/done";
  const std::string before = ledger_state();
  struct Case {
    std::vector<Part> files;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{{"files", "照片.jpg", html_bytes()}}, "不是照片、PDF"},
      {{{"files", "大照片.jpg", jpeg_bytes() + std::string(5000, 'x')}}, "超过 4 KB 的上限"},
      {{{"files", "1.jpg", jpeg_bytes()},
        {"files", "2.pdf", pdf_bytes()},
        {"files", "3.jpg", jpeg_bytes()}},
       "一次最多上传 2 个文件"},
  };
  for (const auto& c : cases) {
    std::vector<Part> parts = {{"form_token", "", form_token(call("GET", path).body)},
                               {"evidence", "", "见附件"}};
    parts.insert(parts.end(), c.files.begin(), c.files.end());
    HttpReply r = post_multipart(action, parts);
    EXPECT_EQ(r.status, 422) << c.says;
    EXPECT_NE(r.body.find(c.says), std::string::npos) << r.body;
    EXPECT_EQ(ledger_state(), before) << c.says;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "evidence" / store::sha256_hex(html_bytes())));
}

TEST_F(OwnerPageTest, FilesBeyondTheBodyLimitGetAPageThatSaysWhatToDo) {
  start([](config::Config& c) {
    c.web.evidence_max_bytes = 4096;
    c.web.evidence_max_files = 2;
  });
  const std::string path = open_link(owner);
  const Id m = first_open(owner);
  const std::string before = ledger_state();
  // The body limit on /o/ is the files' limit plus 1 MB for the form: 2 MB of files exceed it.
  std::vector<Part> parts = {{"form_token", "", form_token(call("GET", path).body)},
                             {"evidence", "", "见附件"},
                             {"files", "扫描件.pdf", pdf_bytes() + std::string(2 << 20, 'x')}};
  HttpReply r = post_multipart(path + "/m/" + std::to_string(m) + "/done", parts);
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.headers["content-type"].find("text/html"), std::string::npos)
      << r.headers["content-type"];
  EXPECT_NE(r.body.find("文件过大"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("每次最多 2 个文件，每个不超过 4 KB"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("href=\"" + path + "\""), std::string::npos) << r.body;
  EXPECT_EQ(ledger_state(), before);

  // Elsewhere the answer stays the API's JSON.
  HttpReply api = call("POST", "/api/v1/imports/ledger", std::string(3 << 20, 'x'));
  EXPECT_EQ(api.status, 413);
  EXPECT_NE(api.headers["content-type"].find("application/json"), std::string::npos);
}

TEST_F(OwnerPageTest, FileNamesCannotEscapeTheEvidenceFolder) {
  start();
  const std::string path = open_link(owner);
  const Id m = first_open(owner);
  HttpReply r = post_multipart(path + "/m/" + std::to_string(m) + "/done",
                               {{"form_token", "", form_token(call("GET", path).body)},
                                {"evidence", "", "见附件"},
                                {"files", "../../../../tmp/escape.jpg", jpeg_bytes()},
                                {"files", "..\\..\\win\\x<script>\x01.pdf", pdf_bytes()}});
  ASSERT_EQ(r.status, 303) << r.body;
  SQLite::Statement q(db->sql(), "SELECT original_name FROM evidence_files ORDER BY id");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), "escape.jpg");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), "x<script>.pdf");
  EXPECT_FALSE(std::filesystem::exists("/tmp/escape.jpg"));
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path() / "evidence"))
    names.push_back(e.path().filename().string());
  EXPECT_EQ(names.size(), 2u);
  for (const auto& n : names)
    EXPECT_TRUE(std::regex_match(n, std::regex("[0-9a-f]{64}"))) << n;
  // The name is shown escaped.
  HttpReply page = call("GET", path);
  EXPECT_EQ(page.body.find("x<script>"), std::string::npos);
  EXPECT_NE(page.body.find("x&lt;script&gt;.pdf"), std::string::npos);
}

TEST_F(OwnerPageTest, AnExtensionRequestWaitsForTheOffice) {
  start();
  const std::string path = open_link(owner);
  // The item due first may be too close to its due date by the test's clock: take the next.
  SQLite::Statement q(db->sql(),
                      "SELECT id, due FROM measures WHERE owner_id = ? AND status IN "
                      "('open','in_progress') AND due > '2026-03-10' ORDER BY due, id");
  q.bind(1, static_cast<std::int64_t>(owner));
  ASSERT_TRUE(q.executeStep());
  ASSERT_TRUE(q.executeStep()) << "the owner needs two items";
  const Id m = q.getColumn(0).getInt64();
  const std::string due = q.getColumn(1).getString();
  HttpReply r = post_form(path + "/m/" + std::to_string(m) + "/extension",
                          {{"form_token", form_token(call("GET", path).body)},
                           {"new_due", "2026-12-31"},
                           {"reason", "需等待上级批复"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(measure_field(m, "due"), due) << "the due date moves only when the office approves";
  SQLite::Statement e(db->sql(), "SELECT state, requested_by FROM extensions WHERE measure_id = ?");
  e.bind(1, static_cast<std::int64_t>(m));
  ASSERT_TRUE(e.executeStep());
  EXPECT_EQ(e.getColumn(0).getString(), "pending");
  EXPECT_NE(e.getColumn(1).getString().find("（个人链接）"), std::string::npos);
  HttpReply page = call("GET", path);
  EXPECT_NE(page.body.find("已申请延期至 2026-12-31"), std::string::npos);
}

TEST_F(OwnerPageTest, RequestsAreLimitedPerLinkAndPerAddress) {
  start([](config::Config& c) {
    c.web.requests_per_minute_per_link = 3;
    c.web.requests_per_minute_per_address = 5;
  });
  const std::string path = open_link(owner);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(call("GET", path).status, 200);
  HttpReply limited = call("GET", path);
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.headers["retry-after"].empty());
  // Guessing other links from the same address runs into the address's limit (5: three
  // pages and two guesses).
  EXPECT_EQ(call("GET", "/o/" + store::new_link_token()).status, 404);
  EXPECT_EQ(call("GET", "/o/" + store::new_link_token()).status, 404);
  EXPECT_EQ(call("GET", "/o/" + store::new_link_token()).status, 429);
  clock.advance(61s);
  EXPECT_EQ(call("GET", path).status, 200);
}

TEST_F(OwnerPageTest, TheOwnerIsToldWhenTheOfficeClosesOrReturnsAnItem) {
  start();
  const std::string path = open_link(owner);
  const Id m = first_open(owner);
  office::Office o = office();
  ASSERT_TRUE(office::report_done(o, {"张"}, m, "已完成"));
  ASSERT_TRUE(office::send_back(o, {"办公室"}, m, "佐证材料不全，请补充印发文件"));
  auto cal = try_load_calendar(*db, config->calendar);
  ASSERT_TRUE(engine->run(*config, *cal, clock.now()));
  auto p = store::LedgerStore(*db).person(owner);
  SQLite::Statement q(db->sql(),
                      "SELECT subject, payload FROM outbox WHERE kind = 'owner_notice' AND "
                      "recipient = ? ORDER BY id DESC");
  q.bind(1, (*p)->name);
  ASSERT_TRUE(q.executeStep());
  EXPECT_NE(q.getColumn(0).getString().find("【退回】"), std::string::npos);
  const std::string text(json::parse(q.getColumn(1).getString()).at("text").as_string());
  EXPECT_NE(text.find("佐证材料不全，请补充印发文件"), std::string::npos) << text;
  EXPECT_EQ(link_path(text), path) << "the link is reused";
  // The office's word shows on the page.
  EXPECT_NE(call("GET", path).body.find("退回：佐证材料不全"), std::string::npos);
}

TEST_F(OwnerPageTest, AnOwnerWhoReportedThroughTheLinkIsNotNudgedBeforeTheMeeting) {
  start();
  auto cal = try_load_calendar(*db, config->calendar);
  ASSERT_TRUE(cal);
  ASSERT_TRUE(engine->run(*config, *cal, clock.now()));
  // Thursday 16:00 in Shanghai: the update request before Friday's meeting.
  clock.set(*parse_instant("2026-03-05T08:00:30Z"));
  ASSERT_TRUE(engine->run(*config, *cal, clock.now()));
  auto name_of = [&](Id id) { return (*store::LedgerStore(*db).person(id))->name; };
  SQLite::Statement req(
      db->sql(), "SELECT payload FROM outbox WHERE kind = 'update_request' AND recipient = ?");
  req.bind(1, name_of(owner));
  ASSERT_TRUE(req.executeStep()) << "the owner is asked to update";
  const std::string path =
      link_path(std::string(json::parse(req.getColumn(0).getString()).at("text").as_string()));
  ASSERT_FALSE(path.empty()) << "the update request carries the link";

  SQLite::Statement q(db->sql(),
                      "SELECT id FROM measures WHERE owner_id = ? AND status IN "
                      "('open','in_progress') ORDER BY id");
  q.bind(1, static_cast<std::int64_t>(owner));
  std::vector<Id> items;
  while (q.executeStep())
    items.push_back(q.getColumn(0).getInt64());
  ASSERT_FALSE(items.empty());
  for (Id m : items) {
    HttpReply r = post_form(path + "/m/" + std::to_string(m) + "/progress",
                            {{"form_token", form_token(call("GET", path).body)},
                             {"progress", "50"},
                             {"note", "本周推进情况"}});
    ASSERT_EQ(r.status, 303) << r.body;
    clock.advance(10s);
  }
  // Friday 09:00: the nudge goes to those who have not updated, not to this owner.
  clock.set(*parse_instant("2026-03-06T01:00:30Z"));
  ASSERT_TRUE(engine->run(*config, *cal, clock.now()));
  auto nudged = [&](Id person) {
    SQLite::Statement n(db->sql(),
                        "SELECT count(*) FROM outbox WHERE kind = 'nudge' AND recipient = ?");
    n.bind(1, name_of(person));
    n.executeStep();
    return n.getColumn(0).getInt();
  };
  EXPECT_EQ(nudged(owner), 0);
  EXPECT_GT(nudged(other), 0) << "someone who did not update is nudged";
}

}  // namespace
}  // namespace rectifyd::admin
