// One command tree, two ways to run it: the same rectifyctl command on the database file and
// through a running rectifyd's admin API (--url) prints the same table, the same --json document
// and, when it fails, the same words with the same exit status. The real rectifyd on loopback
// works on one database; the local commands on a copy of it taken when the daemon was ready,
// and every change is made on both, so the two stay alike.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <date/date.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "captured_run.h"
#include "child_process.h"
#include "notify_socket.h"
#include "temp_dir.h"

namespace rectifyd::ctl {
namespace {

using namespace std::chrono_literals;
using rectifyd::testing::CapturedRun;
using rectifyd::testing::read_file;

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

std::vector<std::string> child_env() {
  std::vector<std::string> env{"LANG=C.UTF-8"};
  for (const char* name : {"PATH", "TZDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (const char* v = std::getenv(name))
      env.push_back(std::string(name) + "=" + v);
  }
  return env;
}

/// The document with the instants a change stamps "now" on left out: the daemon's and the
/// local command's clocks read a moment apart.
boost::json::value without_stamps(boost::json::value v) {
  if (auto* o = v.if_object()) {
    for (const char* k : {"last_progress_at", "closed_at", "requested_at", "decided_at", "at"})
      o->erase(k);
    for (auto& [k, x] : *o)
      x = without_stamps(x);
  } else if (auto* a = v.if_array()) {
    for (auto& x : *a)
      x = without_stamps(x);
  }
  return v;
}

class RemoteParityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_ = new Suite;
    Suite& s = *suite_;
    s.dir.write("token", "tok-parity-3f8a61\n");
    const int port = free_port();
    s.url = "http://127.0.0.1:" + std::to_string(port);
    s.config = s.dir.write("rectifyd.toml",
                           "[store]\npath = \"" + s.dir.file("r.db") +
                               "\"\n[admin]\nlisten = \"127.0.0.1:" + std::to_string(port) +
                               "\"\ntoken = { file = \"" + s.dir.file("token") + "\" }\n");
    auto seeded = rectifyd::testing::run_captured(
        RECTIFYCTL_PATH, {"--db", s.dir.file("r.db"), "--config", s.config, "import", "demo"},
        s.dir.path().string());
    ASSERT_EQ(seeded.exit, 0) << seeded.err;
    s.notify = std::make_unique<rectifyd::testing::NotifySocket>(s.dir.file("notify.sock"));
    auto env = child_env();
    env.push_back("NOTIFY_SOCKET=" + s.notify->path());
    s.daemon = std::make_unique<rectifyd::testing::ChildProcess>(
        RECTIFYD_PROGRAM, std::vector<std::string>{"--config", s.config}, env,
        s.dir.path().string(), s.dir.file("daemon.out"), s.dir.file("daemon.err"));
    ASSERT_TRUE(s.notify->wait_for_line("READY=1", 30s)) << read_file(s.dir.file("daemon.err"));
    // The local commands' database: the daemon's as it stands now.
    auto copied = rectifyd::testing::run_captured(
        RECTIFYCTL_PATH, {"--db", s.dir.file("r.db"), "backup", s.dir.file("twin.db")},
        s.dir.path().string());
    ASSERT_EQ(copied.exit, 0) << copied.err;
  }

  static void TearDownTestSuite() {
    if (suite_->daemon) {
      suite_->daemon->signal(SIGTERM);
      EXPECT_EQ(suite_->daemon->wait(30s), 0) << read_file(suite_->dir.file("daemon.err"));
    }
    delete suite_;
    suite_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(suite_->daemon && suite_->daemon->running())
        << read_file(suite_->dir.file("daemon.err"));
  }

