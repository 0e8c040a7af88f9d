#pragma once
// The admin API without a socket, as the fuzz targets drive it: the real RequestHandler over an
// in-memory store holding the demo ledger, a configuration file in a scratch directory with a
// known token, and a manual clock. reset() puts the store and the file back before each input,
// so every input meets the same daemon.

#include <memory>
#include <string>

#include "admin/request_handler.h"
#include "store/database.h"
#include "time/clock.h"

namespace rectifyd::fuzz {

inline constexpr const char* kFuzzToken = "fuzz-admin-token-0123456789";

class ApiHost {
 public:
  ApiHost();
  ~ApiHost();

  /// The store as loaded at start, the configuration file as written at start.
  void reset();
  admin::Response handle(const admin::Request& req) { return handler_->handle(req); }
  store::Database& db() { return *db_; }

  /// Checks what every answer promises: no 500, a JSON body that parses, and an error that
  /// says what is wrong.
  static void check_response(const admin::Response& res);

 private:
  std::string dir_;
  std::string config_path_;
  std::string config_text_;
  config::Snapshot config_;
  std::unique_ptr<store::Database> pristine_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<admin::Metrics> metrics_;
  std::unique_ptr<admin::RequestHandler> handler_;
};

}  // namespace rectifyd::fuzz
