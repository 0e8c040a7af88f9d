// SIGKILL in the middle of every kind of write, with the real programs: rectifyctl importing a
// ledger, rectifyd replacing its configuration file through the admin API, rectifyd recording
// an API action, rectifyctl taking a backup. Each scenario first times its operation once, then
// kills at moments spread over that time. After every kill: the database passes
// PRAGMA integrity_check, the change is there whole or not at all, the audit log agrees with the
// ledger, and the configuration file is the old one or the new one, never a mix.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "child_process.h"
#include "notify_socket.h"
#include "store/backup.h"
#include "temp_dir.h"

namespace rectifyd::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kKillsPerScenario = 8;
constexpr const char* kToken = "crash-harness-token-5e0b9c";

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

std::string integrity(const std::string& db_path) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA integrity_check").getString();
}

long long count(const std::string& db_path, const std::string& query) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  return db.execAndGet(query).getInt64();
}

/// Moments to kill at, spread evenly over [0, span] with a random offset in each slice, so
/// every phase of the operation is hit across the run.
std::vector<std::chrono::microseconds> kill_moments(std::chrono::microseconds span,
                                                    std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::chrono::microseconds> out;
  const auto slice = span / kKillsPerScenario;
  for (int i = 0; i < kKillsPerScenario; ++i) {
    std::uniform_int_distribution<long long> in_slice(0, std::max<long long>(1, slice.count()));
    out.push_back(slice * i + std::chrono::microseconds{in_slice(rng)});
  }
  return out;
}

struct Tally {
  const char* scenario;
  int killed_running = 0;  ///< the process was still at work when killed
  int finished_first = 0;  ///< it had finished before the kill came
  int whole = 0;           ///< the change was there after the kill
  int absent = 0;          ///< the change was not there
  ~Tally() {
    std::printf(
        "crash harness: %s: %d kills mid-way, %d after it finished; change whole %d, "
        "absent %d\n",
        scenario, killed_running, finished_first, whole, absent);
  }
};

class CrashHarness : public ::testing::Test {
 protected:
  void SetUp() override {
    base_db_ = dir_.file("base.db");
    ASSERT_EQ(ctl({"--db", base_db_, "import", "demo"}), 0) << read_file(dir_.file("ctl.err"));
  }

  int ctl(const std::vector<std::string>& args) {
    return run_program(RECTIFYCTL_PATH, args, child_env(), dir_.path().string(),
                       dir_.file("ctl.out"), dir_.file("ctl.err"));
  }

  /// A fresh copy of the base ledger.
  std::string fresh_db(const std::string& name) {
    const std::string path = dir_.file(name);
    for (const char* suffix : {"", "-wal", "-shm"})
      fs::remove(path + suffix);
    fs::copy_file(base_db_, path);
    return path;
  }

  /// Runs `program args`, kills it `after` later (unless it finished), and says which.
  bool run_and_kill(const std::string& program, const std::vector<std::string>& args,
                    std::chrono::microseconds after) {
    ChildProcess p(program, args, child_env(), dir_.path().string(), dir_.file("victim.out"),
                   dir_.file("victim.err"));
    // Killing at this moment is what the test is about; it is not a scheduling decision.
    std::this_thread::sleep_for(after);
    const bool running = !p.wait(0ms).has_value();
    p.signal(SIGKILL);
    p.wait(20s);
    return running;
  }

  template <class F>
  std::chrono::microseconds time_once(F&& f) {
    const auto started = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 started);
  }

  TempDir dir_;
  std::string base_db_;
};

/// 2,000 new measures in one ledger CSV.
std::string big_ledger_csv() {
  std::string csv =
      "category,problem_no,problem,leader,measure_no,measure,owner,due,status,progress,"
      "planned_progress,evidence,na_reason,talks,regulations,funds_returned\n";
  for (int i = 0; i < 2000; ++i) {
    csv += "在压测导入方面," + std::to_string(100 + i / 10) + ",压测问题" +
           std::to_string(100 + i / 10) + ",," + std::to_string(i % 10 + 1) + ",压测措施" +
           std::to_string(i) + "。,,2026-06-30,in_progress,10,20,,,0,0,\n";
  }
  return csv;
}