  static CapturedRun run(std::vector<std::string> args) {
    return rectifyd::testing::run_captured(RECTIFYCTL_PATH, args, suite_->dir.path().string());
  }
  /// On the copy of the database, acting as the daemon's token is named.
  static CapturedRun local(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", suite_->dir.file("twin.db"), "--config", suite_->config,
                               "--actor", "admin"});
    return run(std::move(args));
  }
  /// Through the daemon.
  static CapturedRun remote(std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", suite_->url, "--token-file", suite_->dir.file("token")});
    return run(std::move(args));
  }

  /// Runs the command both ways; expects the same status, output and error output.
  static CapturedRun same(const std::vector<std::string>& args) {
    auto l = local(args);
    auto r = remote(args);
    std::string what;
    for (const auto& a : args)
      what += " " + a;
    EXPECT_EQ(l.exit, r.exit) << "rectifyctl" << what << "\nlocal: " << l.err
                              << "\nremote: " << r.err;
    EXPECT_EQ(l.out, r.out) << "rectifyctl" << what;
    EXPECT_EQ(l.err, r.err) << "rectifyctl" << what;
    return l;
  }

  /// The same with --json: the same document, but for the instants a change stamps.
  static boost::json::value same_json(const std::vector<std::string>& args) {
    std::vector<std::string> with{"--json"};
    with.insert(with.end(), args.begin(), args.end());
    auto l = local(with);
    auto r = remote(with);
    std::string what;
    for (const auto& a : with)
      what += " " + a;
    EXPECT_EQ(l.exit, 0) << "rectifyctl" << what << ": " << l.err;
    EXPECT_EQ(r.exit, 0) << "rectifyctl" << what << ": " << r.err;
    boost::system::error_code ec;
    auto lv = boost::json::parse(l.out, ec);
    EXPECT_FALSE(ec) << l.out;
    auto rv = boost::json::parse(r.out, ec);
    EXPECT_FALSE(ec) << r.out;
    // Without instants, the very text; with them, the rest of it, member order too.
    if (without_stamps(lv) == lv) {
      EXPECT_EQ(l.out, r.out) << "rectifyctl" << what;
    }
    EXPECT_EQ(boost::json::serialize(without_stamps(lv)),
              boost::json::serialize(without_stamps(rv)))
        << "rectifyctl" << what;
    EXPECT_EQ(l.err, r.err) << "rectifyctl" << what;
    return lv;
  }

  /// The coming regular meetings' days.
  static std::vector<std::string> meeting_days() {
    auto o = local({"--json", "meeting", "list", "--weeks", "8"});
    EXPECT_EQ(o.exit, 0) << o.err;
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

  struct Suite {
    rectifyd::testing::TempDir dir;
    std::string url;
    std::string config;
    std::unique_ptr<rectifyd::testing::NotifySocket> notify;
    std::unique_ptr<rectifyd::testing::ChildProcess> daemon;
  };
  static Suite* suite_;
};

RemoteParityTest::Suite* RemoteParityTest::suite_ = nullptr;

TEST_F(RemoteParityTest, ReadsPrintTheSameTablesAndDocuments) {
  auto people = same({"people", "list"});
  EXPECT_NE(people.out.find("姓名"), std::string::npos) << people.out;
  EXPECT_EQ(same({"people", "list", "--role", "leader"}).exit, 0);
  auto listed = same_json({"people", "list"});
  EXPECT_FALSE(listed.at("people").as_array().empty());

  auto ledger = same({"ledger", "list"});
  EXPECT_NE(ledger.out.find("责任人"), std::string::npos) << ledger.out;
  EXPECT_EQ(same({"ledger", "list", "--status", "open,in_progress"}).exit, 0);
  EXPECT_EQ(same({"ledger", "list", "--overdue"}).exit, 0);
  EXPECT_EQ(same({"ledger", "list", "--colour", "red"}).exit, 0);
  EXPECT_EQ(same({"ledger", "list", "--due-within", "30"}).exit, 0);
  auto measures = same_json({"ledger", "list"});
  ASSERT_GE(measures.at("measures").as_array().size(), 3u);
  EXPECT_EQ(measures.at("count"), measures.at("measures").as_array().size());
  const std::string owner(measures.at("measures").at(0).at("owner").as_string());
  if (!owner.empty()) {
    EXPECT_EQ(same({"ledger", "list", "--owner", owner}).exit, 0);
  }

  auto shown = same({"measure", "show", "1"});
  EXPECT_NE(shown.out.find("责任人："), std::string::npos) << shown.out;
  auto detail = same_json({"measure", "show", "1"});
  EXPECT_TRUE(detail.as_object().contains("progress_updates")) << detail;
  EXPECT_TRUE(detail.as_object().contains("actions")) << detail;

  auto stats = same({"stats"});
  EXPECT_NE(stats.out.find("办结率"), std::string::npos) << stats.out;
  EXPECT_EQ(same({"stats", "--by-problem"}).exit, 0);
  auto figures = same_json({"stats"});
  EXPECT_TRUE(figures.as_object().contains("completion_rate")) << figures;
  EXPECT_TRUE(figures.as_object().contains("as_of")) << figures;

  auto meetings = same({"meeting", "list"});
  EXPECT_NE(meetings.out.find("会议通知"), std::string::npos) << meetings.out;
  EXPECT_EQ(same({"meeting", "list", "--weeks", "8"}).exit, 0);
  same_json({"meeting", "list"});
  EXPECT_EQ(same({"meeting", "list", "--json"}).exit, 0);

  auto config = same({"config", "show"});
  EXPECT_NE(config.out.find("[meeting]"), std::string::npos) << config.out;
  same_json({"config", "show"});
}

