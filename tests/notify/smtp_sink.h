#pragma once
// Starts tests/support/smtp_sink.py (a real SMTP server, aiosmtpd, on 127.0.0.1) for a test,
// and reads what it received through the same script's checker, which parses each message
// with Python's email package. Stopped when destroyed.

#include <string>

#include <sys/types.h>

#include <boost/json/object.hpp>

namespace rectifyd::testing {

class SmtpSink {
 public:
  /// `dir` holds the port file and the log. With `auth` ("user:password") the server offers
  /// AUTH without TLS and requires it before MAIL.
  explicit SmtpSink(const std::string& dir, const std::string& auth = "");
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  /// smtp://127.0.0.1:<port>
  std::string url() const;
  /// {"connections": n, "messages": [...]}, see smtp_sink.py inspect.
  boost::json::object inspect() const;
  /// The raw log (JSON lines), e.g. to check that a secret never reached the server.
  std::string log_text() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_;
};

}  // namespace rectifyd::testing
