// The generic webhook channel: the body it writes, its signature, and the signing key following
// the configuration across a reload.

#include "notify/generic_channel.h"

#include <gtest/gtest.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>

#include "app/delivery_service.h"
#include "core/dates.h"
#include "http_sink.h"
#include "notify/signing.h"
#include "store/outbox.h"
#include "temp_dir.h"

namespace rectifyd::notify {
namespace {

using namespace std::chrono_literals;

constexpr const char* kWhsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kOtherWhsec = "whsec_c2Vjb25kLXNlY3JldC1mb3ItdGhlLXJlbG9hZA==";

/// The body as the channel used to build it, through a boost::json tree of the whole message.
std::string reference_body(const Envelope& e) {
  auto m = to_json(e.message).as_object();
  boost::json::object body;
  body["type"] = e.kind;
  body["id"] = e.key;
  body["recipient"] = e.recipient;
  body["subject"] = e.message.subject;
  body["text"] = e.message.text;
  body["items"] = m["items"];
  body["to"] = m["to"];
  if (auto* mt = m.if_contains("meeting"))
    body["meeting"] = *mt;
  else
    body["meeting"] = nullptr;
  body["late"] = e.message.late;
  body["attempt"] = e.attempt;
  return boost::json::serialize(body);
}

Envelope envelope() {
  Envelope e;
  e.key = "reminder/m12@2026-12-04/p1/hook";
  e.kind = "reminder";
  e.channel = "hook";
  e.recipient = "张三";
  e.attempt = 3;
  e.message.kind = "reminder";
  e.message.subject = "整改提醒：问题3 措施二";
  e.message.text = "整改提醒\n建立健全档案数字化管理制度，请于12月4日前完成。";
  MessageItem it;
  it.measure_id = 12;
  it.label = "问题3 措施二";
  it.text = "建立健全档案数字化管理制度";
  it.owner = "张三";
  it.due = "2026-12-04";
  it.colour = "yellow";
  it.note = "还剩 1 个工作日";
  e.message.items.push_back(it);
  e.message.to.push_back({"张三", "zhangsan@example.org", "13800000001", "", "", ""});
  return e;
}

config::ChannelConfig hook_config(const std::string& secret) {
  config::ChannelConfig c;
  c.id = "hook";
  c.type = config::ChannelType::generic;
  c.urls = {{"http://127.0.0.1:9/hook", "inline"}};
  c.secret = {secret, "inline"};
  return c;
}

std::string header(const Request& r, std::string_view name) {
  for (const auto& h : r.headers) {
    if (h.starts_with(name) && h.size() > name.size() && h[name.size()] == ':')
      return h.substr(name.size() + 2);
  }
  return {};
}

std::string decoded_key(const std::string& whsec) {
  return *base64_decode(std::string_view(whsec).substr(6));
}

TEST(GenericChannel, BodyIsWhatTheMessageTreeSerialisesTo) {
  std::vector<Envelope> cases;
  cases.push_back(envelope());
  {
    auto e = envelope();  // every escape JSON has, and bytes that need none
    e.message.subject = "引号\"反斜杠\\斜杠/制表\t换行\n回车\r退格\b换页\f控制\x01\x1f删除\x7f";
    e.message.items[0].note = "\"\\";
    e.message.items[0].measure_id = -9007199254740993;
    e.message.late = true;
    e.recipient = "";
    cases.push_back(e);
  }
  {
    auto e = envelope();  // nothing optional, no items, nobody
    e.message.items.clear();
    e.message.to.clear();
    e.message.text.clear();
    e.attempt = 1;
    cases.push_back(e);
  }
  {
    auto e = envelope();  // a meeting, with every address an addressee may have
    MeetingInfo mt;
    mt.uid = "meeting/7@2026-12-03";
    mt.sequence = 2;
    mt.cancelled = true;
    mt.start = *parse_instant("2026-12-03T01:30:00Z");
    mt.end = *parse_instant("2026-12-03T03:00:00Z");
    mt.time_zone = "Asia/Shanghai";
    mt.title = "整改推进会";
    mt.location = "三楼会议室";
    mt.organizer = {"李四", "lisi@example.org", "", "lisi", "", ""};
    mt.attendees = {{"王五", "", "13900000002", "wangwu", "ding-wangwu", "ou_wangwu"},
                    {"赵六", "", "", "", "", ""}};
    e.message.meeting = mt;
    e.message.to.push_back({"王五", "", "", "", "", "ou_wangwu"});
    e.message.items.push_back(e.message.items[0]);
    e.message.items[1].measure_id = 13;
    e.message.items[1].due.clear();
    e.message.attachments.push_back({"通报.docx", "application/octet-stream", "bytes"});
    cases.push_back(e);
  }
  for (const auto& e : cases)
    EXPECT_EQ(generic_webhook_body(e), reference_body(e));
}

TEST(GenericChannel, SignsKeyTimestampAndBodyWithTheDecodedSecret) {
  GenericChannel ch(hook_config(kWhsec));
  const Instant now = *parse_instant("2026-12-01T01:00:00Z");
  auto e = envelope();
  for (int i = 0; i < 3; ++i) {  // the same key signs every message
    e.key = "reminder/k" + std::to_string(i);
    auto reqs = ch.prepare(e, SendContext{0, now + std::chrono::seconds{i}});
    ASSERT_TRUE(reqs);
    ASSERT_EQ(reqs->size(), 1u);
    const auto& r = (*reqs)[0];
    const auto ts = std::to_string((now + std::chrono::seconds{i}).time_since_epoch().count());
    EXPECT_EQ(r.body, generic_webhook_body(e));
    EXPECT_EQ(header(r, "webhook-id"), e.key);
    EXPECT_EQ(header(r, "Idempotency-Key"), e.key);
    EXPECT_EQ(header(r, "webhook-timestamp"), ts);
    EXPECT_EQ(header(r, "Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(
        header(r, "webhook-signature"),
        "v1," + base64_encode(hmac_sha256(decoded_key(kWhsec), e.key + "." + ts + "." + r.body)));
  }
}

TEST(GenericChannel, WithoutASecretNothingIsSignedAndABadSecretFailsEachMessage) {
  GenericChannel plain(hook_config(""));
  auto reqs = plain.prepare(envelope(), SendContext{0, Instant{}});
  ASSERT_TRUE(reqs);
  EXPECT_EQ(header((*reqs)[0], "webhook-signature"), "");

  GenericChannel bad(hook_config("whsec_***not base64***"));
  for (int i = 0; i < 2; ++i) {
    auto r = bad.prepare(envelope(), SendContext{0, Instant{}});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("not whsec_ followed by base64"), std::string::npos);
    EXPECT_EQ(r.error().message.find("***not"), std::string::npos);  // the secret stays out
  }
}

TEST(GenericChannel, KeyedHmacEqualsTheOneShotForAnyKeyAndSplit) {
  const std::string message = "reminder/k.1764550800.{\"type\":\"reminder\"}";
  for (const std::string& key : {std::string(), std::string("k"), std::string(32, '\x5a'),
                                 std::string(64, '\x01'), std::string(131, '\xc3')}) {
    HmacSha256Key k(key);
    EXPECT_EQ(k.sign({message}), hmac_sha256(key, message));
    EXPECT_EQ(k.sign({message.substr(0, 10), "", message.substr(10)}), hmac_sha256(key, message));
    EXPECT_EQ(k.sign({}), hmac_sha256(key, ""));
  }
}

/// A reload that changes the secret: the rows sent after it carry the new secret's signature.
TEST(GenericChannel, ANewSecretSignsFromTheReloadOn) {
  rectifyd::testing::TempDir dir;
  rectifyd::testing::HttpSink sink(dir.path().string(),
                                   rectifyd::testing::SinkSecrets{kWhsec, "", ""});
  auto db = store::Database::open(dir.file("d.db"));
  ASSERT_TRUE(db);
  boost::asio::io_context io;
  SystemClock clock;
  auto config_with = [&](const char* secret) {
    auto cfg = std::make_shared<config::Config>();
    auto c = hook_config(secret);
    c.urls = {{sink.url("/generic/reload"), "inline"}};
    c.timeout = 5s;
    cfg->channels = {c};
    return config::Snapshot(cfg);
  };
  auto enqueue = [&](const std::string& key) {
    auto m = envelope().message;
    store::Outbox(**db).enqueue({key, m.kind, "hook", "张三", m.subject,
                                 boost::json::serialize(to_json(m)), clock.now(), false},
                                clock.now());
  };
  /// Runs the loop until the sink has `n` requests (or 10 s pass).
  auto run_until = [&](std::size_t n) {
    boost::asio::steady_timer t(io);
    auto deadline = std::chrono::steady_clock::now() + 10s;
    std::function<void()> check = [&] {
      if (sink.requests("/generic/reload").size() >= n ||
          std::chrono::steady_clock::now() > deadline) {
        io.stop();
        return;
      }
      t.expires_after(20ms);
      t.async_wait([&](const boost::system::error_code&) { check(); });
    };
    check();
    io.restart();
    io.run();
  };

  app::DeliveryService delivery(io, **db, clock, config_with(kWhsec));
  enqueue("reload/before");
  delivery.start();
  run_until(1);
  delivery.reconfigure(config_with(kOtherWhsec));
  enqueue("reload/after");
  delivery.work_added();
  run_until(2);
  bool stopped = false;
  delivery.stop(1s, [&] { stopped = true; });
  io.restart();
  io.run_for(2s);
  EXPECT_TRUE(stopped);

  auto reqs = sink.requests("/generic/reload");
  ASSERT_EQ(reqs.size(), 2u);
  for (const auto& r : reqs) {
    const auto& h = r.at("headers").as_object();
    const std::string id(h.at("webhook-id").as_string());
    const std::string ts(h.at("webhook-timestamp").as_string());
    const std::string body(r.at("body").as_string());
    const std::string secret = id == "reload/before" ? kWhsec : kOtherWhsec;
    EXPECT_EQ(std::string(h.at("webhook-signature").as_string()),
              "v1," + base64_encode(hmac_sha256(decoded_key(secret), id + "." + ts + "." + body)))
        << id;
    // The sink knows only the first secret.
    EXPECT_EQ(r.at("verified"), id == "reload/before") << id;
  }
}

}  // namespace
}  // namespace rectifyd::notify
