#pragma once
// Whom a request comes from, for the limits kept per address (failed logins, owner pages):
// the connection's peer, or, when that peer is a proxy the configuration trusts, the address
// the proxy put last in X-Forwarded-For (the one it saw; earlier entries are the client's
// word).

#include <string>
#include <string_view>
#include <vector>

namespace rectifyd::admin {

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace rectifyd::admin
