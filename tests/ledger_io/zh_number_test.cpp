#include "ledger_io/zh_number.h"

#include <gtest/gtest.h>

namespace rectifyd::ledger_io {
namespace {

std::optional<int> zh(std::string_view s, std::size_t* used = nullptr) {
  std::size_t n = 0;
  auto v = read_zh_number(s, n);
  if (used != nullptr)
    *used = n;
  return v;
}

TEST(ZhNumber, ReadsTheNumeralsPlansUse) {
  EXPECT_EQ(zh("三个方面"), 3);
  EXPECT_EQ(zh("十是"), 10);
  EXPECT_EQ(zh("十六项"), 16);
  EXPECT_EQ(zh("二十三"), 23);
  EXPECT_EQ(zh("三十"), 30);
  EXPECT_EQ(zh("一百零八条"), 108);
  EXPECT_EQ(zh("两个方面"), 2);
  std::size_t used = 0;
  EXPECT_EQ(zh("十一是", &used), 11);
  EXPECT_EQ(used, std::string_view("十一").size());
  EXPECT_FALSE(zh("零"));
  EXPECT_FALSE(zh("是"));
  EXPECT_FALSE(zh("百"));
}

TEST(ZhNumber, WritesWhatItReads) {
  for (int n = 1; n <= 999; ++n) {
    std::size_t used = 0;
    const std::string s = zh_number(n);
    EXPECT_EQ(read_zh_number(s, used), n) << s;
    EXPECT_EQ(used, s.size()) << s;
  }
  EXPECT_EQ(zh_number(16), "十六");
  EXPECT_EQ(zh_number(108), "一百零八");
}

TEST(ZhNumber, DigitsAndCircledNumbers) {
  std::size_t used = 0;
  EXPECT_EQ(read_digits("2023年", used), 2023);
  EXPECT_EQ(used, 4u);
  EXPECT_FALSE(read_digits("一", used));
  EXPECT_FALSE(read_digits("1234567", used));
  EXPECT_EQ(read_circled("①精简", used), 1);
  EXPECT_EQ(used, 3u);
  EXPECT_EQ(read_circled("⑳", used), 20);
  EXPECT_EQ(circled_number(3), "③");
  EXPECT_FALSE(read_circled("⑴", used));
}

}  // namespace
}  // namespace rectifyd::ledger_io
