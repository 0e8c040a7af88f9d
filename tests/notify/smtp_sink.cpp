#include "smtp_sink.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

namespace rectifyd::testing {
namespace {

std::string script() {
  return std::string(RECTIFYD_SOURCE_DIR) + "/tests/support/smtp_sink.py";
}

}  // namespace

SmtpSink::SmtpSink(const std::string& dir, const std::string& auth)
    : SmtpSink(dir, SmtpSinkOptions{auth, "", "", "", false}) {}

SmtpSink::SmtpSink(const std::string& dir, const SmtpSinkOptions& options)
    : implicit_tls_(options.implicit_tls) {
  std::string port_file = dir + "/smtp_sink.port";
  log_ = dir + "/smtp_sink.jsonl";
  std::filesystem::remove(port_file);
  std::filesystem::remove(log_);
  std::vector<std::string> args = {"/usr/bin/python3", script(), "serve", "--port-file",
                                   port_file,          "--log",  log_};
  if (!options.auth.empty())
    args.insert(args.end(), {"--auth", options.auth});
  if (!options.auth_mechanisms.empty())
    args.insert(args.end(), {"--auth-mechanisms", options.auth_mechanisms});
  if (!options.tls_cert.empty())
    args.insert(args.end(), {"--tls-cert", options.tls_cert, "--tls-key", options.tls_key});
  if (options.implicit_tls)
    args.push_back("--implicit-tls");
  pid_ = fork();
  if (pid_ == 0) {
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    // The port is read from the file; keep the test's output clean.
    if (std::FILE* null = std::fopen("/dev/null", "w"))
      dup2(fileno(null), STDOUT_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  // Waiting for a child process to listen is not time-dependent logic: poll its port file.
  for (int i = 0; i < 1000 && port_ == 0; ++i) {
    std::ifstream in(port_file);
    if (!(in >> port_))
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (port_ == 0)
    throw std::runtime_error("smtp_sink.py did not start");
}

SmtpSink::~SmtpSink() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::string SmtpSink::url() const {
  return (implicit_tls_ ? "smtps://127.0.0.1:" : "smtp://127.0.0.1:") + std::to_string(port_);
}

boost::json::object SmtpSink::inspect() const {
  std::string cmd = "/usr/bin/python3 '" + script() + "' inspect '" + log_ + "'";
  std::FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr)
    throw std::runtime_error("cannot run smtp_sink.py inspect");
  std::string out;
  char buf[65536];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
    out.append(buf, n);
  if (pclose(p) != 0)
    throw std::runtime_error("smtp_sink.py inspect failed");
  return boost::json::parse(out).as_object();
}

std::string SmtpSink::log_text() const {
  std::ifstream in(log_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace rectifyd::testing
