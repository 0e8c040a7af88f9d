#include "notify/dispatcher.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/dates.h"
#include "http_sink.h"
#include "temp_dir.h"

namespace rectifyd::notify {
namespace {

using namespace std::chrono_literals;
using rectifyd::testing::HttpSink;
using rectifyd::testing::TempDir;
using store::OutboxState;

constexpr const char* kWhsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

Message sample(const std::string& subject = "整改提醒") {
  Message m;
  m.kind = "reminder";
  m.subject = subject;
  m.text = subject + "\n问题3 措施二：建立档案数字化管理制度，请于12月4日前完成并上传佐证材料。";
  MessageItem it;
  it.measure_id = 12;
  it.label = "问题3 措施二";
  it.text = "建立档案数字化管理制度";
  it.owner = "张三";
  it.due = "2026-12-04";
  it.colour = "yellow";
  m.items.push_back(it);
  Addressee a;
  a.name = "张三";
  a.mobile = "13800000001";
  a.email = "zhangsan@example.org";
  m.to.push_back(a);
  return m;
}

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Database::open(dir_.file("d.db"));
    ASSERT_TRUE(db);
    db_ = std::move(db.value());
    sink_ = std::make_unique<HttpSink>(
        dir_.path().string(),
        rectifyd::testing::SinkSecrets{kWhsec, "SECdingtalk0123", "feishu-secret"});
    config::ChannelConfig office;
    office.id = "office";
    office.type = config::ChannelType::log;
    office.path = dir_.file("office.log");
    cfg_->channels = {office};
    cfg_->routing.office = {"office"};
    cfg_->delivery.retry_base = 30s;
    cfg_->delivery.retry_max = 1h;
    cfg_->delivery.shutdown_grace = 1s;
  }
  void TearDown() override {
    dispatcher_.reset();
    io_.run_for(10ms);  // let cancelled handlers finish
  }

  config::ChannelConfig& add(const std::string& id, config::ChannelType type,
                             const std::vector<std::string>& paths) {
    config::ChannelConfig c;
    c.id = id;
    c.type = type;
    for (const auto& p : paths)
      c.urls.push_back({sink_->url(p), "inline"});
    c.timeout = 2s;
    cfg_->channels.push_back(c);
    return cfg_->channels.back();
  }
  void enqueue(const std::string& key, const std::string& channel, const Message& m,
               const std::string& recipient = "张三") {
    store::Outbox out(*db_);
    store::NewNotification n{key,          m.kind,    channel,
                             recipient,    m.subject, boost::json::serialize(to_json(m)),
                             clock_.now(), false};
    out.enqueue(n, clock_.now());
  }
  Dispatcher& start() {
    dispatcher_ = std::make_unique<Dispatcher>(io_, *db_, clock_, cfg_);
    dispatcher_->seed(7);
    EXPECT_TRUE(dispatcher_->start().ok());
    return *dispatcher_;
  }
  /// Runs the loop until the dispatcher has nothing it may do now (or 10 s pass).
  void run_until_idle() {
    bool idle = false;
    dispatcher_->on_idle([&] {
      idle = true;
      io_.stop();
    });
    dispatcher_->kick();
    io_.restart();
    io_.run_for(10s);
    dispatcher_->on_idle(nullptr);
    EXPECT_TRUE(idle) << "the dispatcher did not become idle";
  }
  store::OutboxRow row(const std::string& key) {
    for (auto& r : store::Outbox(*db_).list(std::nullopt, 1000))
      if (r.key == key)
        return r;
    ADD_FAILURE() << "no row " << key;
    return {};
  }
  int count_kind(const std::string& kind) {
    int n = 0;
    for (auto& r : store::Outbox(*db_).list(std::nullopt, 1000))
      n += r.kind == kind ? 1 : 0;
    return n;
  }

  TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<HttpSink> sink_;
  ManualClock clock_{*parse_instant("2026-12-01T01:00:00Z")};
  boost::asio::io_context io_;
  std::shared_ptr<config::Config> cfg_ = std::make_shared<config::Config>();
  std::unique_ptr<Dispatcher> dispatcher_;
};

