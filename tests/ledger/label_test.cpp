#include "ledger/label.h"

#include <gtest/gtest.h>

namespace rectifyd::ledger {
namespace {

TEST(Label, ChineseNumbers) {
  EXPECT_EQ(chinese_number(1), "一");
  EXPECT_EQ(chinese_number(9), "九");
  EXPECT_EQ(chinese_number(10), "十");
  EXPECT_EQ(chinese_number(12), "十二");
  EXPECT_EQ(chinese_number(20), "二十");
  EXPECT_EQ(chinese_number(23), "二十三");
  EXPECT_EQ(chinese_number(120), "120");
}

TEST(Label, MeasureLabel) {
  EXPECT_EQ(measure_label(3, 2), "问题3 措施二");
}

}  // namespace
}  // namespace rectifyd::ledger
