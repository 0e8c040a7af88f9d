// The dispatcher's decisions with a fake transport: no network, no Python, time from the
// manual clock. What real receivers see is tested in dispatcher_test.cpp against the sinks.

#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "fake_transport.h"
#include "log_capture.h"
#include "notify/dispatcher.h"
#include "temp_dir.h"

namespace rectifyd::notify {
namespace {

using namespace std::chrono_literals;
using rectifyd::testing::FakeTransport;
using rectifyd::testing::TempDir;
using store::OutboxState;

constexpr const char* kHookUrl = "http://receiver.test/hook";

Message sample() {
  Message m;
  m.kind = "reminder";
  m.subject = "整改提醒";
  m.text = "整改提醒\n问题3 措施二：请于12月4日前完成。";
  return m;
}

class DispatcherLogicTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Database::open(dir_.file("d.db"));
    ASSERT_TRUE(db);
    db_ = std::move(db.value());
    config::ChannelConfig office;
    office.id = "office";
    office.type = config::ChannelType::log;
    office.path = dir_.file("office.log");
    config::ChannelConfig hook;
    hook.id = "hook";
    hook.type = config::ChannelType::generic;
    hook.urls = {{kHookUrl, "inline"}};
    hook.concurrency = 8;
    cfg_->channels = {office, hook};
    cfg_->routing.office = {"office"};
    cfg_->delivery.retry_base = 30s;
    cfg_->delivery.retry_max = 1h;
    cfg_->delivery.shutdown_grace = 1s;
  }
  void TearDown() override {
    dispatcher_.reset();
    io_.run_for(10ms);
  }