TEST_F(DispatcherTest, GenericWebhookIsSignedAndCarriesTheIdempotencyKey) {
  add("hook", config::ChannelType::generic, {"/generic/a"}).secret = {kWhsec, "inline"};
  enqueue("reminder/m12@2026-12-04/p1/hook", "hook", sample());
  start();
  run_until_idle();
  EXPECT_EQ(row("reminder/m12@2026-12-04/p1/hook").state, OutboxState::sent);
  auto reqs = sink_->requests("/generic/a");
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].at("verified"), true);  // checked by the sink's own implementation
  const auto& h = reqs[0].at("headers").as_object();
  EXPECT_EQ(h.at("webhook-id"), "reminder/m12@2026-12-04/p1/hook");
  EXPECT_EQ(h.at("webhook-timestamp").as_string(),
            std::to_string(clock_.now().time_since_epoch().count()));
  auto body = boost::json::parse(reqs[0].at("body").as_string()).as_object();
  EXPECT_EQ(body.at("type"), "reminder");
  EXPECT_EQ(body.at("id"), "reminder/m12@2026-12-04/p1/hook");
  EXPECT_EQ(body.at("recipient"), "张三");
  EXPECT_EQ(body.at("subject"), "整改提醒");
  EXPECT_EQ(body.at("items").as_array().size(), 1u);
  EXPECT_EQ(body.at("late"), false);
}

TEST_F(DispatcherTest, ServerErrorIsRetriedWithBackoffThenSent) {
  add("hook", config::ChannelType::generic, {"/generic/a"}).secret = {kWhsec, "inline"};
  sink_->script("/generic/a", R"([{"status":500}])");
  enqueue("k1", "hook", sample());
  start();
  run_until_idle();
  auto r = row("k1");
  EXPECT_EQ(r.state, OutboxState::failed);
  EXPECT_EQ(r.last_error, "HTTP 500");
  EXPECT_EQ(r.attempts, 1);
  // First retry: between base/2 and base after the failure.
  EXPECT_GE(r.not_before, clock_.now() + 15s);
  EXPECT_LE(r.not_before, clock_.now() + 30s);

  clock_.set(r.not_before - 1s);
  run_until_idle();
  EXPECT_EQ(sink_->requests("/generic/a").size(), 1u);  // not yet

  clock_.set(r.not_before);
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::sent);
  auto reqs = sink_->requests("/generic/a");
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].at("headers").at("webhook-id"), reqs[1].at("headers").at("webhook-id"));
  EXPECT_EQ(reqs[1].at("verified"), true);
}

TEST_F(DispatcherTest, TooManyRequestsHonoursRetryAfter) {
  add("hook", config::ChannelType::generic, {"/generic/a"});
  sink_->script("/generic/a", R"([{"status":429,"headers":{"Retry-After":"120"}}])");
  enqueue("k1", "hook", sample());
  enqueue("k2", "hook", sample());
  cfg_->channels.back().concurrency = 1;
  start();
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::failed);
  EXPECT_EQ(row("k1").not_before, clock_.now() + 120s);
  // The endpoint is paused too: k2 waits instead of hitting the limit again.
  EXPECT_EQ(row("k2").state, OutboxState::pending);
  EXPECT_EQ(sink_->requests("/generic/a").size(), 1u);

  clock_.advance(119s);
  run_until_idle();
  EXPECT_EQ(sink_->requests("/generic/a").size(), 1u);
  clock_.advance(1s);
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::sent);
  EXPECT_EQ(row("k2").state, OutboxState::sent);
}