TEST_F(RemoteParityTest, ChangesPrintTheSameSentencesAndDocuments) {
  auto added = same({"people", "add", "王五", "--roles", "owner", "--title", "科员"});
  EXPECT_EQ(added.exit, 0) << added.err;
  EXPECT_NE(added.out.find("王五（科员）"), std::string::npos) << added.out;
  same_json({"people", "add", "赵六", "--roles", "owner,leader"});
  auto edited = same({"people", "edit", "王五", "--mobile", "13800000000"});
  EXPECT_EQ(edited.exit, 0) << edited.err;
  same_json({"people", "edit", "赵六", "--department", "综合科"});
  same_json({"people", "list"});

  // Measures still open to progress reports.
  auto open = local({"--json", "ledger", "list", "--status", "open,in_progress"});
  ASSERT_EQ(open.exit, 0) << open.err;
  std::vector<std::string> ids;
  const auto open_doc = boost::json::parse(open.out);
  for (const auto& m : open_doc.at("measures").as_array())
    ids.push_back(std::to_string(m.at("id").to_number<long long>()));
  ASSERT_GE(ids.size(), 3u) << open.out;
  auto progress = same({"measure", "progress", ids[0], "40", "--note", "已完成初稿"});
  EXPECT_EQ(progress.exit, 0) << progress.err;
  EXPECT_NE(progress.out.find("进度已记录"), std::string::npos) << progress.out;
  auto doc = same_json({"measure", "progress", ids[1], "60", "--note", "推进中"});
  EXPECT_EQ(doc.at("progress"), 60);
  EXPECT_EQ(same({"measure", "assign", ids[2], "王五"}).exit, 0);
  EXPECT_EQ(same({"measure", "due", ids[2], "2027-06-30"}).exit, 0);
  same_json({"measure", "done", ids[2], "--evidence", "已印发"});
  EXPECT_EQ(same({"measure", "return", ids[2], "--reason", "缺少扫描件"}).exit, 0);
  EXPECT_EQ(same({"ledger", "list", "--owner", "王五"}).exit, 0);
  same_json({"ledger", "list"});

  auto asked = same_json({"measure", "extend", ids[2], "2027-09-30", "--reason", "等待上级批复"});
  const std::string first(std::to_string(asked.at("id").to_number<long long>()));
  auto approved = same({"measure", "approve-extension", first});
  EXPECT_EQ(approved.exit, 0) << approved.err;
  EXPECT_NE(approved.out.find("2027-09-30"), std::string::npos) << approved.out;
  auto again = same({"measure", "extend", ids[2], "2027-12-31", "--reason", "再议"});
  EXPECT_EQ(again.exit, 0) << again.err;
  auto refused = same_json({"measure", "reject-extension",
                            std::to_string(asked.at("id").to_number<long long>() + 1), "--reason",
                            "理由不充分"});
  EXPECT_EQ(refused.at("extension").at("state"), "rejected") << refused;
  // Its history's times are the moments each change was made: the documents, without them.
  auto history = same_json({"measure", "show", ids[2]});
  EXPECT_EQ(history.at("extensions").as_array().size(), 2u) << history;
  EXPECT_EQ(same({"measure", "close", ids[2]}).exit, 4);
  auto gone = same({"people", "deactivate", "赵六"});
  EXPECT_EQ(gone.exit, 0) << gone.err;
  EXPECT_NE(gone.out.find("已停用人员"), std::string::npos) << gone.out;
  same_json({"people", "list"});

  const auto days = meeting_days();
  ASSERT_GE(days.size(), 4u);
  auto moved = same({"meeting", "move", days[1], "--to", plus_days(days[1], -1) + " 10:00",
                     "--note", "与全区会议冲突"});
  EXPECT_EQ(moved.exit, 0) << moved.err;
  EXPECT_FALSE(moved.out.empty());
  auto cancelled = same({"meeting", "cancel", days[2], "--note", "节假日"});
  EXPECT_EQ(cancelled.exit, 0) << cancelled.err;
  auto json_cancel = same_json({"meeting", "cancel", days[3]});
  EXPECT_EQ(json_cancel.at("status"), "cancelled") << json_cancel;
  EXPECT_TRUE(json_cancel.as_object().contains("summary")) << json_cancel;
  auto extra = same({"meeting", "add", plus_days(days[0], 1) + " 09:30", "--note", "专题推进"});
  EXPECT_EQ(extra.exit, 0) << extra.err;
  EXPECT_EQ(same({"meeting", "list", "--weeks", "8"}).exit, 0);
  same_json({"meeting", "list", "--weeks", "8"});
}

