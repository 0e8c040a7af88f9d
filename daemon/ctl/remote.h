#pragma once
// The admin API of a running rectifyd as rectifyctl reaches it: with --url URL --token-file FILE
// (or the environment variables RECTIFYD_URL and RECTIFYD_TOKEN_FILE) the commands a running
// daemon can serve go through it instead of opening the database, so every change passes
// through the daemon, is audited there and wakes its planner at once.

#include <string>

#include "core/result.h"

namespace rectifyd::ctl {

/// Where the daemon is and how to prove who we are.
struct RemoteTarget {
  std::string url;         ///< "http://127.0.0.1:8377" or "unix:/run/rectifyd/admin.sock"
  std::string token_file;  ///< holds the bearer token (never passed on the command line)
};

struct RemoteReply {
  long status = 0;
  std::string body;
};

/// One call to the admin API; `path` starts with "/api/v1/…". An Error only when no HTTP reply
/// came (connection refused, unreadable token file); HTTP errors are replies.
class RemoteClient {
 public:
  /// Reads the token file; an Error names it. An empty `actor` leaves the audit log to name
  /// the token.
  static Result<RemoteClient> open(const RemoteTarget& target, std::string actor);

  Result<RemoteReply> call(const std::string& method, const std::string& path,
                           const std::string& body = "",
                           const std::string& content_type = "application/json") const;

 private:
  RemoteClient() = default;
  std::string base_;
  std::string unix_socket_;
  std::string token_;
  std::string actor_;
};

/// "a b" → "a%20b": for names and dates in query strings and paths.
std::string url_encode(const std::string& s);

}  // namespace rectifyd::ctl
