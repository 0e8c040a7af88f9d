#pragma once
// rectifyctl against a running rectifyd: with --url URL --token-file FILE (or the environment
// variables RECTIFYD_URL and RECTIFYD_TOKEN_FILE) the ledger, measure, people, stats, config and
// meeting commands go through the admin API instead of opening the database, so every change
// passes through the daemon, is audited there and wakes its planner at once.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace rectifyd::ctl {

/// Where the daemon is and how to prove who we are.
struct RemoteTarget {
  std::string url;         ///< "http://127.0.0.1:8377" or "unix:/run/rectifyd/admin.sock"
  std::string token_file;  ///< holds the bearer token (never passed on the command line)
};

/// The target named by --url/--token-file in argv, else by the environment; nullopt when
/// neither names a URL (rectifyctl then works on the database directly).
std::optional<RemoteTarget> remote_target(int argc, char** argv);

struct RemoteReply {
  long status = 0;
  std::string body;
};

/// One call to the admin API; `path` starts with "/api/v1/…". An Error only when no HTTP reply
/// came (connection refused, unreadable token file); HTTP errors are replies.
class RemoteClient {
 public:
  /// Reads the token file; an Error names it.
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

/// Runs rectifyctl's remote commands (argv without --url/--token-file); returns the exit status.
int remote_main(const RemoteTarget& target, int argc, char** argv);

/// "a b" → "a%20b": for names and dates in query strings and paths.
std::string url_encode(const std::string& s);

}  // namespace rectifyd::ctl
