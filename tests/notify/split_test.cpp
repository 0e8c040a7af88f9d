#include "notify/split.h"

#include <gtest/gtest.h>

namespace rectifyd::notify {
namespace {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size())
      return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
        return false;
    i += n;
  }
  return true;
}

TEST(Split, Utf8PrefixNeverCutsACharacter) {
  std::string s = "整改";  // 6 bytes
  EXPECT_EQ(utf8_prefix(s, 6), "整改");
  EXPECT_EQ(utf8_prefix(s, 5), "整");
  EXPECT_EQ(utf8_prefix(s, 4), "整");
  EXPECT_EQ(utf8_prefix(s, 3), "整");
  EXPECT_EQ(utf8_prefix(s, 2), "");
}

TEST(Split, ShortTextIsOnePart) {
  auto parts = split_lines("一行\n两行", 100, "（续）\n");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0], "一行\n两行");
}

TEST(Split, BreaksBetweenItemsAndMarksContinuations) {
  std::string text = "本周整改事项";
  std::vector<std::string> items;
  for (int i = 1; i <= 40; ++i) {
    items.push_back("问题" + std::to_string(i) + " 措施一：完善档案管理制度，落实责任人（张三）");
    text += "\n" + items.back();
  }
  auto parts = split_lines(text, 500, "（续）\n");
  ASSERT_GT(parts.size(), 1u);
  std::string rejoined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    EXPECT_LE(parts[i].size(), 500u);
    EXPECT_TRUE(valid_utf8(parts[i]));
    std::string_view body = parts[i];
    if (i > 0) {
      ASSERT_TRUE(body.starts_with("（续）\n"));
      body.remove_prefix(std::string_view("（续）\n").size());
    }
    rejoined += (i > 0 ? "\n" : "") + std::string(body);
  }
  EXPECT_EQ(rejoined, text);  // no item was cut: only line breaks moved between parts
}

TEST(Split, OverlongLineIsCutAtCharacterBoundaries) {
  std::string line;
  for (int i = 0; i < 300; ++i)
    line += "档";  // 900 bytes
  auto parts = split_lines(line, 100);
  std::string joined;
  for (auto& p : parts) {
    EXPECT_LE(p.size(), 100u);
    EXPECT_TRUE(valid_utf8(p));
    joined += p;
  }
  EXPECT_EQ(joined, line);
}

}  // namespace
}  // namespace rectifyd::notify