TEST_F(DispatcherTest, RetryAfterIsCountedFromTheAnswerInsideItsSecond) {
  // A receiver answers 429 "Retry-After: 2" at arbitrary points inside a second: each row
  // waits at least 2 s from its answer, and is sent as soon as that has passed.
  add("hook", config::ChannelType::generic, {"/generic/a"}).concurrency = 1;
  start();
  const Instant base = clock_.now();
  int n = 0;
  for (int ms : {1, 274, 725, 999}) {
    const std::string key = "k" + std::to_string(ms);
    clock_.set(base + std::chrono::minutes{++n});
    sink_->script("/generic/a", R"([{"status":429,"headers":{"Retry-After":"2"}}])");
    enqueue(key, "hook", sample());
    const PreciseInstant answered = clock_.precise_now() + std::chrono::milliseconds{ms};
    clock_.set(answered);  // the manual clock stands still while the transfer runs
    run_until_idle();
    auto r = row(key);
    ASSERT_EQ(r.state, OutboxState::failed) << ms;
    EXPECT_GE(PreciseInstant(r.not_before), answered + 2s) << ms;
    EXPECT_LT(PreciseInstant(r.not_before), answered + 3s) << ms;

    clock_.set(answered + 1999ms);
    run_until_idle();
    EXPECT_EQ(row(key).state, OutboxState::failed) << ms << ": retried before 2 s had passed";
    clock_.set(PreciseInstant(r.not_before));
    run_until_idle();
    EXPECT_EQ(row(key).state, OutboxState::sent) << ms;
  }
  EXPECT_EQ(sink_->requests("/generic/a").size(), 8u);
}

TEST_F(DispatcherTest, PermanentFailureGoesDeadAndTheOfficeIsTold) {
  add("hook", config::ChannelType::generic, {"/generic/a"});
  sink_->script("/generic/a", R"([{"status":404}])");
  enqueue("k1", "hook", sample("逾期提醒"));
  start();
  run_until_idle();
  auto r = row("k1");
  EXPECT_EQ(r.state, OutboxState::dead);
  EXPECT_EQ(r.last_error, "HTTP 404");
  ASSERT_EQ(count_kind("dead_letter"), 1);
  auto office = rectifyd::testing::read_file(dir_.file("office.log"));
  EXPECT_NE(office.find("\"kind\":\"dead_letter\""), std::string::npos) << office;
  EXPECT_NE(office.find("逾期提醒"), std::string::npos) << office;
  EXPECT_NE(office.find("HTTP 404"), std::string::npos) << office;
}

TEST_F(DispatcherTest, SeveralDeadRowsMakeOneOfficeMessage) {
  add("hook", config::ChannelType::generic, {"/generic/a"});
  store::Outbox out(*db_);
  for (auto k : {"bad1", "bad2", "bad3"})
    out.enqueue({k, "reminder", "hook", "李四", "提醒", "not json", clock_.now(), false},
                clock_.now());
  start();
  run_until_idle();
  EXPECT_EQ(row("bad1").state, OutboxState::dead);
  EXPECT_EQ(row("bad3").state, OutboxState::dead);
  ASSERT_EQ(count_kind("dead_letter"), 1);
  auto office = rectifyd::testing::read_file(dir_.file("office.log"));
  EXPECT_NE(office.find("有 3 条通知未能送达"), std::string::npos) << office;
}

TEST_F(DispatcherTest, ADeadLetterThatFailsIsOnlyLogged) {
  add("hook", config::ChannelType::generic, {"/generic/a"});
  add("office_hook", config::ChannelType::generic, {"/generic/office"});
  cfg_->routing.office = {"office_hook"};
  sink_->script("/generic/a", R"([{"status":404}])");
  sink_->script("/generic/office", R"([{"status":403}])");
  enqueue("k1", "hook", sample());
  start();
  run_until_idle();
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::dead);
  EXPECT_EQ(count_kind("dead_letter"), 1);
  EXPECT_EQ(sink_->requests("/generic/office").size(), 1u);
  for (auto& r : store::Outbox(*db_).list(std::nullopt)) {
    if (r.kind == "dead_letter") {
      EXPECT_EQ(r.state, OutboxState::dead);
    }
  }
}