  void enqueue(const std::string& key, const std::string& channel = "hook") {
    store::Outbox out(*db_);
    const Message m = sample();
    store::NewNotification n{key,          m.kind,    channel,
                             "张三",       m.subject, boost::json::serialize(to_json(m)),
                             clock_.now(), false};
    db_->write([&] { out.enqueue(n, clock_.now()); });
  }
  /// Answers for the hook, in order; after them every request gets 200.
  void script(std::initializer_list<Response> answers) {
    for (const auto& r : answers)
      state_->scripts[kHookUrl].push_back(r);
  }
  Dispatcher& start() {
    dispatcher_ = std::make_unique<Dispatcher>(io_, *db_, clock_, cfg_,
                                               std::make_unique<FakeTransport>(io_, state_));
    dispatcher_->seed(7);
    EXPECT_TRUE(dispatcher_->start().ok());
    return *dispatcher_;
  }
  void run_until_idle() {
    bool idle = false;
    dispatcher_->on_idle([&] {
      idle = true;
      io_.stop();
    });
    dispatcher_->kick();
    io_.restart();
    io_.run_for(5s);
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
  std::vector<store::OutboxRow> rows_of_kind(const std::string& kind) {
    std::vector<store::OutboxRow> out;
    for (auto& r : store::Outbox(*db_).list(std::nullopt, 1000))
      if (r.kind == kind)
        out.push_back(r);
    return out;
  }
  std::string office_log() { return rectifyd::testing::read_file(dir_.file("office.log")); }

  TempDir dir_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{*parse_instant("2026-12-01T01:00:00Z")};
  boost::asio::io_context io_;
  std::shared_ptr<config::Config> cfg_ = std::make_shared<config::Config>();
  std::shared_ptr<FakeTransport::State> state_ = std::make_shared<FakeTransport::State>();
  std::unique_ptr<Dispatcher> dispatcher_;
};

TEST_F(DispatcherLogicTest, ARowIsSendingInACommittedTransactionBeforeItsTransferStarts) {
  enqueue("k1");
  enqueue("k2");
  // Another connection, as a process after a crash would open the file.
  SQLite::Database other(dir_.file("d.db"), SQLite::OPEN_READONLY);
  std::vector<std::string> seen;
  state_->on_start = [&](const Request& req) {
    const auto body = boost::json::parse(req.body);
    SQLite::Statement q(other, "SELECT state FROM outbox WHERE idempotency_key = ?");
    q.bind(1, std::string(body.at("id").as_string()));
    ASSERT_TRUE(q.executeStep());
    seen.push_back(q.getColumn(0).getString());
  };
  start();
  run_until_idle();
  EXPECT_EQ(seen, (std::vector<std::string>{"sending", "sending"}));
  EXPECT_EQ(row("k1").state, OutboxState::sent);
}

TEST_F(DispatcherLogicTest, RetryAfterCountsFromTheAnswerAtAnyPointInsideASecond) {
  start();
  const Instant base = clock_.now();
  int n = 0;
  for (int ms : {0, 1, 250, 500, 725, 999}) {
    const std::string key = "k" + std::to_string(ms);
    clock_.set(base + std::chrono::minutes{++n} + std::chrono::milliseconds{ms});
    const PreciseInstant answered = clock_.precise_now();
    script({FakeTransport::status(429, {{"retry-after", "2"}})});
    enqueue(key);
    run_until_idle();
    const auto r = row(key);
    ASSERT_EQ(r.state, OutboxState::failed) << ms;
    EXPECT_GE(PreciseInstant(r.not_before), answered + 2s) << ms;
    EXPECT_LT(PreciseInstant(r.not_before), answered + 3s) << ms;
    // The endpoint is paused as long: nothing goes to it sooner.
    clock_.set(PreciseInstant(r.not_before) - 1ms);
    run_until_idle();
    EXPECT_EQ(row(key).state, OutboxState::failed) << ms;
    clock_.set(PreciseInstant(r.not_before));
    run_until_idle();
    EXPECT_EQ(row(key).state, OutboxState::sent) << ms;
  }
  EXPECT_EQ(state_->started.size(), 12u);
}

TEST_F(DispatcherLogicTest, AFloodOfFailuresIsAFewLinesAndTheOfficeIsToldOnceThenOfTheRecovery) {
  rectifyd::testing::LogCapture log;
  cfg_->delivery.retry_base = 2h;  // retries later than the alert: the alert has its own wake
  cfg_->delivery.retry_max = 4h;
  for (int i = 0; i < 40; ++i)
    script({FakeTransport::status(500)});
  for (int i = 0; i < 20; ++i)
    enqueue("k" + std::to_string(i));
  const Instant t0 = clock_.now();
  start();
  run_until_idle();
  EXPECT_EQ(log.count("channel hook is failing: HTTP 500"), 1) << log.text();
  EXPECT_EQ(log.count("channel hook"), 1) << log.text();
  auto st = dispatcher_->health().status("hook");
  ASSERT_TRUE(st.has_value());
  EXPECT_TRUE(st->failing);
  EXPECT_EQ(st->failures, 20u);
  EXPECT_EQ(dispatcher_->next_wake(), t0 + 30min);
  EXPECT_TRUE(rows_of_kind("channel_down").empty());

  clock_.set(t0 + 30min);
  run_until_idle();
  auto down = rows_of_kind("channel_down");
  ASSERT_EQ(down.size(), 1u);
  EXPECT_EQ(down[0].key, "channel_down/hook/" + format_instant_utc(t0) + "/office/office");
  EXPECT_EQ(down[0].state, OutboxState::sent);
  EXPECT_NE(office_log().find("通知渠道 hook 已连续 30 分钟无法送达"), std::string::npos)
      << office_log();
  EXPECT_NE(office_log().find("已失败 20 次，最近一次原因：HTTP 500"), std::string::npos);
  clock_.set(t0 + 45min);
  run_until_idle();
  EXPECT_EQ(rows_of_kind("channel_down").size(), 1u);  // once per spell

  // The retries fail again, more than five minutes after the first line: one summary.
  clock_.set(t0 + 5h);
  run_until_idle();
  EXPECT_EQ(log.count("channel hook still failing"), 1) << log.text();
  EXPECT_EQ(state_->started.size(), 40u);
  // Then the receiver answers again.
  clock_.set(t0 + 10h);
  run_until_idle();
  EXPECT_EQ(log.count("channel hook recovered after 40 failed attempts"), 1) << log.text();
  auto up = rows_of_kind("channel_recovered");
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0].key, "channel_recovered/hook/" + format_instant_utc(t0) + "/office/office");
  EXPECT_NE(office_log().find("通知渠道 hook 已恢复"), std::string::npos) << office_log();
  EXPECT_FALSE(dispatcher_->health().status("hook")->failing);
  for (int i = 0; i < 20; ++i)
    EXPECT_EQ(row("k" + std::to_string(i)).state, OutboxState::sent) << i;
}

