// Delivery hosted by the daemon: the planner writes outbox rows, the daemon kicks delivery,
// the real dispatcher sends them through the real log channel; a reload rebuilds the channels.

#include "app/delivery_service.h"

#include <chrono>
#include <functional>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/serialize.hpp>

#include "app/daemon.h"
#include "config/config_load.h"
#include "core/message.h"
#include "store/outbox.h"
#include "temp_dir.h"

namespace rectifyd::app {
namespace {

using namespace std::chrono_literals;
using rectifyd::testing::read_file;
using rectifyd::testing::TempDir;

std::string config_text(const TempDir& dir, const std::string& log_file) {
  return "[[channel]]\nid = \"log\"\ntype = \"log\"\npath = \"" + dir.file(log_file) + "\"\n";
}

class DeliveryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = store::Database::open(dir.file("rectifyd.db"));
    ASSERT_TRUE(d) << d.error().message;
    db = std::move(*d);
    config_path = dir.write("rectifyd.toml", config_text(dir, "first.jsonl"));
    auto loaded = config::load_config_file(config_path);
    ASSERT_TRUE(loaded.ok()) << loaded.error_text();
    config = std::make_shared<const config::Config>(std::move(*loaded.config));
  }

  /// What the planner engine does: rows in one write transaction.
  void enqueue(const std::string& key, Instant now) {
    Message m;
    m.kind = "reminder";
    m.subject = "整改提醒：" + key;
    m.text = "请按期完成。";
    store::NewNotification n;
    n.key = key;
    n.kind = m.kind;
    n.channel = "log";
    n.recipient = "王五";
    n.subject = m.subject;
    n.payload = boost::json::serialize(to_json(m));
    n.not_before = now;
    db->write([&] { store::Outbox(*db).enqueue(n, now); });
  }

  int sent_rows() {
    return db->sql().execAndGet("SELECT count(*) FROM outbox WHERE state = 'sent'").getInt();
  }

  /// Checks `done` every 10 ms on the loop until it holds (or 10 s pass), then runs `then`.
  /// Each pending wait holds the poll alive; nothing refers back to it, so it ends with the
  /// last wait.
  struct Poll : std::enable_shared_from_this<Poll> {
    Poll(boost::asio::io_context& io, std::function<bool()> d, std::function<void()> t)
        : timer(io), done(std::move(d)), then(std::move(t)) {}
    void arm() {
      timer.expires_after(10ms);
      timer.async_wait([self = shared_from_this()](const boost::system::error_code&) {
        if (self->done() || std::chrono::steady_clock::now() > self->deadline) {
          self->then();
          return;
        }
        self->arm();
      });
    }
    boost::asio::steady_timer timer;
    std::function<bool()> done;
    std::function<void()> then;
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::now() + 10s;
  };
  void when(std::function<bool()> done, std::function<void()> then) {
    std::make_shared<Poll>(io, std::move(done), std::move(then))->arm();
  }

  TempDir dir;
  std::unique_ptr<store::Database> db;
  std::string config_path;
  config::Snapshot config;
  boost::asio::io_context io;
  SystemClock clock;
  SystemdNotifier notifier;
};

TEST_F(DeliveryServiceTest, SendsWhatThePlannerWroteAndFollowsAReload) {
  auto daemon = Daemon::create(Runtime{io, *db, clock, notifier, config_path}, config);
  ASSERT_TRUE(daemon);
  DeliveryService delivery(io, *db, clock, config);
  std::map<std::string, int> results;  // "channel result" → count, across both dispatchers
  delivery.on_result([&](const std::string& channel, std::string_view result) {
    ++results[channel + " " + std::string(result)];
  });
  (*daemon)->add_service(delivery);
  int run = 0;
  (*daemon)->set_planner([&](const config::Config&, Instant now) -> Result<std::optional<Wake>> {
    enqueue("reminder/run" + std::to_string(++run), now);
    return std::optional<Wake>{};
  });

  boost::asio::post(io, [&] {
    when([&] { return sent_rows() == 1; },
         [&] {
           // The log channel moves to another file; the row the re-plan writes goes there.
           dir.write("rectifyd.toml", config_text(dir, "second.jsonl"));
           (*daemon)->reload();
           when([&] { return sent_rows() == 2; }, [&] { (*daemon)->stop(); });
         });
  });
  EXPECT_EQ((*daemon)->run(), 0);

  EXPECT_EQ(sent_rows(), 2);
  EXPECT_EQ(results, (std::map<std::string, int>{{"log sent", 2}}));
  std::string first = read_file(dir.file("first.jsonl"));
  std::string second = read_file(dir.file("second.jsonl"));
  EXPECT_NE(first.find("reminder/run1"), std::string::npos) << first;
  EXPECT_EQ(first.find("reminder/run2"), std::string::npos) << first;
  EXPECT_NE(second.find("reminder/run2"), std::string::npos) << second;
}

TEST_F(DeliveryServiceTest, StopLeavesUnsentRowsInTheOutbox) {
  // A row for a channel that no longer exists waits; stopping must not lose or send it.
  auto daemon = Daemon::create(Runtime{io, *db, clock, notifier, config_path}, config);
  ASSERT_TRUE(daemon);
  DeliveryService delivery(io, *db, clock, config);
  (*daemon)->add_service(delivery);
  store::NewNotification n;
  n.key = "reminder/orphan";
  n.kind = "reminder";
  n.channel = "gone";
  n.recipient = "王五";
  n.payload = boost::json::serialize(to_json(Message{}));
  n.not_before = clock.now();
  db->write([&] { store::Outbox(*db).enqueue(n, clock.now()); });
  boost::asio::post(io, [&] { (*daemon)->stop(); });
  EXPECT_EQ((*daemon)->run(), 0);
  EXPECT_EQ(db->sql().execAndGet("SELECT count(*) FROM outbox WHERE state = 'pending'").getInt(),
            1);
}

}  // namespace
}  // namespace rectifyd::app
