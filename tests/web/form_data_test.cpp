#include "web/form_data.h"

#include <gtest/gtest.h>

namespace rectifyd::web {
namespace {

TEST(FormDataTest, UrlEncodedFieldsAreDecoded) {
  auto f = parse_form("application/x-www-form-urlencoded; charset=UTF-8",
                      "progress=60&note=%E5%B7%B2%E5%AE%8C%E6%88%90+%E5%88%9D%E7%A8%BF&x=");
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->field("progress"), "60");
  EXPECT_EQ(f->field("note"), "已完成 初稿");
  EXPECT_EQ(f->field("x"), "");
  EXPECT_EQ(f->field("missing"), "");
  EXPECT_FALSE(parse_form("application/x-www-form-urlencoded", "a=%E5%B"));
}

TEST(FormDataTest, MultipartKeepsFieldsAndFilesWithTheirBytes) {
  const std::string bin("\xFF\xD8\x00\r\n--not-the-boundary\r\n\x01", 26);
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"evidence\"\r\n\r\n见附件\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"照 片.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n" +
      bin +
      "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n";
  auto f = parse_form("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->field("evidence"), "见附件");
  ASSERT_EQ(f->files.size(), 2u);
  EXPECT_EQ(f->files[0].file_name, "照 片.jpg");
  EXPECT_EQ(f->files[0].content, bin);
  EXPECT_EQ(f->files[1].file_name, "");
  EXPECT_EQ(f->files[1].content, "");
}

TEST(FormDataTest, MalformedBodiesAreRefused) {
  EXPECT_FALSE(parse_form("text/plain", "a=1"));
  EXPECT_FALSE(parse_form("multipart/form-data", "--x\r\n"));
  EXPECT_FALSE(parse_form("multipart/form-data; boundary=x", "no delimiter"));
  EXPECT_FALSE(parse_form("multipart/form-data; boundary=x",
                          "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated"));
  EXPECT_FALSE(parse_form("multipart/form-data; boundary=x",
                          "--x\r\nContent-Type: text/plain\r\n\r\nv\r\n--x--"));
}

}  // namespace
}  // namespace rectifyd::web
