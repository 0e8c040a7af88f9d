// One rule, every front end: the same office action through rectifyctl on the database file
// and through a running rectifyd's admin API (rectifyctl --url) gets the same answer, because
// both call the application layer (office/). Real programs, a real SQLite file, loopback HTTP.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <date/date.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "child_process.h"
#include "notify_socket.h"
#include "temp_dir.h"

namespace rectifyd::testing {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> child_env() {
  std::vector<std::string> env{"LANG=C.UTF-8", "USER=办公室"};
  for (const char* name : {"PATH", "TZDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (const char* v = std::getenv(name))
      env.push_back(std::string(name) + "=" + v);
  }
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

struct Outcome {
  int status = 0;
  std::string out;
  std::string err;
};

class FrontEndsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("token", "tok-front-ends-51d0\n");
    const int port = free_port();
    url = "http://127.0.0.1:" + std::to_string(port);
    config = dir.write("rectifyd.toml",
                       "[store]\npath = \"" + dir.file("r.db") +
                           "\"\n[admin]\nlisten = \"127.0.0.1:" + std::to_string(port) +
                           "\"\ntoken = { file = \"" + dir.file("token") +
                           "\" }\n[[channel]]\nid = \"log\"\ntype = \"log\"\npath = \"" +
                           dir.file("messages.jsonl") + "\"\n");
    notify = std::make_unique<NotifySocket>(dir.file("notify.sock"));
    daemon = std::make_unique<ChildProcess>(
        RECTIFYD_PROGRAM, std::vector<std::string>{"--config", config},
        [&] {
          auto env = child_env();
          env.push_back("NOTIFY_SOCKET=" + notify->path());
          return env;
        }(),
        dir.path().string(), dir.file("daemon.out"), dir.file("daemon.err"));
    ASSERT_TRUE(notify->wait_for_line("READY=1", 30s)) << read_file(dir.file("daemon.err"));
  }

  void TearDown() override {
    daemon->signal(SIGTERM);
    EXPECT_EQ(daemon->wait(30s), 0) << read_file(dir.file("daemon.err"));
  }

  Outcome run(std::vector<std::string> args) {
    Outcome o;
    o.status = run_program(RECTIFYCTL_PATH, args, child_env(), dir.path().string(),
                           dir.file("ctl.out"), dir.file("ctl.err"));
    o.out = read_file(dir.file("ctl.out"));
    o.err = read_file(dir.file("ctl.err"));
    return o;
  }
  /// On the database file.
  Outcome local(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", dir.file("r.db"), "--config", config});
    return run(std::move(args));
  }
  /// Through the daemon.
  Outcome remote(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", url, "--token-file", dir.file("token")});
    return run(std::move(args));
  }

  Outcome via(bool through_daemon, std::vector<std::string> args) {
    return through_daemon ? remote(std::move(args)) : local(std::move(args));
  }

  /// The coming meetings' days, from rectifyctl meeting list --json.
  std::vector<std::string> meeting_days() {
    auto o = local({"--json", "meeting", "list", "--weeks", "8"});
    EXPECT_EQ(o.status, 0) << o.err;
    std::vector<std::string> days;
    auto v = boost::json::parse(o.out);
    for (const auto& m : v.at("meetings").as_array()) {
      if (m.at("status") == "regular")
        days.emplace_back(m.at("day").as_string());
    }
    return days;
  }

  static std::string plus_days(const std::string& day, int n) {
    std::istringstream in(day);
    date::local_days d;
    in >> date::parse("%F", d);
    return date::format("%F", d + date::days{n});
  }
  static std::string saturday_of(const std::string& day) {
    std::istringstream in(day);
    date::local_days d;
    in >> date::parse("%F", d);
    return date::format("%F", d + (date::Saturday - date::weekday{d}));
  }

  int count(const std::string& sql) {
    SQLite::Database db(dir.file("r.db"));
    return db.execAndGet(sql).getInt();
  }

