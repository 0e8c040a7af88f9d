#include "config/config_diff.h"

#include <cstdlib>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json/serialize.hpp>

#include "config/config_load.h"
#include "config/default_config.h"
#include "temp_dir.h"

namespace rectifyd::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kKey = "hook-KEY-93ab71";
constexpr const char* kNewKey = "hook-KEY-0c5d12";

Config load(const std::string& text) {
  auto r = load_config_text(text, "t.toml");
  EXPECT_TRUE(r.ok()) << r.error_text();
  return r.config.value_or(Config{});
}

std::string wecom_with_url(const std::string& url_value) {
  return "[[channel]]\nid = \"log\"\ntype = \"log\"\n"
         "[[channel]]\nid = \"wecom\"\ntype = \"wecom\"\nurl = " +
         url_value + "\n[routing]\npersonal = [\"wecom\"]\n";
}

TEST(ConfigDiff, SameConfigHasNoDiff) {
  EXPECT_TRUE(diff(default_config(), default_config()).empty());
  EXPECT_EQ(diff_text(Config{}, default_config()), "");
}

TEST(ConfigDiff, OneLinePerChangedKey) {
  Config before = default_config();
  Config after = load(
      "[meeting]\nstart = \"16:00\"\nweekday = \"周四\"\n"
      "[meeting.notice]\nbefore = \"90m\"\n"
      "[deadlines]\nreminder_workdays_before = [5, 1]\n"
      "[delivery]\nprune_sent_after = \"30d\"\n");
  EXPECT_THAT(diff(before, after),
              ElementsAre("meeting.weekday: friday → thursday", "meeting.start: 15:00 → 16:00",
                          "meeting.notice.before: 2h → 1h30m",
                          "deadlines.reminder_workdays_before: [10, 3, 1, 0] → [5, 1]",
                          "delivery.prune_sent_after: 90d → 30d"));
}

TEST(ConfigDiff, SecretsShowOnlyThatTheyChanged) {
  rectifyd::testing::TempDir dir;
  std::string file = dir.write("url", std::string("https://qyapi/send?key=") + kKey);
  Config before = load(wecom_with_url("{ file = \"" + file + "\" }"));
  dir.write("url", std::string("https://qyapi/send?key=") + kNewKey);
  Config after = load(wecom_with_url("{ file = \"" + file + "\" }"));
  ::setenv("RECTIFYD_TEST_DIFF_URL", (std::string("https://qyapi/send?key=") + kKey).c_str(), 1);
  Config from_env = load(wecom_with_url("{ env = \"RECTIFYD_TEST_DIFF_URL\" }"));
  ::unsetenv("RECTIFYD_TEST_DIFF_URL");

  // Same file, new content: the value changed behind an unchanged source.
  EXPECT_THAT(diff(before, after), ElementsAre("channel.wecom.url: (changed)"));
  // Same value, new source.
  EXPECT_THAT(diff(before, from_env), ElementsAre("channel.wecom.url: (changed)"));
  for (const auto& text : {diff_text(before, after), redacted_toml(after),
                           boost::json::serialize(redacted_json(after))}) {
    EXPECT_THAT(text, Not(HasSubstr(kKey)));
    EXPECT_THAT(text, Not(HasSubstr(kNewKey)));
    EXPECT_THAT(text, Not(HasSubstr("qyapi")));
  }
}

TEST(ConfigDiff, AddedAndRemovedChannels) {
  Config before = default_config();
  Config after = load(wecom_with_url("\"https://qyapi/send?key=" + std::string(kKey) + "\""));
  auto lines = diff(before, after);
  EXPECT_THAT(lines, ::testing::Contains("routing.personal: [log] → [wecom]"));
  EXPECT_THAT(lines, ::testing::Contains("channel.wecom.type: (none) → wecom"));
  EXPECT_THAT(lines, ::testing::Contains("channel.wecom.url: (added)"));
  EXPECT_THAT(lines, ::testing::Contains("channel.wecom.rate_per_minute: (none) → 20"));
  EXPECT_THAT(diff(after, before), ::testing::Contains("channel.wecom.url: (removed)"));
  EXPECT_THAT(diff_text(before, after), Not(HasSubstr(kKey)));
}