TEST_F(CrashHarness, LedgerImportKilledIsWholeOrAbsent) {
  Tally tally{"rectifyctl import csv"};
  const std::string csv = dir_.write("big.csv", big_ledger_csv());
  const long long before = count(base_db_, "SELECT count(*) FROM measures");
  // The demo ledger came in through an import too: its audit row is there before the test's.
  const char* const audit_query = "SELECT count(*) FROM audit WHERE action = 'ledger.import_csv'";
  const long long audited_before = count(base_db_, audit_query);
  const std::string timing_db = fresh_db("timing.db");
  const auto span = time_once([&] {
    ASSERT_EQ(ctl({"--db", timing_db, "import", "csv", csv}), 0) << read_file(dir_.file("ctl.err"));
  });
  ASSERT_EQ(count(timing_db, "SELECT count(*) FROM measures"), before + 2000);

  for (auto moment : kill_moments(span, 1)) {
    const std::string db = fresh_db("victim.db");
    (run_and_kill(RECTIFYCTL_PATH, {"--db", db, "import", "csv", csv}, moment)
         ? tally.killed_running
         : tally.finished_first)++;
    ASSERT_EQ(integrity(db), "ok");
    const long long measures = count(db, "SELECT count(*) FROM measures");
    const long long audited = count(db, audit_query) - audited_before;
    if (measures == before) {
      ++tally.absent;
      EXPECT_EQ(audited, 0) << "an import that is not there has an audit row";
    } else {
      ++tally.whole;
      EXPECT_EQ(measures, before + 2000) << "a partial import";
      EXPECT_EQ(audited, 1) << "an import without its audit row";
    }
  }
  EXPECT_GT(tally.killed_running, 0);
}

TEST_F(CrashHarness, BackupKilledLeavesNoFileOrAWholeOne) {
  Tally tally{"rectifyctl backup"};
  const std::string db = fresh_db("live.db");
  const auto span = time_once([&] {
    ASSERT_EQ(ctl({"--db", db, "backup", dir_.file("timing-copy.db")}), 0)
        << read_file(dir_.file("ctl.err"));
  });
  int k = 0;
  for (auto moment : kill_moments(span, 2)) {
    const std::string copy = dir_.file("copy-" + std::to_string(k++) + ".db");
    (run_and_kill(RECTIFYCTL_PATH, {"--db", db, "backup", copy}, moment) ? tally.killed_running
                                                                         : tally.finished_first)++;
    ASSERT_EQ(integrity(db), "ok");
    if (!fs::exists(copy)) {
      ++tally.absent;
      continue;
    }
    ++tally.whole;
    auto checked = store::check_backup(copy);
    EXPECT_TRUE(checked) << checked.error().message;
  }
  EXPECT_GT(tally.killed_running, 0);
}

/// The real daemon with its admin API, started on a copy of the base ledger.
class DaemonRun {
 public:
  DaemonRun(const TempDir& dir, const std::string& config)
      : notify_(dir.file("notify-" + std::to_string(++runs_) + ".sock")),
        process_(RECTIFYD_PROGRAM, {"--config", config},
                 child_env({"NOTIFY_SOCKET=" + notify_.path()}), dir.path().string(),
                 dir.file("daemon.out"), dir.file("daemon.err")) {
    ready_ = notify_.wait_for_line("READY=1", 30s).has_value();
  }
  bool ready() const { return ready_; }
  void kill() {
    process_.signal(SIGKILL);
    process_.wait(20s);
  }

 private:
  static inline int runs_ = 0;
  NotifySocket notify_;
  ChildProcess process_;
  bool ready_ = false;
};

class DaemonCrash : public CrashHarness {
 protected:
  std::string config_text(const std::string& db, const std::string& start) {
    return "# 推进会设置\n[meeting]\nstart = \"" + start +
           "\"   # 开始时间\n\n[admin]\nlisten = \"127.0.0.1:" + std::to_string(port_) +
           "\"\ntoken = { file = \"" + dir_.file("token") + "\" }\n\n[backup]\nenabled = false\n" +
           "\n[store]\npath = \"" + db + "\"\n";
  }

  std::vector<std::string> remote(const std::vector<std::string>& args) {
    std::vector<std::string> all{"--url", "http://127.0.0.1:" + std::to_string(port_),
                                 "--token-file", dir_.file("token")};
    all.insert(all.end(), args.begin(), args.end());
    return all;
  }

  void SetUp() override {
    CrashHarness::SetUp();
    dir_.write("token", std::string(kToken) + "\n");
    port_ = free_port();
  }

  int port_ = 0;
};