TEST_F(DispatcherTest, WecomBodyErrorCodes) {
  add("wecom", config::ChannelType::wecom, {"/wecom/a"});
  sink_->script(
      "/wecom/a",
      R"([{"status":200,"body":"{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"},
                               {"status":200,"body":"{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"}])");
  enqueue("k1", "wecom", sample());
  start();
  run_until_idle();
  auto r = row("k1");
  EXPECT_EQ(r.state, OutboxState::failed);
  EXPECT_EQ(r.not_before, clock_.now() + 60s);
  EXPECT_NE(r.last_error.find("45009"), std::string::npos);
  clock_.advance(60s);
  run_until_idle();
  r = row("k1");
  EXPECT_EQ(r.state, OutboxState::dead);
  EXPECT_NE(r.last_error.find("93000"), std::string::npos);
  // A person's message to a group robot @-mentions them by mobile.
  auto body = boost::json::parse(sink_->requests("/wecom/a")[0].at("body").as_string());
  EXPECT_EQ(body.at("msgtype"), "text");
  EXPECT_EQ(body.at("text").at("mentioned_mobile_list").as_array()[0], "13800000001");
}

TEST_F(DispatcherTest, DingtalkAndFeishuSignaturesAndCodes) {
  add("ding", config::ChannelType::dingtalk, {"/dingtalk/a?access_token=TOKEN"}).secret = {
      "SECdingtalk0123", "inline"};
  add("feishu", config::ChannelType::feishu, {"/feishu/a"}).secret = {"feishu-secret", "inline"};
  sink_->script("/dingtalk/a", R"([{"status":200,"body":"{\"errcode\":130101}"},
                                  {"status":200,"body":"{\"errcode\":310000,\"errmsg\":\"sign not match\"}"}])");
  sink_->script("/feishu/a",
                R"([{"status":200,"body":"{\"code\":11232,\"msg\":\"frequency limited\"}"}])");
  enqueue("d1", "ding", sample());
  enqueue("f1", "feishu", sample(), "group");
  start();
  run_until_idle();
  EXPECT_EQ(row("d1").state, OutboxState::failed);
  EXPECT_EQ(row("f1").state, OutboxState::failed);
  clock_.advance(60s);
  run_until_idle();
  EXPECT_EQ(row("d1").state, OutboxState::dead);
  EXPECT_EQ(row("f1").state, OutboxState::sent);
  for (auto& r : sink_->requests("/dingtalk/a"))
    EXPECT_EQ(r.at("verified"), true) << boost::json::serialize(r);
  for (auto& r : sink_->requests("/feishu/a"))
    EXPECT_EQ(r.at("verified"), true) << boost::json::serialize(r);
  auto ding = boost::json::parse(sink_->requests("/dingtalk/a")[0].at("body").as_string());
  EXPECT_EQ(ding.at("at").at("atMobiles").as_array()[0], "13800000001");
  EXPECT_NE(std::string(ding.at("text").at("content").as_string()).find("@13800000001"),
            std::string::npos);
  auto feishu = boost::json::parse(sink_->requests("/feishu/a")[0].at("body").as_string());
  EXPECT_EQ(feishu.at("msg_type"), "post");
}

TEST_F(DispatcherTest, HangAndResetAreTransientAndSecretsStayOutOfErrors) {
  add("hang", config::ChannelType::generic, {"/generic/hang?key=SECRETKEY1"}).timeout = 1s;
  add("reset", config::ChannelType::generic, {"/generic/reset?key=SECRETKEY2"});
  config::ChannelConfig closed;
  closed.id = "closed";
  closed.type = config::ChannelType::slack;
  closed.urls = {{"http://127.0.0.1:1/services/SECRETKEY3", "inline"}};
  cfg_->channels.push_back(closed);
  sink_->script("/generic/hang", R"([{"hang":3}])");
  sink_->script("/generic/reset", R"([{"reset":true}])");
  enqueue("h", "hang", sample());
  enqueue("r", "reset", sample());
  enqueue("c", "closed", sample());
  start();
  run_until_idle();
  for (auto key : {"h", "r", "c"}) {
    auto r = row(key);
    EXPECT_EQ(r.state, OutboxState::failed) << key;
    EXPECT_FALSE(r.last_error.empty()) << key;
    EXPECT_EQ(r.last_error.find("SECRETKEY"), std::string::npos) << r.last_error;
  }
  EXPECT_NE(row("h").last_error.find("Timeout"), std::string::npos) << row("h").last_error;
}

