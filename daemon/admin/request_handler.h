#pragma once
// The admin API's request handler: an HTTP request in, a response out, no sockets. It checks
// the bearer token (401 without or with a wrong one, 403 for the read-only token on a write),
// finds the route (404 for an unknown path, 405 for a known path with another method), runs it,
// turns a thrown store error into a 500 that says nothing secret, and wakes the planner after a
// successful write. /healthz needs no token; /metrics and /api/v1/… do.

#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "admin/api.h"
#include "admin/console.h"
#include "admin/owner_pages.h"

namespace rectifyd::admin {

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

/// The routes of /api/v1, registered by the route groups (routes.h).
class RouteTable {
 public:
  /// `pattern` is relative to /api/v1, with {name} for a path parameter: "/measures/{id}/close".
  void add(std::string method, std::string_view pattern, Route route);

  struct Entry {
    std::string method;
    std::vector<std::string> parts;
    Route route;
  };
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

class RequestHandler {
 public:
  explicit RequestHandler(ApiEnv env);

  /// `peer` is the client's address (failed logins are throttled by it).
  Response handle(const Request& req, std::string_view peer = "");

  /// A response for a request that could not be read whole (400, 413, 431, 503): the same
  /// JSON error form, and the connection is to be closed.
  static Response error_response(http::status status, const std::string& message,
                                 unsigned version = 11);

  /// The answer to a request whose body exceeds its limit, from its header: the owner's page
  /// says so on a page of its own, everything else gets the JSON 413.
  Response too_large(const Request& header, const std::string& message);

  ApiEnv& env() { return env_; }

 private:
  Reply dispatch(Call& call, const Request& req, std::string_view peer);

  ApiEnv env_;
  RouteTable routes_;
  Console console_;
  OwnerPages owner_pages_;
};

}  // namespace rectifyd::admin