TEST(ConfigDiff, RedactedTomlLoadsBackToTheSameSettings) {
  Config c = load(
      "[unit]\nname = \"某区档案馆 \\\"整改办\\\"\"\n"
      "[calendar]\nextra_days_off = [2026-10-09]\n"
      "[meeting]\nparticipants = [\"张三\"]\n"
      "[[channel]]\nid = \"log\"\ntype = \"log\"\npath = \"/var/log/rectifyd/messages.log\"\n"
      "[routing.person]\n\"张三\" = [\"log\"]\n");
  std::string text = redacted_toml(c);
  EXPECT_THAT(text, HasSubstr("[meeting.update_request]\n"));
  EXPECT_THAT(text, HasSubstr("[[channel]]\nid = \"log\"\n"));
  EXPECT_THAT(text, HasSubstr("\"张三\" = [\"log\"]\n"));
  EXPECT_THAT(text, HasSubstr("# token = (not set)\n"));
  auto back = load_config_text(text, "back.toml");
  ASSERT_TRUE(back.ok()) << back.error_text() << text;
  EXPECT_TRUE(diff(c, *back.config).empty()) << diff_text(c, *back.config);
}

TEST(ConfigDiff, RedactedJsonKeepsTypesAndHidesSecrets) {
  rectifyd::testing::TempDir dir;
  std::string file = dir.write("token", kKey);
  Config c = load("[admin]\ntoken = { file = \"" + file + "\" }\n");
  auto json = redacted_json(c);
  EXPECT_EQ(json.at("meeting").at("start").as_string(), "15:00");
  EXPECT_EQ(json.at("meeting").at("update_request").at("workdays_before").as_int64(), 1);
  EXPECT_EQ(json.at("meeting").at("enabled").as_bool(), true);
  EXPECT_EQ(json.at("channel").at("log").at("type").as_string(), "log");
  EXPECT_EQ(json.at("admin").at("token").as_string(), "(secret: file:" + file + ")");
  EXPECT_TRUE(json.at("admin").at("read_only_token").is_null());
  EXPECT_THAT(boost::json::serialize(json), Not(HasSubstr(kKey)));
}

TEST(ConfigDiff, DefaultFileDocumentsEverySetting) {
  // Every key the loader knows appears in config/rectifyd.toml under its table, set or in a
  // commented-out example, so a new setting cannot go undocumented.
  std::set<std::string> documented;
  std::string table;
  std::istringstream in{std::string(default_config_text())};
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("[[channel]]") || line.starts_with("# [[channel]]")) {
      table = "channel";
      continue;
    }
    if (line.starts_with("[")) {
      table = line.substr(1, line.find(']') - 1);
      continue;
    }
    std::string body = line.starts_with("# ") ? line.substr(2) : line;
    auto eq = body.find(" = ");
    if (eq == std::string::npos || body.find(' ') < eq)
      continue;
    documented.insert(table + "." + body.substr(0, eq));
  }
  Config all = default_config();
  ChannelConfig smtp;
  smtp.id = "email";
  smtp.type = ChannelType::smtp;
  ChannelConfig hook;
  hook.id = "generic";
  hook.type = ChannelType::generic;
  all.channels = {all.channels[0], smtp, hook};
  for (const auto& s : flatten(all)) {
    std::string table_name = s.table.starts_with("channel.") ? "channel" : s.table;
    std::string name = s.name == "urls" ? "url" : s.name;
    EXPECT_TRUE(documented.contains(table_name + "." + name)) << s.key() << " is undocumented";
  }
  EXPECT_TRUE(documented.contains("channel.urls"));
  EXPECT_TRUE(documented.contains("admin.token"));
}

TEST(ConfigDiff, FormatsDurationsAndTimes) {
  EXPECT_EQ(format_duration(std::chrono::seconds{0}), "0s");
  EXPECT_EQ(format_duration(90min), "1h30m");
  EXPECT_EQ(format_duration(std::chrono::hours{24 * 90}), "90d");
  EXPECT_EQ(format_duration(std::chrono::seconds{3605}), "1h5s");
  EXPECT_EQ(format_time_of_day(8h + 30min), "08:30");
}

}  // namespace
}  // namespace rectifyd::config