TEST_F(DispatcherTest, RowsOlderThanMaxAgeGoDead) {
  add("hook", config::ChannelType::generic, {"/generic/a"});
  sink_->script("/generic/a", R"([{"status":503},{"status":503}])");
  enqueue("k1", "hook", sample());
  clock_.advance(23h + 59min + 50s);
  start();
  run_until_idle();
  auto r = row("k1");
  EXPECT_EQ(r.state, OutboxState::failed);
  // The last try is at the deadline, not after it.
  EXPECT_EQ(r.not_before, r.created_at + 24h);
  clock_.set(r.not_before);
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::dead);
  EXPECT_EQ(count_kind("dead_letter"), 1);
}

TEST_F(DispatcherTest, MaxAgeCountsFromThePlannedTimeNotFromCreation) {
  add("hook", config::ChannelType::generic, {"/generic/a"});
  sink_->script("/generic/a", R"([{"status":503}])");
  // Written on Friday evening, held by quiet hours until three days later.
  auto planned = clock_.now() + 72h;
  store::NewNotification n{"k1",    "reminder", "hook",
                           "张三",  "整改提醒", boost::json::serialize(to_json(sample())),
                           planned, false};
  store::Outbox(*db_).enqueue(n, clock_.now());
  start();
  run_until_idle();
  EXPECT_TRUE(sink_->requests("/generic/a").empty());  // not before its planned time

  clock_.set(planned);
  run_until_idle();
  auto r = row("k1");
  EXPECT_EQ(r.state, OutboxState::failed) << r.last_error;  // retried, not dead
  EXPECT_EQ(r.attempts, 1);
  EXPECT_GT(r.not_before, planned);
  EXPECT_EQ(count_kind("dead_letter"), 0);

  clock_.set(r.not_before);
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::sent);
  EXPECT_EQ(sink_->requests("/generic/a").size(), 2u);
}

TEST_F(DispatcherTest, ADeferredRowStillGoesDeadMaxAgeAfterItsPlannedTime) {
  add("hook", config::ChannelType::generic, {"/generic/a"});
  sink_->script("/generic/a", R"([{"status":503},{"status":503}])");
  auto planned = clock_.now() + 72h;
  store::NewNotification n{"k1",    "reminder", "hook",
                           "张三",  "整改提醒", boost::json::serialize(to_json(sample())),
                           planned, false};
  store::Outbox(*db_).enqueue(n, clock_.now());
  clock_.set(planned + 23h + 59min + 50s);
  start();
  run_until_idle();
  auto r = row("k1");
  EXPECT_EQ(r.state, OutboxState::failed);
  EXPECT_EQ(r.not_before, planned + 24h);  // the last try is at the deadline
  clock_.set(r.not_before);
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::dead);
  EXPECT_EQ(count_kind("dead_letter"), 1);
}

TEST_F(DispatcherTest, RateLimitPerEndpointAndSeveralUrlsShareTheLoad) {
  auto& c = add("wecom", config::ChannelType::wecom, {"/wecom/a", "/wecom/b"});
  c.rate.per_minute = 3;
  for (int i = 0; i < 8; ++i)
    enqueue("k" + std::to_string(i), "wecom", sample(), "group");
  start();
  run_until_idle();
  EXPECT_EQ(sink_->requests("/wecom/a").size(), 3u);
  EXPECT_EQ(sink_->requests("/wecom/b").size(), 3u);
  auto counts = store::Outbox(*db_).counts();
  EXPECT_EQ(counts[OutboxState::sent], 6);
  // The engine sleeps until the next token, not on a fixed period.
  EXPECT_EQ(dispatcher_->next_wake(), clock_.now() + 20s);
  clock_.advance(20s);  // one token per endpoint every 20 s
  run_until_idle();
  EXPECT_EQ(store::Outbox(*db_).counts()[OutboxState::sent], 8);
}

TEST_F(DispatcherTest, RowsLeftSendingAreSentAgainWithTheSameKey) {
  add("hook", config::ChannelType::generic, {"/generic/a"}).secret = {kWhsec, "inline"};
  enqueue("k1", "hook", sample());
  store::Outbox(*db_).claim_due({{"hook", 10}}, clock_.now());  // a crash after the claim
  ASSERT_EQ(row("k1").state, OutboxState::sending);
  auto& d = start();
  run_until_idle();
  EXPECT_EQ(d.stats().requeued_at_start, 1u);
  EXPECT_EQ(row("k1").state, OutboxState::sent);
  EXPECT_EQ(row("k1").attempts, 2);
  auto reqs = sink_->requests("/generic/a");
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].at("headers").at("idempotency-key"), "k1");
}

