#pragma once
// The admin API's listener, run on the daemon's io_context (app/ hosts it as a Service). It accepts
// on admin.listen ("127.0.0.1:8377", or "unix:/path" for a socket file of mode 0600), speaking TLS
// when admin.tls_certificate and its key are set (renewed files apply on reload), reads each
// request with Beast's parser under admin.max_header_bytes (431 beyond) and admin.max_body_bytes
// (413 beyond) and admin.request_timeout, keeps at most admin.max_connections connections (503
// beyond), and hands each request to the RequestHandler. The server owns every live session,
// so stop() closes them all. A changed listen address takes effect at the next start; the
// limits and the tokens of a reload apply to the next request.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>

#include "admin/request_handler.h"
#include "config/config.h"
#include "core/result.h"

namespace rectifyd::admin {

/// Where admin.listen points: a TCP address and port, or a unix socket path.
struct ListenAddress {
  std::string host;  ///< empty for a unix socket
  unsigned short port = 0;
  std::string unix_path;
};

/// "127.0.0.1:8377", "[::1]:8377", "unix:/run/rectifyd/admin.sock".
Result<ListenAddress> parse_listen_address(const std::string& text);

class AdminServer final {
 public:
  AdminServer(boost::asio::io_context& io, ApiEnv env, config::Snapshot config);
  ~AdminServer();
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  std::string name() const { return "admin API"; }
  /// listen() unless listening already, logging a failure (the daemon keeps running without
  /// its API).
  void start();
  void reconfigure(const config::Snapshot& config);
  void stop(std::chrono::milliseconds grace, std::function<void()> done);

  /// Opens the listener and starts accepting. An Error names the address.
  Status listen();
  /// The TCP port listened on (the one the kernel chose for port 0); nullopt for a unix socket
  /// or before listen().
  std::optional<unsigned short> port() const;
  /// Connections open now.
  std::size_t connections() const;

  struct Shared;
  class Listener;

 private:
  boost::asio::io_context& io_;
  std::shared_ptr<Shared> shared_;
  std::unique_ptr<Listener> listener_;
};

}  // namespace rectifyd::admin
