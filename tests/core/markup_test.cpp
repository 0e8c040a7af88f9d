#include "core/markup.h"

#include <gtest/gtest.h>

namespace rectifyd {
namespace {

TEST(Markup, EscapesTheFiveCharactersThatEndTextOrAnAttribute) {
  EXPECT_EQ(markup_escape("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(markup_escape("&amp;"), "&amp;amp;");
}

TEST(Markup, KeepsChineseTextAndLineBreaksAndDropsOtherControlCharacters) {
  EXPECT_EQ(markup_escape("请于12月4日前完成\r\n\t上传佐证材料"),
            "请于12月4日前完成\r\n\t上传佐证材料");
  EXPECT_EQ(markup_escape(std::string("a\x01"
                                      "b\x1f"
                                      "c\x7f"
                                      "d",
                                      7)),
            "abc\x7f"
            "d");
  EXPECT_EQ(markup_escape(std::string("x\0y", 3)), "xy");
  EXPECT_EQ(markup_escape(""), "");
}

}  // namespace
}  // namespace rectifyd
