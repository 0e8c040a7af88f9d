#include "config/toml_patch.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "config/config_load.h"

namespace rectifyd::config {
namespace {

namespace json = boost::json;

constexpr const char* kText =
    "# 本单位\n"
    "[unit]\n"
    "name = \"甲单位\"   # 单位名称\n"
    "\n"
    "[meeting]\n"
    "start = \"15:00\"  # 开始时间\n"
    "participants = [\n"
    "  \"张三\",  # 办公室\n"
    "  \"李四\",\n"
    "]\n"
    "\n"
    "[meeting.notice]\n"
    "before = \"2h\"\n"
    "\n"
    "[[channel]]\n"
    "id = \"log\"\n"
    "type = \"log\"\n"
    "\n"
    "[[channel]]\n"
    "id = \"ops\"\n"
    "type = \"log\"\n"
    "path = \"-\"\n";

std::string patch(const char* changes) {
  auto r = patch_toml_text(kText, json::parse(changes).as_object());
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  return r ? *r : "";
}

TEST(TomlPatchTest, ReplacesAValueAndKeepsItsComment) {
  std::string out = patch(R"({"meeting.start": "16:30"})");
  EXPECT_NE(out.find("start = \"16:30\"  # 开始时间\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("15:00"), std::string::npos);
  EXPECT_NE(out.find("# 本单位\n"), std::string::npos);
}

TEST(TomlPatchTest, ReplacesAMultiLineArrayWhole) {
  std::string out = patch(R"({"meeting.participants": ["王五"]})");
  EXPECT_NE(out.find("participants = [\"王五\"]\n\n[meeting.notice]"), std::string::npos) << out;
  EXPECT_EQ(out.find("李四"), std::string::npos);
}

TEST(TomlPatchTest, AddsAKeyToItsTableAndATableWhenMissing) {
  std::string out = patch(R"({"meeting.location": "二楼", "log.level": "debug"})");
  EXPECT_NE(out.find("]\nlocation = \"二楼\"\n\n[meeting.notice]"), std::string::npos) << out;
  EXPECT_NE(out.find("\n[log]\nlevel = \"debug\"\n"), std::string::npos) << out;
}

TEST(TomlPatchTest, FindsAChannelByItsId) {
  std::string out = patch(R"({"channel.ops.path": "/var/log/rectifyd.jsonl"})");
  EXPECT_NE(out.find("id = \"ops\"\ntype = \"log\"\npath = \"/var/log/rectifyd.jsonl\"\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("id = \"log\"\ntype = \"log\"\n\n"), std::string::npos) << out;
}

TEST(TomlPatchTest, NullRemovesAKey) {
  std::string out = patch(R"({"meeting.notice.before": null})");
  EXPECT_EQ(out.find("before"), std::string::npos) << out;
  EXPECT_NE(out.find("[meeting.notice]"), std::string::npos);
}

TEST(TomlPatchTest, SecretsBecomeInlineTablesAndQuotedKeys) {
  std::string out = patch(R"({"admin.token": {"file": "/etc/rectifyd/t"},
                              "routing.person.张三": ["ops"]})");
  EXPECT_NE(out.find("[admin]\ntoken = { file = \"/etc/rectifyd/t\" }\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("[routing.person]\n\"张三\" = [\"ops\"]\n"), std::string::npos) << out;
}

TEST(TomlPatchTest, ThePatchedTextLoads) {
  std::string out = patch(R"({"meeting.start": "16:00", "meeting.duration": "90m",
                              "deadlines.reminder_workdays_before": [5, 1, 0]})");
  auto r = config::load_config_text(out, "patched.toml");
  ASSERT_TRUE(r.ok()) << r.error_text() << "\n" << out;
  EXPECT_EQ(r.config->meeting.start, std::chrono::minutes{16 * 60});
  EXPECT_EQ(r.config->meeting.duration, std::chrono::minutes{90});
  EXPECT_EQ(r.config->deadlines.reminder_workdays_before, (std::vector<int>{5, 1, 0}));
}

TEST(TomlPatchTest, ErrorsNameTheChange) {
  auto r = patch_toml_text(kText, json::parse(R"({"channel.nosuch.path": "x"})").as_object());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.rfind("/channel.nosuch.path: ", 0), 0u) << r.error().message;
  auto r2 = patch_toml_text(kText, json::parse(R"({"start": "x"})").as_object());
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().message.rfind("/start: ", 0), 0u) << r2.error().message;
}

TEST(TomlPatchTest, StringsAreEscaped) {
  auto v = toml_value(json::value("a\"b\\c\nd"));
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, "\"a\\\"b\\\\c\\nd\"");
}

}  // namespace
}  // namespace rectifyd::config
