// A backup taken while the real dispatcher delivers, restored after delivery finished, then
// delivered from again: nothing in the outbox is lost, and what is sent a second time (the rows
// not yet sent when the copy was taken) carries the idempotency key of its first sending, so the
// receiver can drop it.

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <optional>
#include <thread>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

#include "core/dates.h"
#include "core/message.h"
#include "http_sink.h"
#include "store/backup.h"
#include "store/outbox.h"
#include "temp_dir.h"

namespace rectifyd::notify {
namespace {

constexpr int kNotifications = 3000;
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

int finish(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(BackupDuringDelivery, RestoredOutboxLosesNothingAndResendsKeepTheirKeys) {
  rectifyd::testing::TempDir dir;
  rectifyd::testing::HttpSink sink(dir.path().string(), {kWhsec, "", ""});
  const std::string db_path = dir.file("live.db");
  const Instant now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  auto db = store::Database::open(db_path);
  ASSERT_TRUE(db);
  // The outbox's prepared statements must be gone before the database is closed for the restore.
  auto outbox_holder = std::make_optional<store::Outbox>(**db);
  store::Outbox& outbox = *outbox_holder;
  (*db)->write([&] {
    for (int i = 0; i < kNotifications; ++i) {
      Message m;
      m.kind = "reminder";
      m.subject = "通知 " + std::to_string(i);
      m.text = "整改提醒第 " + std::to_string(i) + " 条";
      outbox.enqueue({"backup/" + std::to_string(i), "reminder", "hook", "张三", m.subject,
                      boost::json::serialize(to_json(m)), now, false},
                     now);
    }
  });

  // Copy while the dispatcher is part-way through (waiting for that is the test's condition,
  // not a timing guess: the copy is taken once some rows are sent, whenever that is).
  const pid_t pid = spawn_driver(db_path, sink.url("/generic/backup"));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{60};
  while (outbox.counts()[store::OutboxState::sent] < kNotifications / 10 &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds{2});
  auto copy = store::write_backup(**db, dir.file("during.db"), now);
  ASSERT_TRUE(copy) << copy.error().message;
  ASSERT_EQ(finish(pid), 0);
  const long long unsent_in_copy = copy->counts.outbox_waiting;
  std::printf("backup during delivery: %lld of %d rows not yet sent in the copy\n", unsent_in_copy,
              kNotifications);
  EXPECT_GT(unsent_in_copy, 0) << "the copy was taken after delivery had finished";
  EXPECT_LT(unsent_in_copy, kNotifications);

  // Restore the copy (the dispatcher is stopped) and deliver from it.
  outbox_holder.reset();
  db->reset();
  auto restored = store::restore_backup(dir.file("during.db"), db_path, now);
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(restored->restored.counts.outbox_waiting, unsent_in_copy);
  ASSERT_EQ(finish(spawn_driver(db_path, sink.url("/generic/backup"))), 0);

  std::map<std::string, int> received;
  int mismatched_keys = 0;
  for (const auto& r : sink.requests("/generic/backup")) {
    const auto& h = r.at("headers").as_object();
    const std::string key(h.at("webhook-id").as_string());
    auto body = boost::json::parse(r.at("body").as_string()).as_object();
    const std::string subject(body.at("subject").as_string());
    if (body.at("id").as_string() != key || h.at("idempotency-key").as_string() != key ||
        "backup/" + subject.substr(std::string("通知 ").size()) != key)
      ++mismatched_keys;
    received[key]++;
  }
  int lost = 0;
  long long duplicated = 0;
  for (int i = 0; i < kNotifications; ++i) {
    auto it = received.find("backup/" + std::to_string(i));
    if (it == received.end())
      ++lost;
    else
      duplicated += it->second - 1;
  }
  EXPECT_EQ(lost, 0);
  EXPECT_EQ(mismatched_keys, 0);
  // Only rows the copy had not seen sent go out again.
  EXPECT_LE(duplicated, unsent_in_copy);

  auto after = store::Database::open(db_path);
  ASSERT_TRUE(after);
  EXPECT_EQ(store::Outbox(**after).counts()[store::OutboxState::sent], kNotifications);
}

}  // namespace
}  // namespace rectifyd::notify
