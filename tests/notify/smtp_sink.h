#pragma once
// Starts tests/support/smtp_sink.py (a real SMTP server, aiosmtpd, on 127.0.0.1) for a test,
// and reads what it received through the same script's checker, which parses each message
// with Python's email package. Stopped when destroyed.

#include <memory>
#include <string>

#include <boost/json/object.hpp>

#include "script_server.h"

namespace rectifyd::testing {

struct SmtpSinkOptions {
  /// "user:password": AUTH is required before MAIL (offered in the clear when there is no TLS).
  std::string auth;
  /// "LOGIN" or "PLAIN": offer only that mechanism; empty: both.
  std::string auth_mechanisms;
  /// PEM certificate and key: STARTTLS is offered and required before anything else, AUTH is
  /// offered only after it.
  std::string tls_cert;
  std::string tls_key;
  /// With tls_cert: TLS from the first byte instead (smtps://).
  bool implicit_tls = false;
};

class SmtpSink {
 public:
  /// `dir` holds the port file and the log. With `auth` ("user:password") the server offers
  /// AUTH without TLS and requires it before MAIL.
  explicit SmtpSink(const std::string& dir, const std::string& auth = "");
  SmtpSink(const std::string& dir, const SmtpSinkOptions& options);
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return server_->port(); }
  /// smtp://127.0.0.1:<port>, or smtps:// with implicit TLS.
  std::string url() const;
  /// {"connections": n, "messages": [...]}, see smtp_sink.py inspect.
  boost::json::object inspect() const;
  /// The raw log (JSON lines), e.g. to check that a secret never reached the server.
  std::string log_text() const;

 private:
  std::unique_ptr<ScriptServer> server_;
  bool implicit_tls_ = false;
  std::string log_;
};

}  // namespace rectifyd::testing