/// Whether the day's figures are in the database by `deadline` (the daemon writes them on its
/// first planner run, which may come just after it says it is ready).
bool kept_within(const std::string& db, std::chrono::seconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (count(db, "SELECT count(*) FROM daily_stats") > 0)
      return true;
    std::this_thread::sleep_for(20ms);  // waiting on another process, not on the clock under test
  }
  return false;
}

TEST_F(DaemonCrash, ConfigEditThroughTheApiKilledLeavesTheOldFileOrTheNew) {
  Tally tally{"rectifyd PUT /config"};
  const std::string db = fresh_db("live.db");
  const std::string config = dir_.file("rectifyd.toml");
  const std::string old_text = config_text(db, "15:00");
  // The new file is much longer, so a torn write would show.
  std::string new_text = config_text(db, "16:30");
  for (int i = 0; i < 400; ++i)
    new_text += "# 注释行 " + std::to_string(i) + "：用于检验替换是否完整\n";
  const std::string candidate = dir_.write("new.toml", new_text);

  std::chrono::microseconds span{};
  {
    dir_.write("rectifyd.toml", old_text);
    DaemonRun d(dir_, config);
    ASSERT_TRUE(d.ready()) << read_file(dir_.file("daemon.err"));
    span = time_once([&] {
      ASSERT_EQ(ctl(remote({"config", "put", candidate})), 0) << read_file(dir_.file("ctl.err"));
    });
    ASSERT_EQ(read_file(config), new_text);
    d.kill();
  }
  for (auto moment : kill_moments(span, 3)) {
    fresh_db("live.db");
    dir_.write("rectifyd.toml", old_text);
    fs::remove(config + ".bak");
    DaemonRun d(dir_, config);
    ASSERT_TRUE(d.ready()) << read_file(dir_.file("daemon.err"));
    ChildProcess client(RECTIFYCTL_PATH, remote({"config", "put", candidate}), child_env(),
                        dir_.path().string(), dir_.file("client.out"), dir_.file("client.err"));
    std::this_thread::sleep_for(moment);
    const bool running = !client.wait(0ms).has_value();
    d.kill();
    client.wait(20s);
    (running ? tally.killed_running : tally.finished_first)++;

    const std::string on_disk = read_file(config);
    ASSERT_TRUE(on_disk == old_text || on_disk == new_text)
        << "a mix of the old and the new file, " << on_disk.size() << " bytes";
    (on_disk == new_text ? tally.whole : tally.absent)++;
    ASSERT_EQ(integrity(db), "ok");

    // Restarted on whatever file is there, the audit log agrees with it: the new start time
    // is recorded (by the reload, or at start when the kill came between the file and the
    // reload), the old one never is.
    {
      DaemonRun again(dir_, config);
      ASSERT_TRUE(again.ready()) << read_file(dir_.file("daemon.err"));
      again.kill();
    }
    const long long recorded =
        count(db,
              "SELECT count(*) FROM audit WHERE action IN ('config.reload', 'config.start') AND "
              "after LIKE '%meeting.start: 15:00 → 16:30%'");
    EXPECT_EQ(recorded, on_disk == new_text ? 1 : 0);
    // No stray temporary file beside the configuration is taken for it.
    for (const auto& e : fs::directory_iterator(dir_.path())) {
      const std::string name = e.path().filename().string();
      EXPECT_FALSE(name.starts_with("rectifyd.toml") && name != "rectifyd.toml" &&
                   name != "rectifyd.toml.bak" && !name.ends_with(".tmp"))
          << name;
    }
  }
  EXPECT_GT(tally.killed_running, 0);
}

