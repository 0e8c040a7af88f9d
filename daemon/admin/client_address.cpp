#include "admin/client_address.h"

#include <algorithm>

#include <boost/asio/ip/address.hpp>

namespace rectifyd::admin {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  if (forwarded_for.empty() ||
      std::find(trusted_proxies.begin(), trusted_proxies.end(), peer) == trusted_proxies.end())
    return std::string(peer);
  const auto comma = forwarded_for.rfind(',');
  const std::string_view last =
      trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
  boost::system::error_code ec;
  const auto ip = boost::asio::ip::make_address(std::string(last), ec);
  if (ec)
    return std::string(peer);  // not an address: the proxy's own is what is known
  return ip.to_string();
}

}  // namespace rectifyd::admin
