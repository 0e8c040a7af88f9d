// A full disk under the real daemon: the database lives on a small tmpfs the test mounts, the
// test fills it, and then: rectifyd keeps running and answering reads, an API write is refused
// with a clear error and changes nothing, the office hears of it through its webhook (the outbox
// is on the full disk), and once the test frees the space the daemon goes on by itself: the
// write goes through, the office hears that it is over, and every message that was queued is
// delivered.

#include <netinet/in.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "child_process.h"
#include "http_sink.h"
#include "notify_socket.h"
#include "temp_dir.h"

namespace rectifyd::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kToken = "full-disk-token-31c9d7";
constexpr const char* kWhsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

std::vector<std::string> child_env(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> env{"LANG=C.UTF-8", "USER=office"};
  for (const char* name : {"PATH", "TZDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (const char* v = std::getenv(name))
      env.push_back(std::string(name) + "=" + v);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

/// Waits for `done` to hold, looking every 50 ms until `limit`; the condition is what the test
/// waits for (the daemon works on its own clock), not a guess at how long it takes.
bool eventually(const std::function<bool()>& done, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done())
      return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

/// Writes until the file system refuses; returns the bytes written.
std::size_t fill(const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  const std::string chunk(16 * 1024, 'x');
  std::size_t written = 0;
  while (out.write(chunk.data(), static_cast<std::streamsize>(chunk.size())) && out.flush())
    written += chunk.size();
  return written;
}

class FullDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    disk_ = dir_.file("disk");
    fs::create_directories(disk_);
    if (::mount("tmpfs", disk_.c_str(), "tmpfs", 0, "size=6m,mode=0755") != 0) {
      const int err = errno;
      GTEST_SKIP() << "cannot mount a tmpfs at " << disk_ << " (" << std::strerror(err)
                   << "): the full-disk test needs root with CAP_SYS_ADMIN";
    }
    mounted_ = true;
  }
  void TearDown() override {
    if (mounted_)
      ::umount2(disk_.c_str(), MNT_DETACH);
  }

  int ctl(const std::vector<std::string>& args) {
    std::vector<std::string> all{"--url", "http://127.0.0.1:" + std::to_string(port_),
                                 "--token-file", dir_.file("token")};
    all.insert(all.end(), args.begin(), args.end());
    return run_program(RECTIFYCTL_PATH, all, child_env(), dir_.path().string(),
                       dir_.file("ctl.out"), dir_.file("ctl.err"));
  }

  TempDir dir_;
  std::string disk_;
  bool mounted_ = false;
  int port_ = 0;
};

std::set<std::string> outbox_keys(const std::string& db, const char* where) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  SQLite::Statement q(d, std::string("SELECT idempotency_key FROM outbox WHERE ") + where);
  std::set<std::string> out;
  while (q.executeStep())
    out.insert(q.getColumn(0).getString());
  return out;
}

long long scalar(const std::string& db, const std::string& sql) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  return d.execAndGet(sql).getInt64();
}

/// The rows of `keys` that are not sent: key, state, not_before, attempts, last error.
std::string unsent(const std::string& db, const std::set<std::string>& keys) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  SQLite::Statement q(d,
                      "SELECT idempotency_key, state, not_before, attempts, last_error "
                      "FROM outbox WHERE state != 'sent'");
  std::string out;
  while (q.executeStep()) {
    if (!keys.contains(q.getColumn(0).getString()))
      continue;
    out += q.getColumn(0).getString() + " " + q.getColumn(1).getString() + " not_before " +
           q.getColumn(2).getString() + " attempts " + q.getColumn(3).getString() + " " +
           q.getColumn(4).getString() + "\n";
  }
  return out;
}

bool office_heard(HttpSink& sink, const std::string& subject) {
  for (const auto& r : sink.requests("/generic/office")) {
    auto body = boost::json::parse(r.at("body").as_string());
    if (body.as_object().at("subject").as_string() == subject)
      return true;
  }
  return false;
}

