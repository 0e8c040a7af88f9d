#pragma once
// Runs a real program for a test: arguments, a clean environment, stdout and stderr to files,
// signals, and waiting for its exit with a deadline (pidfd + poll, no sleeps).

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace rectifyd::testing {

class ChildProcess {
 public:
  /// Starts `program` with `args` (without argv[0]) and exactly `env` ("NAME=value"), in
  /// `work_dir`, its stdout and stderr written to the given files.
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::vector<std::string>& env, const std::string& work_dir,
               const std::string& stdout_path, const std::string& stderr_path);
  /// Kills the process if it still runs.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void signal(int signo);
  /// The exit status (or 128 + signal), or nullopt when it still runs at the deadline.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  bool running() const { return !status_.has_value(); }
  int pid() const { return pid_; }

 private:
  int pid_ = -1;
  int pidfd_ = -1;
  std::optional<int> status_;
};

/// Runs a program to completion (deadline 30 s); returns its exit status.
int run_program(const std::string& program, const std::vector<std::string>& args,
                const std::vector<std::string>& env, const std::string& work_dir,
                const std::string& stdout_path, const std::string& stderr_path);

}  // namespace rectifyd::testing
