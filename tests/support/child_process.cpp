#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <stdexcept>

namespace rectifyd::testing {

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::vector<std::string>& env, const std::string& work_dir,
                           const std::string& stdout_path, const std::string& stderr_path) {
  std::vector<std::string> argv_s{program};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s = env;
  std::vector<char*> envp;
  for (auto& e : env_s)
    envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_ = ::fork();
  if (pid_ < 0)
    throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int out = ::open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0 || err < 0 || ::dup2(out, STDOUT_FILENO) < 0 || ::dup2(err, STDERR_FILENO) < 0 ||
        ::chdir(work_dir.c_str()) != 0)
      ::_exit(127);
    // The test runner may block signals; the daemon must see them as a service manager sends them.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execve(program.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  if (pidfd_ < 0)
    throw std::runtime_error("pidfd_open failed: " + std::string(std::strerror(errno)));
}

ChildProcess::~ChildProcess() {
  if (running()) {
    ::kill(pid_, SIGKILL);
    wait(std::chrono::seconds{10});
  }
  if (pidfd_ >= 0)
    ::close(pidfd_);
}

void ChildProcess::signal(int signo) {
  if (running())
    ::kill(pid_, signo);
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds timeout) {
  if (status_)
    return status_;
  struct ::pollfd p {};
  p.fd = pidfd_;
  p.events = POLLIN;
  if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0)
    return std::nullopt;
  int st = 0;
  if (::waitpid(pid_, &st, 0) != pid_)
    return std::nullopt;
  status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return status_;
}

int run_program(const std::string& program, const std::vector<std::string>& args,
                const std::vector<std::string>& env, const std::string& work_dir,
                const std::string& stdout_path, const std::string& stderr_path) {
  ChildProcess p(program, args, env, work_dir, stdout_path, stderr_path);
  auto st = p.wait(std::chrono::seconds{30});
  return st ? *st : -1;
}

}  // namespace rectifyd::testing
