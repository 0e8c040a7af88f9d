// 10,000 notifications to a real HTTP sink while the delivery driver is killed with SIGKILL at
// random moments and started again: nothing may be lost, and every duplicate must carry the
// idempotency key of its original.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <thread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

#include "core/dates.h"
#include "core/message.h"
#include "http_sink.h"
#include "store/outbox.h"
#include "temp_dir.h"

namespace rectifyd::notify {
namespace {

constexpr int kNotifications = 10000;
constexpr int kKills = 20;
constexpr const char* kWhsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

pid_t spawn_driver(const std::string& db, const std::string& url) {
  pid_t pid = fork();
  if (pid == 0) {
    std::string exe = std::string(RECTIFYD_BINARY_DIR) + "/tests/notify/outbox_driver";
    execl(exe.c_str(), exe.c_str(), db.c_str(), url.c_str(), kWhsec, static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

TEST(Crash, KilledDriverLosesNothingAndDuplicatesKeepTheirKey) {
  rectifyd::testing::TempDir dir;
  rectifyd::testing::HttpSink sink(dir.path().string(), {kWhsec, "", ""});
  auto db_path = dir.file("crash.db");
  {
    auto db = store::Database::open(db_path);
    ASSERT_TRUE(db);
    store::Outbox out(**db);
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    (*db)->write([&] {
      for (int i = 0; i < kNotifications; ++i) {
        Message m;
        m.kind = "reminder";
        m.subject = "通知 " + std::to_string(i);
        m.text = "整改提醒第 " + std::to_string(i) + " 条";
        out.enqueue({"crash/" + std::to_string(i), "reminder", "hook", "张三", m.subject,
                     boost::json::serialize(to_json(m)), now, false},
                    now);
      }
    });
  }

  std::mt19937 rng(20261201);
  std::uniform_int_distribution<int> pause_ms(30, 450);
  int kills = 0;
  int exited_early = 0;
  auto started = std::chrono::steady_clock::now();
  for (int k = 0; k < kKills; ++k) {
    pid_t pid = spawn_driver(db_path, sink.url("/generic/crash"));
    // Killing at a random moment is what this test is about; it is not a scheduling decision.
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(rng)));
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      ++exited_early;  // the outbox was already empty
      continue;
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    ++kills;
  }
  pid_t pid = spawn_driver(db_path, sink.url("/generic/crash"));
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);

  std::map<std::string, int> received;
  int bad_signatures = 0;
  int mismatched_keys = 0;
  for (const auto& r : sink.requests("/generic/crash")) {
    const auto& h = r.at("headers").as_object();
    std::string key(h.at("webhook-id").as_string());
    auto body = boost::json::parse(r.at("body").as_string()).as_object();
    // A duplicate must carry its original's key: the key names the same notification as the
    // content does.
    std::string subject(body.at("subject").as_string());
    if (body.at("id").as_string() != key || h.at("idempotency-key").as_string() != key ||
        "crash/" + subject.substr(std::string("通知 ").size()) != key)
      ++mismatched_keys;
    if (r.at("verified") != true)
      ++bad_signatures;
    received[key]++;
  }
  int lost = 0;
  int duplicated = 0;
  for (int i = 0; i < kNotifications; ++i) {
    auto it = received.find("crash/" + std::to_string(i));
    if (it == received.end())
      ++lost;
    else
      duplicated += it->second - 1;
  }
  std::printf(
      "crash test: %d notifications, %d kills (%d runs found nothing left), lost %d, "
      "duplicated %d, %d ms\n",
      kNotifications, kills, exited_early, lost, duplicated, static_cast<int>(elapsed.count()));
  EXPECT_EQ(lost, 0);
  EXPECT_EQ(mismatched_keys, 0);
  EXPECT_EQ(bad_signatures, 0);
  EXPECT_GT(kills, 0);
  EXPECT_EQ(received.size(), static_cast<std::size_t>(kNotifications));

  auto db = store::Database::open(db_path);
  ASSERT_TRUE(db);
  EXPECT_EQ(store::Outbox(**db).counts()[store::OutboxState::sent], kNotifications);
}

}  // namespace
}  // namespace rectifyd::notify
