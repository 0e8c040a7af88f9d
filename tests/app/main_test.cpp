// The real rectifyd program, run as systemd would: NOTIFY_SOCKET, WATCHDOG_USEC, signals.

#include <csignal>
#include <cstdlib>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "child_process.h"
#include "notify_socket.h"
#include "temp_dir.h"

namespace rectifyd::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto kEventTimeout = 20s;  // generous for sanitizer builds; normally milliseconds

std::vector<std::string> child_env(const std::vector<std::string>& extra) {
  std::vector<std::string> env{"LANG=C.UTF-8"};
  for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TZDIR"}) {
    if (const char* v = std::getenv(name))
      env.push_back(std::string(name) + "=" + v);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::string good_config(const TempDir& dir, const std::string& unit_name) {
  return "[unit]\nname = \"" + unit_name +
         "\"\n"
         "time_zone = \"Asia/Shanghai\"\n"
         "[store]\npath = \"" +
         dir.file("rectifyd.db") +
         "\"\n"
         "[log]\nlevel = \"debug\"\n"
         "[admin]\nenabled = false\n";
}

/// A file whose third line has an unknown weekday at column 11.
constexpr const char* kBrokenConfig =
    "[unit]\n"
    "[meeting]\n"
    "weekday = \"fryday\"\n";

int count_reload_audit_rows(const std::string& db_path) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM audit WHERE action = 'config.reload'").getInt();
}

class RectifydProgram : public ::testing::Test {
 protected:
  std::unique_ptr<ChildProcess> start(const std::vector<std::string>& args) {
    return std::make_unique<ChildProcess>(
        RECTIFYD_PROGRAM, args,
        child_env({"NOTIFY_SOCKET=" + notify.path(), "WATCHDOG_USEC=200000"}), dir.path().string(),
        dir.file("stdout.txt"), dir.file("stderr.txt"));
  }
  std::string log() const { return read_file(dir.file("stderr.txt")); }

  TempDir dir;
  NotifySocket notify{dir.file("notify.sock")};
};

TEST_F(RectifydProgram, NotifiesReadyWatchdogReloadAndStop) {
  auto config = dir.write("rectifyd.toml", good_config(dir, "甲单位"));
  auto p = start({"--config", config});

  auto ready = notify.wait_for_line("READY=1", kEventTimeout);
  ASSERT_TRUE(ready) << log();
  EXPECT_NE(ready->find("STATUS=next: "), std::string::npos) << *ready;

  // WATCHDOG_USEC=200000: a ping every 100 ms from the loop.
  ASSERT_TRUE(notify.wait_for_line("WATCHDOG=1", kEventTimeout)) << log();
  ASSERT_TRUE(notify.wait_for_line("WATCHDOG=1", kEventTimeout)) << log();

  dir.write("rectifyd.toml", good_config(dir, "乙单位"));
  p->signal(SIGHUP);
  auto reloading = notify.wait_for_line("RELOADING=1", kEventTimeout);
  ASSERT_TRUE(reloading) << log();
  EXPECT_NE(reloading->find("MONOTONIC_USEC="), std::string::npos) << *reloading;
  auto ready_again = notify.wait_for_line("READY=1", kEventTimeout);
  ASSERT_TRUE(ready_again) << log();
  EXPECT_EQ(ready_again->find("refused"), std::string::npos) << *ready_again;

  // The loop keeps pinging after the reload.
  ASSERT_TRUE(notify.wait_for_line("WATCHDOG=1", kEventTimeout)) << log();

  p->signal(SIGTERM);
  ASSERT_TRUE(notify.wait_for_line("STOPPING=1", kEventTimeout)) << log();
  EXPECT_EQ(p->wait(kEventTimeout), 0) << log();

  EXPECT_EQ(count_reload_audit_rows(dir.file("rectifyd.db")), 1);
}

