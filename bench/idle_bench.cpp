// idle_bench: how often an idle rectifyd wakes up.
//
// Starts the real rectifyd on its demo ledger (embedded default configuration, log channel) as
// systemd would, with NOTIFY_SOCKET and WATCHDOG_USEC, waits until its start-up work is done,
// then counts for a window of SECONDS:
//   - wake-ups: the voluntary context switches of every thread of the process, read from
//     /proc/PID/task/*/status before and after (each return from a blocking wait is one);
//   - watchdog pings: the WATCHDOG=1 datagrams received on the notify socket (the baseline:
//     the only wake-ups an idle daemon should have).
// Prints both per minute and their ratio (target: 1.0, i.e. no wake-up but the watchdog's).
//
// Usage: idle_bench [SECONDS=60] [WATCHDOG_SECONDS=20]

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "child_process.h"
#include "notify_socket.h"
#include "temp_dir.h"

using namespace std::chrono_literals;
using rectifyd::testing::ChildProcess;
using rectifyd::testing::has_line;
using rectifyd::testing::NotifySocket;
using rectifyd::testing::TempDir;

namespace {

struct Switches {
  long voluntary = 0;
  long involuntary = 0;
  int threads = 0;
};

long field(const std::string& text, const std::string& name) {
  auto at = text.find(name + ":");
  if (at == std::string::npos)
    return 0;
  return std::strtol(text.c_str() + at + name.size() + 1, nullptr, 10);
}

Switches switches_of(int pid) {
  Switches s;
  std::error_code ec;
  for (const auto& task :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    std::ifstream in(task.path() / "status");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    s.voluntary += field(text, "voluntary_ctxt_switches");
    s.involuntary += field(text, "nonvoluntary_ctxt_switches");
    s.threads++;
  }
  return s;
}

std::vector<std::string> child_env(const std::string& notify, int watchdog_s) {
  std::vector<std::string> env{"LANG=C.UTF-8", "NOTIFY_SOCKET=" + notify,
                               "WATCHDOG_USEC=" + std::to_string(watchdog_s * 1'000'000L)};
  if (const char* v = std::getenv("TZDIR"))
    env.push_back(std::string("TZDIR=") + v);
  return env;
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 60;
  const int watchdog_s = argc > 2 ? std::atoi(argv[2]) : 20;
  if (seconds <= 0 || watchdog_s <= 0) {
    std::fprintf(stderr, "usage: idle_bench [SECONDS=60] [WATCHDOG_SECONDS=20]\n");
    return 2;
  }
  TempDir dir;
  NotifySocket notify(dir.file("notify.sock"));
  ChildProcess daemon(RECTIFYD_PROGRAM, {"--demo", "--db", dir.file("idle.db")},
                      child_env(notify.path(), watchdog_s), dir.path().string(),
                      dir.file("stdout.txt"), dir.file("stderr.txt"));
  auto ready = notify.wait_for_line("READY=1", 60s);
  if (!ready) {
    std::fprintf(stderr, "rectifyd did not become ready:\n%s\n",
                 rectifyd::testing::read_file(dir.file("stderr.txt")).c_str());
    return 1;
  }
  std::string status = "?";
  if (auto at = ready->find("STATUS="); at != std::string::npos)
    status = ready->substr(at + 7, ready->find('\n', at) - at - 7);

  // Start-up work (the first planner run, its messages on the log channel) settles first.
  const auto settle_until = std::chrono::steady_clock::now() + 3s;
  while (std::chrono::steady_clock::now() < settle_until)
    notify.receive(std::chrono::duration_cast<std::chrono::milliseconds>(
        settle_until - std::chrono::steady_clock::now()));

  const auto before = switches_of(daemon.pid());
  const auto t0 = std::chrono::steady_clock::now();
  const auto end = t0 + std::chrono::seconds(seconds);
  int pings = 0;
  int other = 0;
  for (auto now = t0; now < end; now = std::chrono::steady_clock::now()) {
    auto msg = notify.receive(std::chrono::duration_cast<std::chrono::milliseconds>(end - now));
    if (!msg)
      continue;
    if (has_line(*msg, "WATCHDOG=1"))
      pings++;
    else
      other++;
  }
  const auto after = switches_of(daemon.pid());
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  daemon.signal(SIGTERM);
  daemon.wait(30s);

  const long wakeups = after.voluntary - before.voluntary;
  const double per_min = 60.0 * static_cast<double>(wakeups) / elapsed;
  const double pings_per_min = 60.0 * pings / elapsed;
  std::printf("idle bench: rectifyd --demo, WATCHDOG_USEC=%d s, window %.1f s, %d thread(s)\n",
              watchdog_s, elapsed, after.threads);
  std::printf("  planner status at start: %s\n", status.c_str());
  std::printf("  wake-ups (voluntary context switches): %ld = %.2f /min\n", wakeups, per_min);
  std::printf("  watchdog pings (baseline):             %d = %.2f /min\n", pings, pings_per_min);
  std::printf("  other notifications:                   %d\n", other);
  std::printf("  involuntary switches:                  %ld\n",
              after.involuntary - before.involuntary);
  std::printf("  wake-ups per watchdog ping: %.2f   other wake-ups: %.2f /min (target 0): %s\n",
              pings > 0 ? static_cast<double>(wakeups) / pings : 0.0, per_min - pings_per_min,
              wakeups <= pings ? "met" : "NOT met");
  return 0;
}
