#include "config/secret_mask.h"

#include <gtest/gtest.h>

#include "config/config_load.h"

namespace rectifyd::config {
namespace {

const std::string kFile =
    "[admin]\n"
    "token = \"tok-SECRET-1\"   # 管理令牌\n"
    "read_only_token = { env = \"RO_TOKEN\" }\n"
    "tls_private_key = \"\"\"-----BEGIN PRIVATE KEY-----\nSECRET-5\n-----END PRIVATE "
    "KEY-----\"\"\"\n"
    "\n"
    "[[channel]]\n"
    "id = \"hook\"\n"
    "type = \"generic\"\n"
    "url = 'https://oa.example.org/hook?key=SECRET-2'\n"
    "secret = \"whsec_SECRET\\u0033\"\n"
    "\n"
    "[[channel]]\n"
    "id = \"feishu\"\n"
    "type = \"feishu\"\n"
    "urls = [\"https://open.feishu.cn/a/SECRET-4\", { file = \"/etc/rectifyd/f2\" }]\n";

const std::string kKept = "\"" + std::string(kKeptSecret) + "\"";

TEST(SecretMask, InlineSecretsAreHiddenAndTheRestKept) {
  MaskedText m = mask_secrets(kFile, "rectifyd.toml");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m.text.find("SECRET"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("token = " + kKept + "   # 管理令牌\n"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("read_only_token = { env = \"RO_TOKEN\" }"), std::string::npos);
  EXPECT_NE(m.text.find("url = " + kKept + "\n"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("urls = [" + kKept + ", { file = \"/etc/rectifyd/f2\" }]"),
            std::string::npos)
      << m.text;
}

TEST(SecretMask, ABrokenFileIsNotShown) {
  MaskedText m = mask_secrets("[admin]\ntoken = \"abc\n", "rectifyd.toml");
  EXPECT_FALSE(m.ok());
  EXPECT_TRUE(m.text.empty());
  EXPECT_EQ(m.errors.front().line, 2);
}

TEST(SecretMask, SavedPlaceholdersGetTheirValuesBack) {
  std::string edited = mask_secrets(kFile, "rectifyd.toml").text;
  // The office changes something else and moves the channels around.
  edited.replace(edited.find("id = \"feishu\""), 13, "id = \"feishu\"\nrate_per_second = 2");
  MaskedText back = restore_secrets(edited, kFile, "rectifyd.toml");
  ASSERT_TRUE(back.ok()) << back.errors.front().message;
  EXPECT_EQ(back.text.find(kKeptSecret), std::string::npos) << back.text;
  std::string expected = kFile;
  expected.replace(expected.find("id = \"feishu\""), 13, "id = \"feishu\"\nrate_per_second = 2");
  EXPECT_EQ(back.text, expected);
}

TEST(SecretMask, APlaceholderWithNothingToKeepIsAnErrorAtItsLine) {
  std::string edited = mask_secrets(kFile, "rectifyd.toml").text;
  // The channel renamed: its secrets were the old id's.
  edited.replace(edited.find("id = \"hook\""), 11, "id = \"oa\"");
  MaskedText back = restore_secrets(edited, kFile, "rectifyd.toml");
  ASSERT_EQ(back.errors.size(), 2u);
  EXPECT_EQ(back.errors[0].line, 9);
  EXPECT_EQ(back.errors[0].column, 7);
  EXPECT_EQ(back.errors[1].line, 10);
  EXPECT_NE(back.errors[0].message.find("channel.oa.url"), std::string::npos);
}

TEST(SecretMask, ANewValueReplacesTheKeptOne) {
  std::string edited = mask_secrets(kFile, "rectifyd.toml").text;
  edited.replace(edited.find("token = " + kKept), 8 + kKept.size(), "token = \"tok-NEW\"");
  MaskedText back = restore_secrets(edited, kFile, "rectifyd.toml");
  ASSERT_TRUE(back.ok());
  EXPECT_NE(back.text.find("token = \"tok-NEW\""), std::string::npos);
  EXPECT_EQ(back.text.find("tok-SECRET-1"), std::string::npos);
  EXPECT_NE(back.text.find("whsec_SECRET\\u0033"), std::string::npos);
}

TEST(SecretMask, AFileWithoutPlaceholdersIsLeftAsItIs) {
  const std::string text = "[unit]\nname = \"测试单位\"\n[meeting\n";
  EXPECT_EQ(restore_secrets(text, kFile, "rectifyd.toml").text, text);
}

}  // namespace
}  // namespace rectifyd::config
