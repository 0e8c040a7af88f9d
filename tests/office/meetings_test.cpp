// The office's meeting actions on a real SQLite file, with the real planner engine: the rules
// every front end shares, and "send the notice now" producing the planned notice itself.

#include "office/meetings.h"

#include <set>
#include <tuple>

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "../engine/store_fixture.h"
#include "config/config_load.h"
#include "core/dates.h"
#include "engine/engine.h"
#include "store/audit.h"
#include "store/meeting_overrides.h"
#include "store/schedule_state.h"
#include "temp_dir.h"
#include "time/zone.h"

namespace rectifyd::office {
namespace {

using Notice = std::tuple<std::string, std::string, std::string>;  // key, recipient, channel

struct MeetingActionsTest : ::testing::Test {
  rectifyd::testing::TempDir dir;
  config::Snapshot config = [] {
    config::Config c = config::default_config();
    c.routing.personal = {"log", "mail"};
    c.routing.group = {"log"};
    return std::make_shared<const config::Config>(c);
  }();
  Calendar calendar = Calendar::with_builtin_holidays();
  const date::time_zone* zone = *find_zone("Asia/Shanghai");
  ManualClock clock{local("2026-03-09", 10)};  // Monday; the meeting is Friday 2026-03-13 15:00

  Instant local(const char* day, int hour) const {
    return resolve_local(*find_zone("Asia/Shanghai"), *parse_date(day), std::chrono::hours{hour});
  }

  std::unique_ptr<store::Database> fresh(const std::string& name) {
    auto db = store::Database::open(dir.file(name));
    EXPECT_TRUE(db.ok());
    engine::testing::seed_unit(**db);
    return std::move(*db);
  }

  Office office_on(store::Database& db) {
    return Office(db, clock, [this] { return config; });
  }

  void run_engine(store::Database& db, Instant at) {
    auto r = engine::Engine(db).run(*config, calendar, at);
    ASSERT_TRUE(r) << r.error().message;
  }

  static std::set<Notice> notices(store::Database& db) {
    std::set<Notice> out;
    SQLite::Statement st(db.sql(),
                         "SELECT idempotency_key, recipient, channel FROM outbox "
                         "WHERE kind = 'meeting_notice'");
    while (st.executeStep())
      out.insert(
          {st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString()});
    return out;
  }

