// rectifyctl --url: the real rectifyctl talks to the real rectifyd's admin API, so edits go
// through the daemon (and its audit log) instead of the database file.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "child_process.h"
#include "notify_socket.h"
#include "temp_dir.h"

namespace rectifyd::testing {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> child_env(const std::vector<std::string>& extra) {
  std::vector<std::string> env{"LANG=C.UTF-8"};
  for (const char* name : {"PATH", "TZDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (const char* v = std::getenv(name))
      env.push_back(std::string(name) + "=" + v);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

/// A loopback port that was free a moment ago (the kernel picks it).
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

TEST(RemoteCtl, EditsGoThroughTheDaemonWithTheToken) {
  TempDir dir;
  const std::string token = "tok-7c1e9a55f0d2";
  dir.write("token", token + "\n");
  dir.write("wrong-token", "not-the-token\n");
  const int port = free_port();
  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  auto config =
      dir.write("rectifyd.toml", "[store]\npath = \"" + dir.file("r.db") +
                                     "\"\n[admin]\nlisten = \"127.0.0.1:" + std::to_string(port) +
                                     "\"\ntoken = { file = \"" + dir.file("token") + "\" }\n");
  NotifySocket notify{dir.file("notify.sock")};
  ChildProcess daemon(RECTIFYD_PROGRAM, {"--config", config},
                      child_env({"NOTIFY_SOCKET=" + notify.path()}), dir.path().string(),
                      dir.file("daemon.out"), dir.file("daemon.err"));
  ASSERT_TRUE(notify.wait_for_line("READY=1", 20s)) << read_file(dir.file("daemon.err"));

  auto ctl = [&](const std::string& token_file, const std::vector<std::string>& args) {
    std::vector<std::string> all{"--url", url, "--token-file", dir.file(token_file)};
    all.insert(all.end(), args.begin(), args.end());
    return run_program(RECTIFYCTL_PATH, all, child_env({"USER=office"}), dir.path().string(),
                       dir.file("ctl.out"), dir.file("ctl.err"));
  };

  ASSERT_EQ(ctl("token", {"people", "add", "张三", "--roles", "owner"}), 0)
      << read_file(dir.file("ctl.err"));
  ASSERT_EQ(ctl("token", {"--json", "people", "list"}), 0) << read_file(dir.file("ctl.err"));
  EXPECT_NE(read_file(dir.file("ctl.out")).find("张三"), std::string::npos)
      << read_file(dir.file("ctl.out"));

  ASSERT_EQ(ctl("token", {"--json", "stats"}), 0) << read_file(dir.file("ctl.err"));
  auto stats = boost::json::parse(read_file(dir.file("ctl.out")));
  ASSERT_TRUE(stats.is_object());
  EXPECT_TRUE(stats.as_object().contains("completion_rate")) << stats;

  // A wrong token is refused, and nothing is written.
  EXPECT_NE(ctl("wrong-token", {"people", "add", "李四", "--roles", "owner"}), 0);
  EXPECT_EQ(read_file(dir.file("ctl.err")).find(token), std::string::npos);

  daemon.signal(SIGTERM);
  ASSERT_EQ(daemon.wait(20s), 0) << read_file(dir.file("daemon.err"));

  // The edit went through the daemon: the person is in its database with an audit row.
  SQLite::Database db(dir.file("r.db"));
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM people WHERE name = '张三'").getInt(), 1);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM people WHERE name = '李四'").getInt(), 0);
  EXPECT_GE(db.execAndGet("SELECT count(*) FROM audit WHERE after LIKE '%张三%'").getInt(), 1);
  EXPECT_EQ(read_file(dir.file("daemon.err")).find(token), std::string::npos);
}

}  // namespace
}  // namespace rectifyd::testing