TEST_F(FullDisk, DaemonRefusesWritesTellsTheOfficeAndGoesOnWhenSpaceReturns) {
  const std::string db = disk_ + "/r.db";
  ASSERT_EQ(run_program(RECTIFYCTL_PATH, {"--db", db, "import", "demo"}, child_env(),
                        dir_.path().string(), dir_.file("ctl.out"), dir_.file("ctl.err")),
            0)
      << read_file(dir_.file("ctl.err"));

  HttpSink sink(dir_.path().string());
  // Messages to people are refused for now, so they stay queued through the whole test.
  std::string busy = "[";
  for (int i = 0; i < 2000; ++i)
    busy += std::string(i ? "," : "") + R"({"status": 503, "headers": {"Retry-After": "1"}})";
  sink.script("/generic/people", busy + "]");

  dir_.write("token", std::string(kToken) + "\n");
  port_ = free_port();
  const std::string config = dir_.write(
      "rectifyd.toml",
      "[[channel]]\nid = \"people\"\ntype = \"generic\"\nurl = \"" + sink.url("/generic/people") +
          "\"\nsecret = \"" + kWhsec +
          "\"\n\n[[channel]]\nid = \"office\"\ntype = \"generic\"\nurl = \"" +
          sink.url("/generic/office") + "\"\nsecret = \"" + kWhsec +
          "\"\n\n[routing]\npersonal = [\"people\"]\ngroup = [\"people\"]\noffice = "
          "[\"office\"]\n\n[delivery]\nretry_base = \"1s\"\nretry_max = \"2s\"\n\n[admin]\n"
          "listen = \"127.0.0.1:" +
          std::to_string(port_) + "\"\ntoken = { file = \"" + dir_.file("token") +
          "\" }\n\n[backup]\nenabled = false\n\n[store]\npath = \"" + db + "\"\n");

  NotifySocket notify{dir_.file("notify.sock")};
  ChildProcess daemon(RECTIFYD_PROGRAM, {"--config", config},
                      child_env({"NOTIFY_SOCKET=" + notify.path()}), dir_.path().string(),
                      dir_.file("daemon.out"), dir_.file("daemon.err"));
  ASSERT_TRUE(notify.wait_for_line("READY=1", 30s)) << read_file(dir_.file("daemon.err"));
  // Something queued for people: the next meeting's notice, sent now (whatever the time of day).
  ASSERT_EQ(ctl({"--json", "meeting", "list"}), 0) << read_file(dir_.file("ctl.err"));
  const auto listed = boost::json::parse(read_file(dir_.file("ctl.out")));
  const auto& meetings =
      listed.as_object().contains("items") ? listed.at("items") : listed.at("meetings");
  const std::string next_meeting(meetings.at(0).at("key").as_string());
  ASSERT_EQ(ctl({"meeting", "notice", next_meeting}), 0) << read_file(dir_.file("ctl.err"));
  ASSERT_TRUE(eventually([&] { return !sink.requests("/generic/people").empty(); }, 30s))
      << "the meeting notice did not go out";
  // Rows due now (a row planned for later is not expected within this test's minutes).
  const std::set<std::string> queued = outbox_keys(
      db, "recipient != 'office' AND not_before <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
  ASSERT_FALSE(queued.empty());
  long long progress_before = scalar(db, "SELECT progress FROM measures WHERE id = 3");

  // Empty the WAL (so that every write needs new space), then fill the disk.
  {
    SQLite::Database d(db, SQLite::OPEN_READWRITE);
    d.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  const std::string filler = disk_ + "/filler";
  fill(filler);

  // An API write is refused with a clear error (the first few may still fit in what is left).
  // Each try reports a new figure, so a write that still fitted shows as such.
  int tries = 0;
  ASSERT_TRUE(eventually(
      [&] {
        const long long figure = 50 + (++tries % 50);
        if (ctl({"measure", "progress", "3", std::to_string(figure)}) == 0) {
          progress_before = figure;
          return false;
        }
        return read_file(dir_.file("ctl.err")).find("磁盘已满") != std::string::npos;
      },
      30s))
      << read_file(dir_.file("ctl.err"));
  EXPECT_EQ(scalar(db, "SELECT progress FROM measures WHERE id = 3"), progress_before);

  // The office is told without the disk, and the daemon keeps answering.
  ASSERT_TRUE(
      eventually([&] { return office_heard(sink, "数据库磁盘已满，修改暂时无法保存"); }, 30s))
      << read_file(dir_.file("daemon.err"));
  ASSERT_EQ(ctl({"--json", "stats"}), 0) << read_file(dir_.file("ctl.err"));
  ASSERT_TRUE(daemon.running());

  // Space returns: the daemon notices by itself, says so, and writes go through.
  fs::remove(filler);
  ASSERT_TRUE(eventually([&] { return office_heard(sink, "数据库磁盘空间已恢复"); }, 30s))
      << read_file(dir_.file("daemon.err"));
  ASSERT_EQ(ctl({"measure", "progress", "3", "77"}), 0) << read_file(dir_.file("ctl.err"));
  EXPECT_EQ(scalar(db, "SELECT progress FROM measures WHERE id = 3"), 77);

  // Nothing queued was lost: the people's endpoint now answers, and every message goes out.
  sink.clear();
  ASSERT_TRUE(eventually(
      [&] {
        const auto sent = outbox_keys(db, "state = 'sent'");
        for (const auto& k : queued) {
          if (!sent.contains(k))
            return false;
        }
        return true;
      },
      120s))
      << "messages queued before the disk filled were not all sent:\n"
      << unsent(db, queued) << read_file(dir_.file("daemon.err"));
  const auto all = outbox_keys(db, "1");
  for (const auto& k : queued)
    EXPECT_TRUE(all.contains(k)) << k;

  daemon.signal(SIGTERM);
  ASSERT_EQ(daemon.wait(30s), 0) << read_file(dir_.file("daemon.err"));
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  EXPECT_EQ(d.execAndGet("PRAGMA integrity_check").getString(), "ok");
}

}  // namespace
}  // namespace rectifyd::testing