  TempDir dir;
  std::string url;
  std::string config;
  std::unique_ptr<NotifySocket> notify;
  std::unique_ptr<ChildProcess> daemon;
};

TEST_F(FrontEndsTest, AnUnknownTimeZoneIsRefusedByBoth) {
  for (bool through_daemon : {false, true}) {
    auto o =
        via(through_daemon, {"people", "add", "甲", "--roles", "owner", "--tz", "Mars/Olympus"});
    EXPECT_EQ(o.status, 1) << o.err;
    EXPECT_NE(o.err.find("未知时区“Mars/Olympus”"), std::string::npos) << o.err;
  }
  EXPECT_EQ(count("SELECT count(*) FROM people WHERE name = '甲'"), 0);
  EXPECT_EQ(local({"people", "add", "甲", "--roles", "owner", "--tz", "Europe/Berlin"}).status, 0);
  auto taken = remote({"people", "add", "甲", "--roles", "owner"});
  EXPECT_EQ(taken.status, 4) << taken.err;  // a conflict, as the local command says
  EXPECT_EQ(local({"people", "add", "甲", "--roles", "owner"}).status, 4);
}

TEST_F(FrontEndsTest, ACancelledMeetingCannotBeMovedByEither) {
  const auto days = meeting_days();
  ASSERT_GE(days.size(), 3u);
  const std::string day = days[2];
  ASSERT_EQ(local({"meeting", "cancel", day, "--note", "与全区会议冲突"}).status, 0);
  for (bool through_daemon : {false, true}) {
    auto o = via(through_daemon, {"meeting", "move", day, "--to", plus_days(day, -1) + " 10:00"});
    EXPECT_EQ(o.status, 4) << o.err;
    EXPECT_NE(o.err.find("已经取消，不能改期"), std::string::npos) << o.err;
  }
  EXPECT_EQ(count("SELECT count(*) FROM meeting_overrides"), 1);
}

TEST_F(FrontEndsTest, BothWarnAboutANonWorkingDay) {
  const auto days = meeting_days();
  ASSERT_GE(days.size(), 4u);
  const std::string day = days[3];
  const std::string saturday = saturday_of(day);
  auto l = local({"meeting", "move", day, "--to", saturday + " 10:00"});
  EXPECT_EQ(l.status, 0) << l.err;
  EXPECT_NE(l.err.find("不是工作日"), std::string::npos) << l.err;
  auto r = remote({"meeting", "move", day, "--to", plus_days(saturday, 1) + " 10:00"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("不是工作日"), std::string::npos) << r.err;
  EXPECT_EQ(count("SELECT count(*) FROM meeting_overrides WHERE action = 'move'"), 2);
}

TEST_F(FrontEndsTest, TheNoticeNowIsThePlannedNoticeWhicheverAsks) {
  const auto days = meeting_days();
  ASSERT_GE(days.size(), 2u);
  const std::string day = days[1];
  auto r = remote({"meeting", "notice", day});
  ASSERT_EQ(r.status, 0) << r.err;
  // The daemon's planner sends it on the run the request wakes.
  const std::string rows =
      "SELECT count(*) FROM outbox WHERE kind = 'meeting_notice' AND "
      "idempotency_key LIKE 'meeting.notice/" +
      day + "/seq%'";
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (count(rows) == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  EXPECT_GT(count(rows), 0) << read_file(dir.file("daemon.err"));
  // Announced now: asking again is refused by both, and nothing more is queued.
  const int queued = count(rows);
  for (bool through_daemon : {false, true}) {
    auto o = via(through_daemon, {"meeting", "notice", day});
    EXPECT_EQ(o.status, 4) << o.err;
    EXPECT_NE(o.err.find("通知已经发出"), std::string::npos) << o.err;
  }
  EXPECT_EQ(count(rows), queued);
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action = 'meeting.notice'"), 1);
}

TEST_F(FrontEndsTest, ListingsAreTheSameWhicheverAnswers) {
  ASSERT_EQ(local({"import", "demo"}).status, 0);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"people", "list"},
                                               {"--json", "people", "list"},
                                               {"ledger", "list"},
                                               {"--json", "ledger", "list", "--status", "open"},
                                               {"measure", "show", "2"},
                                               {"stats"},
                                               {"--json", "stats"},
                                               {"meeting", "list"},
                                               {"--json", "meeting", "list"},
                                               {"config", "show"}}) {
    auto l = local(args);
    auto r = remote(args);
    EXPECT_EQ(l.status, 0) << l.err;
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(l.out, r.out) << args.front() << " " << args.at(1);
    EXPECT_FALSE(r.out.empty());
  }
}

TEST_F(FrontEndsTest, JsonFollowsTheSubcommandAndNumbersReadAsNumbers) {
  ASSERT_EQ(local({"import", "demo"}).status, 0);
  auto o = local({"stats", "--json"});
  ASSERT_EQ(o.status, 0) << o.err;
  auto v = boost::json::parse(o.out);
  EXPECT_TRUE(v.is_object());
  EXPECT_EQ(o.out.find("E0"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("E-"), std::string::npos) << o.out;
}

}  // namespace
}  // namespace rectifyd::testing
