// The admin server's request handling: raw bytes through Beast's request parser under the
// server's limits (as a Session reads them), then the RequestHandler with its authentication,
// percent-decoding of paths and query strings, routing and methods. Every request that parses
// gets an answer that keeps the API's promises, and nothing but a successful write changes
// the store.

#include <cstdint>

#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/parser.hpp>

#include "api_host.h"
#include "fuzz_check.h"

using namespace rectifyd;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::ApiHost host;
  host.reset();

  admin::http::request_parser<admin::http::string_body> parser;
  parser.header_limit(4096);
  parser.body_limit(65536);
  parser.eager(true);
  boost::beast::error_code ec;
  const std::size_t used = parser.put(boost::asio::buffer(data, size), ec);
  if (!ec && !parser.is_done())
    parser.put_eof(ec);
  if (ec || !parser.is_done())
    return 0;  // the server answers 400/413/431 and closes; nothing reaches the handler
  fuzz::require(used <= size, "the parser reads inside the input");

  const admin::Request& req = parser.get();
  const long long changes = fuzz::total_changes(host.db());
  const admin::Response res = host.handle(req);
  fuzz::ApiHost::check_response(res);
  if (res.result_int() >= 400)
    fuzz::require(fuzz::total_changes(host.db()) == changes, "a refused request changes nothing",
                  std::string(req.target()) + " → " + res.body());
  fuzz::require(res.version() == req.version(), "the answer speaks the request's HTTP version");
  return 0;
}
