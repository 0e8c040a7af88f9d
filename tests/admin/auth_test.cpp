#include "admin/auth.h"

#include <gtest/gtest.h>

namespace rectifyd::admin {
namespace {

config::AdminConfig tokens() {
  config::AdminConfig a;
  a.token = config::Secret{"rw-token-123", "file:/x"};
  a.read_only_token = config::Secret{"ro-token-456", "file:/y"};
  return a;
}

TEST(AuthTest, TheTwoTokensGiveTheirAccess) {
  auto a = tokens();
  Caller rw = authenticate(a, "Bearer rw-token-123");
  EXPECT_EQ(rw.access, Access::read_write);
  EXPECT_EQ(rw.name, "admin");
  Caller ro = authenticate(a, "bearer ro-token-456");
  EXPECT_EQ(ro.access, Access::read_only);
  EXPECT_EQ(ro.name, "read-only");
}

TEST(AuthTest, WrongMissingOrMalformedTokensGetNothing) {
  auto a = tokens();
  for (const char* h : {"", "Bearer", "Bearer ", "Bearer rw-token-12", "Bearer rw-token-1234",
                        "Basic rw-token-123", "rw-token-123", "Bearer RW-TOKEN-123"}) {
    EXPECT_EQ(authenticate(a, h).access, Access::none) << h;
  }
}

TEST(AuthTest, AnUnsetTokenMatchesNothingNotEvenEmpty) {
  config::AdminConfig a;
  EXPECT_EQ(authenticate(a, "Bearer ").access, Access::none);
  EXPECT_EQ(authenticate(a, "Bearer x").access, Access::none);
}

TEST(AuthTest, ConstantTimeEqualCompares) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(AuthTest, WriteMethods) {
  for (const char* m : {"POST", "PUT", "PATCH", "DELETE"})
    EXPECT_TRUE(is_write_method(m)) << m;
  for (const char* m : {"GET", "HEAD", "OPTIONS"})
    EXPECT_FALSE(is_write_method(m)) << m;
}

}  // namespace
}  // namespace rectifyd::admin