TEST_F(DispatcherLogicTest, AShortOutageIsLoggedButNotReported) {
  rectifyd::testing::LogCapture log;
  script({FakeTransport::refused()});
  enqueue("k1");
  const Instant t0 = clock_.now();
  start();
  run_until_idle();
  EXPECT_EQ(log.count("channel hook is failing: Couldn't connect to server"), 1) << log.text();
  clock_.set(row("k1").not_before);
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::sent);
  EXPECT_EQ(
      log.count("channel hook recovered after 1 failed attempts since " + format_instant_utc(t0)),
      1)
      << log.text();
  EXPECT_TRUE(rows_of_kind("channel_down").empty());
  EXPECT_TRUE(rows_of_kind("channel_recovered").empty());
}

TEST_F(DispatcherLogicTest, WithoutAnotherOfficeChannelTheOutageIsLoggedAsSuch) {
  rectifyd::testing::LogCapture log;
  cfg_->routing.office = {"hook"};
  cfg_->delivery.retry_base = 2h;
  cfg_->delivery.retry_max = 4h;
  script({FakeTransport::status(503)});
  enqueue("k1");
  const Instant t0 = clock_.now();
  start();
  run_until_idle();
  clock_.set(t0 + 31min);
  run_until_idle();
  EXPECT_TRUE(rows_of_kind("channel_down").empty());
  EXPECT_EQ(log.count("the office has no other channel to be told through"), 1) << log.text();
}

TEST_F(DispatcherLogicTest, TheDeadLetterReportIsAnIntentWithAPlannedKey) {
  script({FakeTransport::status(404)});
  enqueue("k1");
  start();
  run_until_idle();
  EXPECT_EQ(row("k1").state, OutboxState::dead);
  auto report = rows_of_kind("dead_letter");
  ASSERT_EQ(report.size(), 1u);
  const auto id = std::to_string(row("k1").id);
  EXPECT_EQ(report[0].key, "dead_letter/" + format_instant_utc(clock_.now()) + "/" + id + "-" + id +
                               "/office/office");
  EXPECT_EQ(report[0].recipient, "office");
  EXPECT_EQ(report[0].state, OutboxState::sent);
  EXPECT_NE(office_log().find("有 1 条通知未能送达"), std::string::npos) << office_log();
  EXPECT_NE(office_log().find("原因：HTTP 404"), std::string::npos) << office_log();
}

TEST_F(DispatcherLogicTest, StoppingWithTransfersInFlightLeavesTheirRowsQueued) {
  state_->hold = true;
  enqueue("k1");
  enqueue("k2");
  start();
  io_.restart();
  io_.run_for(50ms);
  EXPECT_EQ(dispatcher_->in_flight(), 2u);
  EXPECT_EQ(row("k1").state, OutboxState::sending);
  bool stopped = false;
  dispatcher_->stop([&] {
    stopped = true;
    io_.stop();
  });
  io_.restart();
  io_.run_for(3s);  // the grace is 1 s
  ASSERT_TRUE(stopped);
  EXPECT_EQ(row("k1").state, OutboxState::pending);
  EXPECT_EQ(row("k2").state, OutboxState::pending);
  EXPECT_EQ(state_->in_flight, 0u);
}

}  // namespace
}  // namespace rectifyd::notify
