#include "app/startup_summary.h"

#include <algorithm>
#include <string>
#include <vector>

#include <date/tz.h>
#include <gtest/gtest.h>

#include "temp_dir.h"

namespace rectifyd::app {
namespace {

using namespace std::chrono_literals;
using rectifyd::testing::TempDir;

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines)
    out += l + "\n";
  return out;
}

TEST(DescribeWake, ShowsTheLocalTimeAndWhatItIs) {
  const auto* shanghai = date::locate_zone("Asia/Shanghai");
  const Instant at = date::sys_days{date::year{2026} / 12 / 4} + 1h;  // 09:00 in Shanghai
  EXPECT_EQ(describe_wake(Wake{at, "reminder"}, shanghai), "12-04 09:00 reminder");
  EXPECT_EQ(describe_wake(Wake{at, ""}, shanghai), "12-04 09:00");
  EXPECT_EQ(describe_wake(std::nullopt, shanghai), "nothing planned");
}

TEST(StartupSummary, CountsTheLedgerAndNamesChannelsWithoutSecrets) {
  TempDir dir;
  auto db = store::Database::open(dir.file("a.db"));
  ASSERT_TRUE(db) << db.error().message;
  auto& sql = (*db)->sql();
  sql.exec("INSERT INTO rounds(id, name) VALUES (1, '第一轮')");
  sql.exec("INSERT INTO categories(id, round_id, ordinal, title) VALUES (1, 1, 1, '在…方面')");
  sql.exec("INSERT INTO problems(id, category_id, number, title) VALUES (1, 1, 1, '问题')");
  // Today is 2026-12-03 in Shanghai: one closed, one overdue, one due tomorrow.
  sql.exec(
      "INSERT INTO measures(problem_id, ordinal, text, due, status) VALUES "
      "(1, 1, '一', '2026-11-01', 'closed'),"
      "(1, 2, '二', '2026-12-02', 'open'),"
      "(1, 3, '三', '2026-12-04', 'in_progress')");

  config::Config c;
  c.unit.name = "某区档案馆";
  config::ChannelConfig wecom;
  wecom.id = "office-robot";
  wecom.type = config::ChannelType::wecom;
  wecom.urls = {config::Secret{"https://qyapi.weixin.qq.com/send?key=TOPSECRET", "inline"}};
  config::ChannelConfig mail;
  mail.id = "mail";
  mail.type = config::ChannelType::smtp;
  mail.smtp_url = config::Secret{"smtps://user:PASSWORD1@mail.example.org", "env:SMTP_URL"};
  mail.password = config::Secret{"PASSWORD2", "file:/etc/rectifyd/smtp"};
  c.channels.push_back(wecom);
  c.channels.push_back(mail);
  c.routing.office = {"office-robot", "mail"};
  c.source = "/etc/rectifyd/rectifyd.toml";

  const Instant now = date::sys_days{date::year{2026} / 12 / 3} + 2h;  // 10:00 in Shanghai
  const Instant wake = date::sys_days{date::year{2026} / 12 / 4} + 1h;
  std::string text = joined(startup_summary(c, **db, now, Wake{wake, "reminder"}));

  EXPECT_NE(text.find("unit:      某区档案馆"), std::string::npos) << text;
  EXPECT_NE(text.find("zone:      Asia/Shanghai, now 2026-12-03T10:00:00+08:00"), std::string::npos)
      << text;
  EXPECT_NE(text.find("config:    /etc/rectifyd/rectifyd.toml"), std::string::npos) << text;
  EXPECT_NE(text.find("ledger:    1 problems, 3 measures, 2 open, 1 overdue, completion 33.3%"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("channels:  log (log), office-robot (wecom), mail (smtp)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("office → office-robot, mail"), std::string::npos) << text;
  EXPECT_NE(text.find("next wake: 12-04 09:00 reminder"), std::string::npos) << text;
  for (const char* secret : {"TOPSECRET", "PASSWORD1", "PASSWORD2", "qyapi", "mail.example.org"})
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked:\n" << text;
}

}  // namespace
}  // namespace rectifyd::app
