#pragma once
// Starts tests/support/http_sink.py (a real HTTP server on 127.0.0.1) for a test and talks to
// its control endpoints. Stopped when destroyed.

#include <memory>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "script_server.h"

namespace rectifyd::testing {

struct SinkSecrets {
  std::string generic;  ///< whsec_…
  std::string dingtalk;
  std::string feishu;
};

class HttpSink {
 public:
  /// `dir` holds the port file (and the request log when `log` is set).
  HttpSink(const std::string& dir, SinkSecrets secrets = {}, bool log = false);
  ~HttpSink();
  HttpSink(const HttpSink&) = delete;
  HttpSink& operator=(const HttpSink&) = delete;

  int port() const { return server_->port(); }
  std::string url(const std::string& path) const;
  /// Scripted answers for a path, in order (a JSON array of answers, see http_sink.py).
  void script(const std::string& path, const std::string& responses_json);
  /// Forgets the recorded requests and every script: all paths answer 200 from now on.
  void clear();
  std::vector<boost::json::object> requests();
  /// Only the requests to this path.
  std::vector<boost::json::object> requests(const std::string& path);
  std::string log_path() const { return log_; }

 private:
  std::string control(const std::string& path, const std::string& body, bool post);

  std::unique_ptr<ScriptServer> server_;
  std::string log_;
};

}  // namespace rectifyd::testing
