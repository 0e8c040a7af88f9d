#include "ctl/table.h"

#include <sstream>

#include <gtest/gtest.h>

namespace rectifyd::ctl {
namespace {

TEST(Table, DisplayWidthCountsChineseTwice) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("张三"), 4u);
  EXPECT_EQ(display_width("问题3 措施二"), 12u);
  EXPECT_EQ(display_width("（一）"), 6u);
}

TEST(Table, TruncateKeepsWholeCharacters) {
  EXPECT_EQ(truncate_display("短", 10), "短");
  auto cut = truncate_display("修订学习制度并严格执行", 9);
  EXPECT_EQ(cut, "修订学习…");
  EXPECT_LE(display_width(cut), 9u);
}

TEST(Table, ColumnsLineUp) {
  Table t({"编号", "姓名", "角色"});
  t.add_row({"1", "张三", "owner"});
  t.add_row({"12", "欧阳修文", "leader"});
  std::ostringstream out;
  t.print(out);
  std::istringstream lines(out.str());
  std::string line;
  std::vector<std::string> all;
  while (std::getline(lines, line))
    all.push_back(line);
  ASSERT_EQ(all.size(), 4u);
  // The third column starts at the same display column on every row.
  auto col3 = [](const std::string& l, const std::string& cell) {
    return display_width(l.substr(0, l.find(cell)));
  };
  EXPECT_EQ(col3(all[0], "角色"), col3(all[2], "owner"));
  EXPECT_EQ(col3(all[2], "owner"), col3(all[3], "leader"));
  EXPECT_EQ(all[1].find(' '), std::string("----").size());
}

}  // namespace
}  // namespace rectifyd::ctl
