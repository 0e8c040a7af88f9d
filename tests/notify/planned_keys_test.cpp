// The keys the planner makes, end to end: a real planner run on a real SQLite file, delivered
// by the dispatcher to a receiver that reads header values the way Python's http.server does
// (as Latin-1) and verifies every signature with the code docs/generic-webhook.md shows.

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include <SQLiteCpp/Statement.h>
#include <boost/asio/io_context.hpp>

#include "core/dates.h"
#include "engine/engine.h"
#include "http_sink.h"
#include "notify/dispatcher.h"
#include "store/outbox.h"
#include "temp_dir.h"
#include "time/calendar.h"
#include "time/clock.h"
#include "time/zone.h"

namespace rectifyd::notify {
namespace {

using namespace std::chrono_literals;
using rectifyd::testing::HttpSink;
using rectifyd::testing::TempDir;

constexpr const char* kWhsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

void seed(store::Database& db) {
  db.sql().exec(R"sql(
    INSERT INTO people(id, name, email, roles) VALUES
      (1, '赵国栋', 'zhaoguodong@example.org', 'owner'),
      (2, '李四', 'lisi@example.org', 'leader,owner'),
      (3, '张三', 'zhangsan@example.org', 'chief'),
      (4, '赵六', 'zhaoliu@example.org', 'office'),
      (5, '责任人0001', 'owner0001@example.org', 'owner');
    INSERT INTO rounds(id, name) VALUES (1, '2026年区委第一轮巡察');
    INSERT INTO categories(id, round_id, ordinal, title) VALUES (1, 1, 1, '党的领导');
    INSERT INTO problems(id, category_id, number, title, leader_id) VALUES
      (1, 1, 3, '地方志编纂指导不够', 2);
    INSERT INTO measures(id, problem_id, ordinal, text, owner_id, due, status) VALUES
      (1, 1, 1, '制定村志编纂工作方案', 1, '2026-03-13', 'open'),
      (2, 1, 2, '组织业务培训', 5, '2026-03-10', 'open');
  )sql");
}

bool printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c > 0x20 && c < 0x7f;
  });
}

TEST(PlannedKeys, EverySignatureVerifiesAtALatin1Receiver) {
  TempDir dir;
  auto opened = store::Database::open(dir.file("d.db"));
  ASSERT_TRUE(opened.ok());
  auto& db = **opened;
  seed(db);
  HttpSink sink(dir.path().string(), rectifyd::testing::SinkSecrets{kWhsec, "", ""});

  auto cfg = std::make_shared<config::Config>();
  config::ChannelConfig hook;
  hook.id = "hook";
  hook.type = config::ChannelType::generic;
  hook.urls.push_back({sink.url("/generic/a"), "inline"});
  hook.secret = {kWhsec, "inline"};
  hook.timeout = 5s;
  hook.concurrency = 8;
  cfg->channels = {hook};
  cfg->routing.personal = {"hook"};
  cfg->routing.group = {"hook"};
  cfg->routing.office = {"hook"};
  cfg->deadlines.reminder_workdays_before = {0};

  // Friday 2026-03-13 at 14:00, the first start: a reminder to 赵国栋, an overdue alert to
  // 责任人0001 and the leader, the meeting's nudge and notice to the group and participants.
  const date::time_zone* zone = *find_zone("Asia/Shanghai");
  ManualClock clock(resolve_local(zone, *parse_date("2026-03-13"), 14h));
  engine::Engine engine(db);
  auto run = engine.run(*cfg, Calendar::with_builtin_holidays(), clock.now());
  ASSERT_TRUE(run.ok()) << run.error().message;
  ASSERT_GE(run->rows_added, 5u);

  boost::asio::io_context io;
  Dispatcher d(io, db, clock, cfg);
  ASSERT_TRUE(d.start().ok());
  bool idle = false;
  d.on_idle([&] {
    idle = true;
    io.stop();
  });
  io.run_for(20s);
  ASSERT_TRUE(idle);

  std::set<std::string> keys;
  std::set<std::string> people_keys;
  for (const auto& r : store::Outbox(db).list(std::nullopt, 1000)) {
    EXPECT_EQ(r.state, store::OutboxState::sent) << r.key << ": " << r.last_error;
    EXPECT_TRUE(printable_ascii(r.key)) << r.key;
    keys.insert(r.key);
    if (r.recipient != "group" && r.recipient != "office")
      people_keys.insert(r.key);
  }
  EXPECT_GE(people_keys.size(), 3u);
  auto requests = sink.requests("/generic/a");
  ASSERT_EQ(requests.size(), keys.size());
  for (const auto& req : requests) {
    const auto& h = req.at("headers").as_object();
    const std::string id(h.at("webhook-id").as_string());
    EXPECT_EQ(req.at("verified"), true) << id;
    EXPECT_TRUE(keys.contains(id)) << "the receiver read " << id;
  }
}

}  // namespace
}  // namespace rectifyd::notify
