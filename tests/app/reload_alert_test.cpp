#include "app/reload_alert.h"

#include <set>
#include <string>

#include <date/tz.h>
#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

#include "render/config_text.h"
#include "store/outbox.h"
#include "temp_dir.h"

namespace rectifyd::app {
namespace {

using namespace std::chrono_literals;
using rectifyd::testing::TempDir;

const Instant kAt = date::sys_days{date::year{2026} / 12 / 3} + 1h + 5min;  // 09:05 Shanghai

TEST(ReloadRefusedMessage, SaysTheOldConfigRunsAndListsEveryError) {
  Message m = render::reload_refused_message(
      "/etc/rectifyd/rectifyd.toml",
      "/etc/rectifyd/rectifyd.toml:3:11: meeting.weekday: expected one of monday…sunday\n"
      "/etc/rectifyd/rectifyd.toml:9:1: foo: unknown key\n",
      kAt, date::locate_zone("Asia/Shanghai"));
  EXPECT_EQ(m.kind, "config_error");
  EXPECT_EQ(m.subject, "配置重新加载失败，仍按原配置运行");
  EXPECT_NE(m.text.find("12月3日（周四） 09:05"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("请修正以下 2 处错误"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("\n1. /etc/rectifyd/rectifyd.toml:3:11: meeting.weekday"),
            std::string::npos)
      << m.text;
  EXPECT_NE(m.text.find("\n2. /etc/rectifyd/rectifyd.toml:9:1: foo"), std::string::npos) << m.text;
}

TEST(ReloadRefusedMessage, ListsAtMostTwentyErrors) {
  std::string errors;
  for (int i = 1; i <= 25; ++i)
    errors += "f.toml:" + std::to_string(i) + ":1: bad\n";
  Message m = render::reload_refused_message("f.toml", errors, kAt, nullptr);
  EXPECT_NE(m.text.find("\n20. f.toml:20:1"), std::string::npos) << m.text;
  EXPECT_EQ(m.text.find("\n21. "), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("另有 5 处"), std::string::npos) << m.text;
}

TEST(ReloadAlert, QueuesOneRowPerOfficeChannelOfTheRunningConfig) {
  TempDir dir;
  auto db = store::Database::open(dir.file("a.db"));
  ASSERT_TRUE(db) << db.error().message;
  ManualClock clock(kAt);
  auto running = std::make_shared<config::Config>();
  config::ChannelConfig robot;
  robot.id = "office-robot";
  robot.type = config::ChannelType::wecom;
  running->channels.push_back(robot);
  running->routing.office = {"log", "office-robot"};
  config::Snapshot snapshot = running;

  auto hook =
      make_reload_alert(**db, clock, "/etc/rectifyd/rectifyd.toml", [&] { return snapshot; });
  hook("/etc/rectifyd/rectifyd.toml:3:11: meeting.weekday: bad\n");
  hook("/etc/rectifyd/rectifyd.toml:3:11: meeting.weekday: bad\n");  // same instant: same keys

  auto rows = store::Outbox(**db).list(std::nullopt);
  ASSERT_EQ(rows.size(), 2u);
  std::set<std::string> channels;
  for (const auto& r : rows) {
    channels.insert(r.channel);
    EXPECT_EQ(r.kind, "config_error");
    EXPECT_EQ(r.recipient, "office");
    EXPECT_EQ(r.not_before, kAt);
    auto m = message_from_json(boost::json::parse(r.payload));
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_NE(m->text.find("meeting.weekday"), std::string::npos);
  }
  EXPECT_EQ(channels, (std::set<std::string>{"log", "office-robot"}));

  clock.advance(60s);
  hook("/etc/rectifyd/rectifyd.toml:3:11: meeting.weekday: bad\n");  // a later refusal is new
  EXPECT_EQ(store::Outbox(**db).list(std::nullopt).size(), 4u);
}

}  // namespace
}  // namespace rectifyd::app
