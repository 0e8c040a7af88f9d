#include "core/names.h"

#include <gtest/gtest.h>

namespace rectifyd {
namespace {

TEST(Names, StatusRoundTrips) {
  for (auto s : {MeasureStatus::open, MeasureStatus::in_progress, MeasureStatus::done_reported,
                 MeasureStatus::closed, MeasureStatus::ongoing, MeasureStatus::not_applicable}) {
    EXPECT_EQ(parse_measure_status(to_string(s)), s);
  }
  EXPECT_FALSE(parse_measure_status("finished"));
  EXPECT_EQ(label_zh(MeasureStatus::not_applicable), "无需整改");
}

TEST(Names, RolesParseFromAList) {
  auto r = parse_roles("owner, leader");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->has(Role::owner));
  EXPECT_TRUE(r->has(Role::leader));
  EXPECT_FALSE(r->has(Role::chief));
  EXPECT_EQ(roles_to_string(*r), "owner,leader");
  EXPECT_FALSE(parse_roles("owner,boss"));
  EXPECT_EQ(parse_roles("")->bits, 0u);
}

}  // namespace
}  // namespace rectifyd