TEST_F(DaemonCrash, ApiActionKilledIsWholeOrAbsentWithItsAuditRow) {
  Tally tally{"rectifyd POST /measures/3/progress"};
  const std::string config = dir_.file("rectifyd.toml");
  const std::string timing_db = fresh_db("timing.db");
  std::chrono::microseconds span{};
  {
    dir_.write("rectifyd.toml", config_text(timing_db, "15:00"));
    DaemonRun d(dir_, config);
    ASSERT_TRUE(d.ready()) << read_file(dir_.file("daemon.err"));
    span = time_once([&] {
      ASSERT_EQ(ctl(remote({"measure", "progress", "3", "77", "--note", "crash"})), 0)
          << read_file(dir_.file("ctl.err"));
    });
    d.kill();
  }
  ASSERT_EQ(count(timing_db, "SELECT progress FROM measures WHERE id = 3"), 77);

  const long long old_progress = count(base_db_, "SELECT progress FROM measures WHERE id = 3");
  ASSERT_NE(old_progress, 77);
  for (auto moment : kill_moments(span, 4)) {
    const std::string db = fresh_db("live.db");
    dir_.write("rectifyd.toml", config_text(db, "15:00"));
    DaemonRun d(dir_, config);
    ASSERT_TRUE(d.ready()) << read_file(dir_.file("daemon.err"));
    ChildProcess client(RECTIFYCTL_PATH,
                        remote({"measure", "progress", "3", "77", "--note", "crash"}), child_env(),
                        dir_.path().string(), dir_.file("client.out"), dir_.file("client.err"));
    std::this_thread::sleep_for(moment);
    const bool running = !client.wait(0ms).has_value();
    d.kill();
    client.wait(20s);
    (running ? tally.killed_running : tally.finished_first)++;

    ASSERT_EQ(integrity(db), "ok");
    const long long progress = count(db, "SELECT progress FROM measures WHERE id = 3");
    const long long audited = count(
        db,
        "SELECT count(*) FROM audit WHERE action = 'measure.progress' AND entity = 'measure:3'");
    const long long updates =
        count(db, "SELECT count(*) FROM progress_updates WHERE measure_id = 3 AND note = 'crash'");
    if (progress == 77) {
      ++tally.whole;
      EXPECT_EQ(audited, 1);
      EXPECT_EQ(updates, 1);
    } else {
      ++tally.absent;
      EXPECT_EQ(progress, old_progress);
      EXPECT_EQ(audited, 0);
      EXPECT_EQ(updates, 0);
    }
  }
  EXPECT_GT(tally.killed_running, 0);
}

TEST_F(DaemonCrash, DailyStatsKilledAtStartAreWholeOrAbsentAndKeptOnce) {
  Tally tally{"rectifyd start (the day's figures)"};
  const std::string config = dir_.file("rectifyd.toml");
  const std::string timing_db = fresh_db("timing.db");
  std::chrono::microseconds span{};
  {
    dir_.write("rectifyd.toml", config_text(timing_db, "15:00"));
    span = time_once([&] {
      DaemonRun d(dir_, config);
      ASSERT_TRUE(d.ready()) << read_file(dir_.file("daemon.err"));
      ASSERT_TRUE(kept_within(timing_db, 30s)) << read_file(dir_.file("daemon.err"));
      d.kill();
    });
  }
  ASSERT_EQ(count(timing_db, "SELECT count(*) FROM daily_stats"), 1)
      << "the first run of the day keeps its figures";
  const std::string figures =
      "SELECT count(*) FROM daily_stats d WHERE d.measures = (SELECT count(*) FROM measures) AND "
      "d.closed = (SELECT count(*) FROM measures WHERE status = 'closed') AND "
      "d.done_reported = (SELECT count(*) FROM measures WHERE status = 'done_reported')";
  ASSERT_EQ(count(timing_db, figures), 1);

  for (auto moment : kill_moments(span, 5)) {
    const std::string db = fresh_db("live.db");
    dir_.write("rectifyd.toml", config_text(db, "15:00"));
    const bool running = run_and_kill(RECTIFYD_PROGRAM, {"--config", config}, moment);
    (running ? tally.killed_running : tally.finished_first)++;
    ASSERT_EQ(integrity(db), "ok");
    const long long rows = count(db, "SELECT count(*) FROM daily_stats");
    ASSERT_LE(rows, 1);
    if (rows == 1) {
      ++tally.whole;
      EXPECT_EQ(count(db, figures), 1) << "a row with figures other than the ledger's";
    } else {
      ++tally.absent;
    }
    // Started again the same day: one row, the one kept before if there was one.
    const long long taken_before = rows == 1 ? count(db, "SELECT taken_at FROM daily_stats") : 0;
    {
      DaemonRun again(dir_, config);
      ASSERT_TRUE(again.ready()) << read_file(dir_.file("daemon.err"));
      EXPECT_TRUE(kept_within(db, 30s)) << read_file(dir_.file("daemon.err"));
      again.kill();
    }
    EXPECT_EQ(count(db, "SELECT count(*) FROM daily_stats"), 1);
    EXPECT_EQ(count(db, figures), 1);
    if (rows == 1) {
      EXPECT_EQ(count(db, "SELECT taken_at FROM daily_stats"), taken_before);
    }
  }
  EXPECT_GT(tally.killed_running, 0);
}

}  // namespace
}  // namespace rectifyd::testing
