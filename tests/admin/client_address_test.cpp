#include "admin/client_address.h"

#include <gtest/gtest.h>

namespace rectifyd::admin {
namespace {

const std::vector<std::string> kLoopback = {"127.0.0.1", "::1"};

TEST(ClientAddress, AProxyTheConfigTrustsNamesTheClientItSaw) {
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", kLoopback), "203.0.113.7");
  // Earlier entries are what the client claimed; the proxy appends the address it saw.
  EXPECT_EQ(client_address("127.0.0.1", "10.9.9.9, 203.0.113.7", kLoopback), "203.0.113.7");
  EXPECT_EQ(client_address("::1", " 2001:db8::5 ", kLoopback), "2001:db8::5");
}

TEST(ClientAddress, AnyoneElseIsTheConnectionsPeer) {
  EXPECT_EQ(client_address("192.0.2.4", "203.0.113.7", kLoopback), "192.0.2.4");
  EXPECT_EQ(client_address("127.0.0.1", "", kLoopback), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", {}), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "not-an-address", kLoopback), "127.0.0.1");
  EXPECT_EQ(client_address("unix", "203.0.113.7", kLoopback), "unix");
}

}  // namespace
}  // namespace rectifyd::admin