TEST_F(DispatcherTest, StopLeavesUnfinishedRowsQueued) {
  add("hook", config::ChannelType::generic, {"/generic/a"}).timeout = 10s;
  sink_->script("/generic/a", R"([{"hang":5}])");
  enqueue("k1", "hook", sample());
  auto& d = start();
  io_.run_for(300ms);
  ASSERT_EQ(d.in_flight(), 1u);
  bool stopped = false;
  d.stop([&] {
    stopped = true;
    io_.stop();
  });
  io_.restart();
  io_.run_for(5s);
  EXPECT_TRUE(stopped);
  auto r = row("k1");
  EXPECT_EQ(r.state, OutboxState::pending);
  EXPECT_EQ(r.attempts, 1);
}

TEST_F(DispatcherTest, LogChannelWritesOneLinePerMessage) {
  enqueue("k1", "office", sample(), "office");
  start();
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::sent);
  auto text = rectifyd::testing::read_file(dir_.file("office.log"));
  auto line = boost::json::parse(text.substr(0, text.find('\n'))).as_object();
  EXPECT_EQ(line.at("key"), "k1");
  EXPECT_EQ(line.at("channel"), "office");
  EXPECT_EQ(line.at("subject"), "整改提醒");
  EXPECT_EQ(line.at("at"), "2026-12-01T01:00:00Z");
}

TEST_F(DispatcherTest, RowsForAnUnconfiguredChannelAgeIntoADeadLetter) {
  enqueue("u1", "removed_channel", sample("会议通知"));
  start();
  run_until_idle();
  auto r = row("u1");
  EXPECT_EQ(r.state, OutboxState::failed);
  EXPECT_EQ(r.last_error, "channel removed_channel is not configured");
  EXPECT_EQ(dispatcher_->next_wake(), r.not_before);  // looked at again when it is due
  clock_.advance(25h);
  run_until_idle();
  EXPECT_EQ(row("u1").state, OutboxState::dead);
  auto office = rectifyd::testing::read_file(dir_.file("office.log"));
  EXPECT_NE(office.find("会议通知"), std::string::npos) << office;
}

TEST_F(DispatcherTest, SentRowsArePrunedAfterTheConfiguredTime) {
  enqueue("k1", "office", sample(), "office");
  start();
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::sent);
  clock_.advance(std::chrono::hours{24 * 90} - 1h);
  run_until_idle();
  EXPECT_EQ(store::Outbox(*db_).counts()[OutboxState::sent], 1);
  clock_.advance(2h);
  run_until_idle();
  EXPECT_EQ(store::Outbox(*db_).counts()[OutboxState::sent], 0);
}

TEST_F(DispatcherTest, NothingQueuedArmsNoTimer) {
  auto& d = start();
  run_until_idle();
  EXPECT_FALSE(d.next_wake());
  EXPECT_FALSE(d.next_prune());

  enqueue("k1", "office", sample(), "office");
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::sent);
  // Delivered and nothing queued: nothing to look at until a kick; the only planned wake is
  // the prune of the row just sent.
  EXPECT_FALSE(d.next_wake());
  EXPECT_EQ(d.next_prune(), clock_.now() + cfg_->delivery.prune_sent_after + 1s);
}

TEST_F(DispatcherTest, ARetryHalfAnHourAwayIsTheNextWake) {
  add("hook", config::ChannelType::generic, {"/generic/a"});
  sink_->script("/generic/a", R"([{"status":503,"headers":{"Retry-After":"1800"}}])");
  enqueue("k1", "hook", sample());
  auto& d = start();
  run_until_idle();
  ASSERT_EQ(row("k1").state, OutboxState::failed);
  EXPECT_EQ(d.next_wake(), clock_.now() + 30min);

  clock_.advance(30min);
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::sent);
  EXPECT_FALSE(d.next_wake());
}

