#include "papers/summary_attachment.h"

#include <fstream>

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "papers_fixture.h"

namespace rectifyd::papers::testing {
namespace {

namespace json = boost::json;

plan::Intent summary(std::vector<std::string> channels, Instant planned) {
  plan::Intent i;
  i.rule = "meeting.summary";
  i.occurrence = "2026-03-06";
  i.channels = std::move(channels);
  i.planned = planned;
  i.not_before = planned;
  i.message.kind = "meeting_summary";
  i.message.subject = "本周整改推进会小结";
  return i;
}

config::Config with_channels() {
  config::Config c;
  c.unit.time_zone = "Asia/Shanghai";
  c.channels.clear();
  config::ChannelConfig mail;
  mail.id = "mail";
  mail.type = config::ChannelType::smtp;
  config::ChannelConfig robot;
  robot.id = "robot";
  robot.type = config::ChannelType::wecom;
  c.channels = {mail, robot};
  return c;
}

TEST(SummaryAttachment, TheMailedSummaryCarriesTheWeeksReportAsWord) {
  TempDir dir;
  auto db = make_ledger(dir, "a.db");
  // The summary at 16:30 on Friday 6 March in Beijing, 08:30 UTC.
  const Instant at =
      date::sys_days{date::year{2026} / 3 / 6} + std::chrono::hours{8} + std::chrono::minutes{30};
  std::vector<plan::Intent> intents{summary({"mail", "robot"}, at), summary({"robot"}, at),
                                    summary({"mail"}, at)};
  plan::Intent reminder = summary({"mail"}, at);
  reminder.rule = "deadline";
  reminder.message.kind = "reminder";
  intents.push_back(reminder);

  const config::Config cfg = with_channels();
  ASSERT_TRUE(attach_weekly_reports(*db, cfg, dir.path().string(), at, intents));

  ASSERT_EQ(intents[0].message.attachments.size(), 1u);
  const Attachment& a = intents[0].message.attachments[0];
  EXPECT_EQ(a.filename, "整改工作通报（2026年3月6日）.docx");
  EXPECT_EQ(a.filename, weekly_report_filename(LocalDate{date::year{2026} / 3 / 6}));
  EXPECT_EQ(a.content_type, kWeeklyReportFileType);
  EXPECT_TRUE(intents[1].message.attachments.empty()) << "a robot cannot carry a file";
  ASSERT_EQ(intents[2].message.attachments.size(), 1u);
  EXPECT_EQ(intents[2].message.attachments[0], a) << "one paper per meeting";
  EXPECT_TRUE(intents[3].message.attachments.empty()) << "only the summary carries the paper";

  // Word's reader sees the 通报 of that meeting day.
  const std::string path = dir.file("attached.docx");
  std::ofstream(path, std::ios::binary) << a.bytes;
  const json::value d = read_json(run_python(dir, "read_docx.py", {path}));
  std::vector<std::string> texts;
  for (const auto& p : d.at("paragraphs").as_array())
    texts.emplace_back(p.at("text").as_string());
  ASSERT_FALSE(texts.empty());
  EXPECT_EQ(texts[0], "巡察整改工作进展情况通报");
  bool dated = false;
  for (const auto& t : texts)
    dated = dated || t.starts_with("截至2026年3月6日");
  EXPECT_TRUE(dated) << "the report is not of the meeting day";
}

TEST(SummaryAttachment, NothingToMailLeavesTheIntentsAlone) {
  TempDir dir;
  auto db = make_ledger(dir, "a.db");
  std::vector<plan::Intent> intents{summary({"robot"}, kNow)};
  const auto before = intents[0].message;
  ASSERT_TRUE(attach_weekly_reports(*db, with_channels(), dir.path().string(), kNow, intents));
  EXPECT_EQ(intents[0].message, before);
}

TEST(SummaryAttachment, ThePlannedSummaryMailInTheOutboxCarriesTheReport) {
  TempDir dir;
  auto db = make_ledger(dir, "a.db");
  config::Config cfg = with_channels();
  cfg.routing.personal = {"mail"};
  cfg.routing.group = {"robot"};
  cfg.routing.office = {"robot"};
  engine::Engine engine(*db);
  engine.set_decorate(weekly_report_decorator(*db, dir.path().string()));
  // Friday 6 March, 16:31 in Beijing: the meeting ended at 16:00, its summary was due at 16:30.
  const Instant at =
      date::sys_days{date::year{2026} / 3 / 6} + std::chrono::hours{8} + std::chrono::minutes{31};
  auto run = engine.run(cfg, Calendar::with_builtin_holidays(), at);
  ASSERT_TRUE(run) << run.error().message;

  SQLite::Statement q(db->sql(),
                      "SELECT channel, payload FROM outbox WHERE kind = 'meeting_summary'");
  int mailed = 0;
  int robot = 0;
  while (q.executeStep()) {
    auto m = message_from_json(json::parse(q.getColumn(1).getString()));
    ASSERT_TRUE(m) << m.error().message;
    if (q.getColumn(0).getString() == "mail") {
      ++mailed;
      ASSERT_EQ(m->attachments.size(), 1u);
      EXPECT_EQ(m->attachments[0].filename, "整改工作通报（2026年3月6日）.docx");
      EXPECT_TRUE(m->attachments[0].bytes.starts_with("PK")) << "not a zip package";
    } else {
      ++robot;
      EXPECT_TRUE(m->attachments.empty());
    }
  }
  EXPECT_GT(mailed, 0) << "no summary mail was planned";
  EXPECT_EQ(robot, 1) << "the group's robot gets the summary once";
}

}  // namespace
}  // namespace rectifyd::papers::testing
