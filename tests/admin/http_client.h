#pragma once
// A small libcurl client for the admin API tests: one request, the status, headers and body.

#include <map>
#include <string>
#include <vector>

namespace rectifyd::testing {

struct HttpReply {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::string error;                           ///< curl's error when no reply came
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::string body;
  std::vector<std::string> headers;  ///< "Name: value"
  std::string unix_socket;           ///< connect through this socket file instead of TCP
  std::string ca_file;               ///< https: trust the certificates in this PEM file
};

HttpReply http_request(const HttpRequest& r);

}  // namespace rectifyd::testing