  static std::vector<boost::json::object> notice_payloads(store::Database& db) {
    std::vector<boost::json::object> out;
    SQLite::Statement st(db.sql(), "SELECT payload FROM outbox WHERE kind = 'meeting_notice'");
    while (st.executeStep())
      out.push_back(boost::json::parse(st.getColumn(0).getString()).as_object());
    return out;
  }
};

TEST_F(MeetingActionsTest, NoticeNowIsThePlannedNoticeAndIsNotSentAgain) {
  // The control: nobody asks; the notice goes out two hours before the start.
  auto planned_db = fresh("planned.db");
  run_engine(*planned_db, clock.now());
  EXPECT_TRUE(notices(*planned_db).empty());
  run_engine(*planned_db, local("2026-03-13", 13));
  const auto planned = notices(*planned_db);
  ASSERT_FALSE(planned.empty());

  // The office asks on Monday.
  auto db = fresh("now.db");
  run_engine(*db, clock.now());
  auto o = office_on(*db);
  auto r = send_notice_now(o, {"办公室"}, *parse_date("2026-03-13"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->occurrence.key, "2026-03-13");
  EXPECT_TRUE(notices(*db).empty()) << "the planner sends it, not the action";
  run_engine(*db, clock.now());
  const auto now_sent = notices(*db);
  EXPECT_EQ(now_sent, planned) << "same keys, recipients and channels as the planned notice";
  for (const auto& p : notice_payloads(*db)) {
    ASSERT_TRUE(p.contains("meeting"));
    EXPECT_TRUE(p.at("meeting").is_object()) << "the calendar invitation rides along";
  }
  EXPECT_FALSE(store::schedule_value(*db, plan::notice_request_key("2026-03-13")))
      << "the request is consumed";

  // At the planned time nothing more goes out, and asking again is refused.
  run_engine(*db, local("2026-03-13", 13));
  run_engine(*db, local("2026-03-13", 14));
  EXPECT_EQ(notices(*db), planned);
  auto again = send_notice_now(o, {"办公室"}, *parse_date("2026-03-13"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);

  auto page = store::AuditLog(*db).list([&] {
    ::rectifyd::store::AuditQuery q;
    q.entity = "meeting:2026-03-13";
    q.limit = 10;
    return q;
  }());
  ASSERT_TRUE(page);
  ASSERT_EQ(page->entries.size(), 1u);
  EXPECT_EQ(page->entries[0].action, "meeting.notice");
  EXPECT_EQ(page->entries[0].actor, "办公室");
}

TEST_F(MeetingActionsTest, AMovedMeetingAnnouncedNowGetsItsNewTime) {
  auto db = fresh("moved.db");
  auto o = office_on(*db);
  auto moved = move_meeting(o, {"办公室"}, *parse_date("2026-03-13"), "2026-03-12 10:00", "");
  ASSERT_TRUE(moved) << moved.error().message;
  ASSERT_TRUE(send_notice_now(o, {"办公室"}, *parse_date("2026-03-13")));
  run_engine(*db, clock.now());
  auto payloads = notice_payloads(*db);
  ASSERT_FALSE(payloads.empty());
  EXPECT_EQ(payloads[0].at("meeting").at("start"), "2026-03-12T02:00:00Z");
}

TEST_F(MeetingActionsTest, ACancelledMeetingCannotBeMovedOrAnnounced) {
  auto db = fresh("cancel.db");
  auto o = office_on(*db);
  ASSERT_TRUE(cancel_meeting(o, {"办公室"}, *parse_date("2026-03-13"), "与全区会议冲突"));
  auto m = move_meeting(o, {"办公室"}, *parse_date("2026-03-13"), "2026-03-12 10:00", "");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().kind, ErrorKind::conflict);
  EXPECT_NE(m.error().message.find("已经取消，不能改期"), std::string::npos) << m.error().message;
  EXPECT_EQ(send_notice_now(o, {"办公室"}, *parse_date("2026-03-13")).error().kind,
            ErrorKind::conflict);
  EXPECT_EQ(cancel_meeting(o, {"办公室"}, *parse_date("2026-03-13"), "").error().kind,
            ErrorKind::conflict);
  auto overrides = store::load_meeting_overrides(*db);
  ASSERT_TRUE(overrides);
  EXPECT_EQ(overrides->size(), 1u) << "the refused changes wrote nothing";
}

TEST_F(MeetingActionsTest, ANonWorkingDayIsAllowedWithAWarning) {
  auto db = fresh("saturday.db");
  auto o = office_on(*db);
  auto m = move_meeting(o, {"办公室"}, *parse_date("2026-03-13"), "2026-03-14 10:00", "");
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->warnings.size(), 1u);
  EXPECT_NE(m->warnings[0].find("不是工作日"), std::string::npos) << m->warnings[0];
  auto weekday = move_meeting(o, {"办公室"}, *parse_date("2026-03-13"), "2026-03-12 10:00", "");
  ASSERT_TRUE(weekday);
  EXPECT_TRUE(weekday->warnings.empty());
  auto add = add_meeting(o, {"办公室"}, "2026-03-15 10:00", "");
  ASSERT_TRUE(add);
  EXPECT_EQ(add->warnings.size(), 1u);
}

TEST_F(MeetingActionsTest, BadTimesAreInvalidAndLocatedByTheirField) {
  auto db = fresh("bad.db");
  auto o = office_on(*db);
  auto past = move_meeting(o, {"办公室"}, *parse_date("2026-03-13"), "2026-03-01 10:00", "");
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().kind, ErrorKind::invalid);
  EXPECT_EQ(past.error().location, "/to");
  auto garbled = add_meeting(o, {"办公室"}, "下周五", "");
  ASSERT_FALSE(garbled);
  EXPECT_EQ(garbled.error().location, "/start");
  auto none = cancel_meeting(o, {"办公室"}, *parse_date("2026-03-13") - date::days{400}, "");
  ASSERT_FALSE(none);
}

}  // namespace
}  // namespace rectifyd::office
