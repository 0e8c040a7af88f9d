#include "smtp_sink.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

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
  log_ = dir + "/smtp_sink.jsonl";
  std::filesystem::remove(log_);
  std::vector<std::string> args = {"serve", "--log", log_};
  if (!options.auth.empty())
    args.insert(args.end(), {"--auth", options.auth});
  if (!options.auth_mechanisms.empty())
    args.insert(args.end(), {"--auth-mechanisms", options.auth_mechanisms});
  if (!options.tls_cert.empty())
    args.insert(args.end(), {"--tls-cert", options.tls_cert, "--tls-key", options.tls_key});
  if (options.implicit_tls)
    args.push_back("--implicit-tls");
  server_ = std::make_unique<ScriptServer>("smtp_sink.py", std::move(args), dir, "smtp_sink");
}

SmtpSink::~SmtpSink() = default;

std::string SmtpSink::url() const {
  return (implicit_tls_ ? "smtps://127.0.0.1:" : "smtp://127.0.0.1:") + std::to_string(port());
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