TEST_F(RectifydProgram, BrokenReloadKeepsRunningOnTheOldConfig) {
  auto config = dir.write("rectifyd.toml", good_config(dir, "甲单位"));
  auto p = start({"--config", config});
  ASSERT_TRUE(notify.wait_for_line("READY=1", kEventTimeout)) << log();

  dir.write("rectifyd.toml", kBrokenConfig);
  p->signal(SIGHUP);
  ASSERT_TRUE(notify.wait_for_line("RELOADING=1", kEventTimeout)) << log();
  auto ready = notify.wait_for_line("READY=1", kEventTimeout);
  ASSERT_TRUE(ready) << log();
  EXPECT_NE(ready->find("reload refused"), std::string::npos) << *ready;

  // Still alive and pinging on the old configuration.
  ASSERT_TRUE(notify.wait_for_line("WATCHDOG=1", kEventTimeout)) << log();
  EXPECT_TRUE(p->running());

  p->signal(SIGTERM);
  EXPECT_EQ(p->wait(kEventTimeout), 0) << log();
  std::string text = log();
  EXPECT_NE(text.find(config + ":3:11: meeting.weekday"), std::string::npos) << text;
  EXPECT_NE(text.find("still running on the previous configuration"), std::string::npos) << text;
  EXPECT_EQ(count_reload_audit_rows(dir.file("rectifyd.db")), 0);

  // The office was told through the outbox; the default `log` channel prints to stdout.
  SQLite::Database db(dir.file("rectifyd.db"), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM outbox WHERE kind = 'config_error' AND "
                          "recipient = 'office' AND channel = 'log'")
                .getInt(),
            1);
  std::string out = read_file(dir.file("stdout.txt"));
  EXPECT_NE(out.find("配置重新加载失败，仍按原配置运行"), std::string::npos) << out;
}

TEST_F(RectifydProgram, RefusesToStartOnABrokenConfig) {
  auto config = dir.write("rectifyd.toml", kBrokenConfig);
  auto p = start({"--config", config});
  EXPECT_EQ(p->wait(kEventTimeout), 1);
  EXPECT_NE(log().find(config + ":3:11:"), std::string::npos) << log();
  for (const auto& d : notify.received())
    EXPECT_FALSE(has_line(d, "READY=1")) << d;
}

TEST_F(RectifydProgram, CheckConfigPrintsEveryErrorWithItsLocation) {
  auto config = dir.write("bad.toml",
                          "[meeting]\n"
                          "weekday = \"fryday\"\n"
                          "start = \"25:00\"\n");
  int status = run_program(RECTIFYD_PROGRAM, {"--check-config", config}, child_env({}),
                           dir.path().string(), dir.file("out.txt"), dir.file("err.txt"));
  EXPECT_EQ(status, 1);
  std::string err = read_file(dir.file("err.txt"));
  EXPECT_NE(err.find(config + ":2:11: meeting.weekday"), std::string::npos) << err;
  EXPECT_NE(err.find(config + ":3:9: meeting.start"), std::string::npos) << err;
  EXPECT_EQ(read_file(dir.file("out.txt")).find("config OK"), std::string::npos);
}

TEST_F(RectifydProgram, CheckConfigAcceptsAGoodFile) {
  auto config = dir.write("good.toml", good_config(dir, "甲单位"));
  int status = run_program(RECTIFYD_PROGRAM, {"--check-config", config}, child_env({}),
                           dir.path().string(), dir.file("out.txt"), dir.file("err.txt"));
  EXPECT_EQ(status, 0) << read_file(dir.file("err.txt"));
  EXPECT_NE(read_file(dir.file("out.txt")).find("配置有效 / config OK"), std::string::npos);
}

TEST_F(RectifydProgram, DemoRunsInTheWorkingDirectory) {
  auto p = start({"--demo"});
  ASSERT_TRUE(notify.wait_for_line("READY=1", kEventTimeout)) << log();
  p->signal(SIGINT);
  EXPECT_EQ(p->wait(kEventTimeout), 0) << log();
  EXPECT_TRUE(std::filesystem::exists(dir.file("rectifyd-demo.db")));
  EXPECT_NE(log().find("config:    (embedded default)"), std::string::npos) << log();
}

TEST_F(RectifydProgram, StartupSummaryNamesChannelsButNoSecrets) {
  auto config = dir.write(
      "rectifyd.toml",
      good_config(dir, "甲单位") +
          "[[channel]]\nid = \"log\"\ntype = \"log\"\n"
          "[[channel]]\nid = \"office-robot\"\ntype = \"wecom\"\n"
          "url = \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETKEY123\"\n");
  auto p = start({"--config", config});
  ASSERT_TRUE(notify.wait_for_line("READY=1", kEventTimeout)) << log();
  p->signal(SIGTERM);
  EXPECT_EQ(p->wait(kEventTimeout), 0) << log();
  std::string text = log();
  EXPECT_NE(text.find("channels:  log (log), office-robot (wecom)"), std::string::npos) << text;
  EXPECT_NE(text.find("unit:      甲单位"), std::string::npos) << text;
  EXPECT_NE(text.find("ledger:    0 problems, 0 measures"), std::string::npos) << text;
  EXPECT_EQ(text.find("SECRETKEY123"), std::string::npos) << text;
}

}  // namespace
}  // namespace rectifyd::testing