TEST_F(RemoteParityTest, FailuresSayTheSameWithTheSameStatus) {
  auto missing = same({"measure", "show", "99999"});
  EXPECT_EQ(missing.exit, 3);
  EXPECT_NE(missing.err.find("没有编号为 99999 的整改措施"), std::string::npos) << missing.err;
  EXPECT_EQ(same({"measure", "progress", "99999", "10"}).exit, 3);

  auto range = same({"measure", "progress", "3", "150"});
  EXPECT_EQ(range.exit, 1);
  EXPECT_NE(range.err.find("0 到 100"), std::string::npos) << range.err;

  ASSERT_EQ(same({"people", "add", "钱七", "--roles", "owner"}).exit, 0);
  auto taken = same({"people", "add", "钱七", "--roles", "owner"});
  EXPECT_EQ(taken.exit, 4) << taken.err;
  EXPECT_NE(taken.err.find("钱七"), std::string::npos) << taken.err;
  EXPECT_EQ(same({"people", "add", "孙八", "--tz", "Mars/Olympus"}).exit, 1);
  EXPECT_EQ(same({"people", "edit", "无此人", "--mobile", "1"}).exit, 3);

  auto nobody = same({"ledger", "list", "--owner", "无此人"});
  EXPECT_EQ(nobody.exit, 1);
  EXPECT_NE(nobody.err.find("--owner"), std::string::npos) << nobody.err;
  EXPECT_EQ(same({"measure", "assign", "3", "无此人"}).exit, 1);
  EXPECT_EQ(same({"measure", "due", "3", "2026-02-30"}).exit, 1);
  EXPECT_EQ(same({"meeting", "list", "--weeks", "0"}).exit, 1);

  const auto days = meeting_days();
  ASSERT_GE(days.size(), 2u);
  ASSERT_EQ(same({"meeting", "cancel", days[0]}).exit, 0);
  auto again = same({"meeting", "move", days[0], "--to", plus_days(days[0], 1) + " 10:00"});
  EXPECT_EQ(again.exit, 4);
  EXPECT_NE(again.err.find("已经取消，不能改期"), std::string::npos) << again.err;
  EXPECT_EQ(same({"meeting", "cancel", "2026-02-30"}).exit, 1);
}

TEST_F(RemoteParityTest, AWrongTokenIsRefused) {
  suite_->dir.write("wrong-token", "not-the-token\n");
  auto r = run({"--url", suite_->url, "--token-file", suite_->dir.file("wrong-token"), "stats"});
  EXPECT_EQ(r.exit, 5) << r.err;
  EXPECT_EQ(r.err.find("tok-parity"), std::string::npos) << r.err;
  auto no_file = run({"--url", suite_->url, "stats"});
  EXPECT_EQ(no_file.exit, 1);
  EXPECT_NE(no_file.err.find("--token-file"), std::string::npos) << no_file.err;
}

// Without a daemon: what needs the database file refuses --url before reaching for it, and
// what needs a running rectifyd says so without --url.
class WhereCommandsRunTest : public ::testing::Test {
 protected:
  CapturedRun ctl(std::vector<std::string> args) {
    return rectifyd::testing::run_captured(RECTIFYCTL_PATH, args, dir_.path().string());
  }
  CapturedRun remote(std::vector<std::string> args) {
    args.insert(args.begin(),
                {"--url", "http://127.0.0.1:9", "--token-file", dir_.write("token", "t\n")});
    return ctl(std::move(args));
  }
  rectifyd::testing::TempDir dir_;
};

TEST_F(WhereCommandsRunTest, FileCommandsNeedTheDatabaseFile) {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"init"},
                                             {"backup", "copy.db"},
                                             {"import", "demo"},
                                             {"calendar", "show"},
                                             {"obligation", "list"},
                                             {"export", "csv", "-o", "out.csv"}}) {
    auto r = remote(args);
    EXPECT_EQ(r.exit, 1) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find("“rectifyctl " + args[0]), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("需要直接打开数据库文件"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("不能经由 --url"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir_.file("copy.db")));
  EXPECT_FALSE(std::filesystem::exists(dir_.file("rectifyd.db")));
}

TEST_F(WhereCommandsRunTest, ADaemonThatIsNotThereIsSaid) {
  auto r = remote({"stats"});
  EXPECT_EQ(r.exit, 1) << r.err;
  EXPECT_NE(r.err.find("无法连接 rectifyd"), std::string::npos) << r.err;
}

TEST_F(WhereCommandsRunTest, ConfigWritesNeedARunningDaemon) {
  dir_.write("new.toml", "");
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"config", "put", dir_.file("new.toml")},
                                             {"config", "set", "meeting.start=16:00"},
                                             {"config", "reload"}}) {
    auto r = ctl(args);
    EXPECT_EQ(r.exit, 1) << args[1] << ": " << r.err;
    EXPECT_NE(r.err.find("需要运行中的 rectifyd"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace rectifyd::ctl