TEST_F(DispatcherTest, APlannedRowIsTheNextWake) {
  add("hook", config::ChannelType::generic, {"/generic/a"});
  store::NewNotification n{"k1",
                           "reminder",
                           "hook",
                           "张三",
                           "整改提醒",
                           boost::json::serialize(to_json(sample())),
                           clock_.now() + 8h,
                           false};
  store::Outbox(*db_).enqueue(n, clock_.now());
  auto& d = start();
  run_until_idle();
  EXPECT_EQ(d.next_wake(), clock_.now() + 8h);
  EXPECT_TRUE(sink_->requests("/generic/a").empty());
}

TEST_F(DispatcherTest, AKickAfterAnEnqueueDeliversWithoutATimer) {
  add("hook", config::ChannelType::generic, {"/generic/a"});
  auto& d = start();
  run_until_idle();
  ASSERT_FALSE(d.next_wake());

  enqueue("k1", "hook", sample());
  // Without a kick the engine does not look: nothing is waiting on the loop.
  io_.restart();
  EXPECT_EQ(io_.poll(), 0u);
  EXPECT_EQ(row("k1").state, OutboxState::pending);

  bool idle = false;
  d.on_idle([&] {
    idle = true;
    io_.stop();
  });
  d.kick();
  io_.restart();
  io_.run_for(10s);  // ends at idle: the transfer's own completion, no timer
  EXPECT_TRUE(idle);
  EXPECT_EQ(row("k1").state, OutboxState::sent);
  EXPECT_EQ(sink_->requests("/generic/a").size(), 1u);
}

TEST_F(DispatcherTest, ASentRowIsPrunedAtItsTime) {
  enqueue("k1", "office", sample(), "office");
  auto& d = start();
  run_until_idle();
  const auto sent_at = *row("k1").sent_at;
  const auto due = sent_at + cfg_->delivery.prune_sent_after + 1s;
  EXPECT_EQ(d.next_prune(), due);

  clock_.set(due - 1s);
  run_until_idle();
  EXPECT_EQ(store::Outbox(*db_).counts()[OutboxState::sent], 1);
  clock_.set(due);
  run_until_idle();
  EXPECT_EQ(store::Outbox(*db_).counts()[OutboxState::sent], 0);
  EXPECT_FALSE(d.next_prune());
  EXPECT_FALSE(d.next_wake());
}

TEST_F(DispatcherTest, PruneAtStartPlansFromTheOldestSentRowLeft) {
  store::Outbox out(*db_);
  enqueue("old", "office", sample(), "office");
  enqueue("new", "office", sample(), "office");
  auto old_id = row("old").id;
  auto new_id = row("new").id;
  out.claim_due({{"office", 10}}, clock_.now());
  store::Settlement a{old_id, OutboxState::sent, {}, ""};
  out.settle(std::span(&a, 1), clock_.now() - std::chrono::hours{24 * 91});
  store::Settlement b{new_id, OutboxState::sent, {}, ""};
  out.settle(std::span(&b, 1), clock_.now() - std::chrono::hours{24 * 10});

  auto& d = start();
  run_until_idle();
  EXPECT_EQ(store::Outbox(*db_).counts()[OutboxState::sent], 1);
  EXPECT_EQ(row("new").state, OutboxState::sent);
  EXPECT_EQ(d.next_prune(), clock_.now() + std::chrono::hours{24 * 80} + 1s);
}

TEST_F(DispatcherTest, ManyRowsGoOutInBatchesAndAllArrive) {
  auto& c = add("hook", config::ChannelType::generic, {"/generic/a"});
  c.concurrency = 8;
  store::Outbox out(*db_);
  db_->write([&] {
    for (int i = 0; i < 60; ++i)
      enqueue("k" + std::to_string(i), "hook", sample());
  });
  auto& d = start();
  run_until_idle();
  EXPECT_EQ(store::Outbox(*db_).counts()[OutboxState::sent], 60);
  EXPECT_EQ(d.stats().sent, 60u);
  EXPECT_EQ(sink_->requests("/generic/a").size(), 60u);
  EXPECT_FALSE(d.next_wake());
}

}  // namespace
}  // namespace rectifyd::notify
