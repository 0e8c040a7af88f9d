#include "engine/engine.h"

#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <set>

#include <SQLiteCpp/Statement.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "store_fixture.h"
#include "temp_dir.h"
#include "time/zone.h"

namespace rectifyd::engine {
namespace {

using ::testing::ElementsAre;

struct Row {
  std::string key;
  std::string kind;
  std::string recipient;
  std::string not_before;  ///< the send time: a rerun after a crash may send a little later
  std::string payload;
  bool operator==(const Row& o) const {
    return key == o.key && kind == o.kind && recipient == o.recipient && payload == o.payload;
  }
  bool operator<(const Row& o) const { return key < o.key; }
};

std::vector<Row> outbox_rows(store::Database& db) {
  std::vector<Row> rows;
  SQLite::Statement st(db.sql(),
                       "SELECT idempotency_key, kind, recipient, not_before, payload FROM outbox "
                       "ORDER BY idempotency_key");
  while (st.executeStep()) {
    rows.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                    st.getColumn(2).getString(), st.getColumn(3).getString(),
                    st.getColumn(4).getString()});
  }
  return rows;
}

std::vector<std::string> keys(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows)
    out.push_back(r.key);
  return out;
}

struct EngineTest : ::testing::Test {
  rectifyd::testing::TempDir dir;
  config::Config config;
  Calendar calendar = Calendar::with_builtin_holidays();
  const date::time_zone* zone = *find_zone("Asia/Shanghai");

  EngineTest() {
    config.meeting.enabled = false;
    config.routing.personal = {"log", "wecom"};
  }

  Instant local(const char* iso_day, int hour) const {
    return resolve_local(zone, *parse_date(iso_day), std::chrono::hours{hour});
  }

  std::unique_ptr<store::Database> fresh(const std::string& name) {
    auto db = store::Database::open(dir.file(name));
    EXPECT_TRUE(db.ok());
    testing::seed_unit(**db);
    return std::move(*db);
  }
};

TEST_F(EngineTest, WritesOneRowPerIntentAndChannelWithTheState) {
  auto db = fresh("a.db");
  Engine engine(*db);
  auto first = engine.run(config, calendar, local("2026-03-11", 8));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->rows_added, 0u);
  EXPECT_EQ(first->next_wake, local("2026-03-11", 9));

  auto r = engine.run(config, calendar, local("2026-03-11", 9));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->intents, 2u);
  EXPECT_EQ(r->rows_added, 4u);
  EXPECT_EQ(r->next_wake, local("2026-03-12", 9));
  const auto rows = outbox_rows(*db);
  EXPECT_THAT(keys(rows), ElementsAre("deadline/2026-03-11T01:00:00Z/p1/log",
                                      "deadline/2026-03-11T01:00:00Z/p1/wecom",
                                      "deadline/2026-03-11T01:00:00Z/p5/log",
                                      "deadline/2026-03-11T01:00:00Z/p5/wecom"));
  EXPECT_EQ(rows[0].kind, "overdue");
  EXPECT_EQ(rows[0].not_before, "2026-03-11T01:00:00Z");
  auto msg = message_from_json(boost::json::parse(rows[0].payload));
  ASSERT_TRUE(msg.ok()) << msg.error().message;
  EXPECT_EQ(msg->subject, "整改督办：1项措施已逾期，1项即将到期");
  ASSERT_EQ(msg->items.size(), 2u);
  EXPECT_EQ(msg->items[0].label, "问题3 措施一");
  EXPECT_EQ(msg->items[1].label, "问题3 措施二");
  EXPECT_EQ(msg->to.at(0).email, "wangwu@example.org");
  // 钱七: measure 3 only; the closed and the done_reported ones are quiet.
  auto msg2 = message_from_json(boost::json::parse(rows[2].payload));
  ASSERT_TRUE(msg2.ok());
  ASSERT_EQ(msg2->items.size(), 1u);
  EXPECT_EQ(msg2->items[0].measure_id, 3);

  EXPECT_EQ(load_schedule_state(*db).at("last_run"), "2026-03-11T01:00:00Z");
  // The same instant again: the window is empty.
  auto again = engine.run(config, calendar, local("2026-03-11", 9));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->rows_added, 0u);
  EXPECT_EQ(outbox_rows(*db).size(), 4u);
}

TEST_F(EngineTest, LoadsTheLedgerViewThePlannerNeeds) {
  auto db = fresh("v.db");
  db->sql().exec(
      "INSERT INTO recurrences(id, measure_id, rule, lead_days, title) "
      "VALUES (7, 4, 'monthly:15', 3, '工作日志抽查');"
      "INSERT INTO occurrences(recurrence_id, due, completed_at) "
      "VALUES (7, '2026-02-13', '2026-02-12T03:00:00Z');"
      "INSERT INTO extensions(id, measure_id, requested_at, requested_by, old_due, new_due) "
      "VALUES (1, 2, '2026-03-01T01:00:00Z', '王五', '2026-03-12', '2026-03-31');");
  const plan::LedgerView v = load_ledger_view(*db, local("2026-03-11", 9));
  EXPECT_EQ(v.people.size(), 5u);
  EXPECT_TRUE(v.people.at(2).roles.has(Role::leader));
  EXPECT_EQ(v.open_by_due.size(), 3u);
  EXPECT_EQ(v.open_by_due.at(*parse_date("2026-03-11")).size(), 2u);  // open + done_reported
  const plan::DeadlineItem& m2 = v.open_by_due.at(*parse_date("2026-03-12")).at(0);
  EXPECT_EQ(m2.label, "问题3 措施二");
  EXPECT_EQ(m2.leader_id, 2);
  EXPECT_EQ(m2.status, MeasureStatus::in_progress);
  ASSERT_EQ(v.obligations.size(), 1u);
  EXPECT_EQ(v.obligations[0].owner_id, 5);
  EXPECT_EQ(v.obligations[0].label, "问题3 措施四");
  ASSERT_EQ(v.completed_occurrences.size(), 1u);
  ASSERT_EQ(v.pending_extensions.size(), 1u);
  EXPECT_EQ(v.measure_labels.at(2), "问题3 措施二");
  EXPECT_EQ(v.measures_total, 5);
  EXPECT_EQ(v.measures_done, 1);
}

TEST_F(EngineTest, ACrashAtAnyStepNeitherLosesNorRepeats) {
  // The reference: a clean run, recording every step it passes.
  std::vector<std::pair<std::string, std::size_t>> steps;
  std::vector<Row> expected;
  {
    auto db = fresh("ref.db");
    Engine engine(*db);
    ASSERT_TRUE(engine.run(config, calendar, local("2026-03-11", 8)).ok());
    engine.set_fault_hook(
        [&](std::string_view s, std::size_t n) { steps.emplace_back(std::string(s), n); });
    ASSERT_TRUE(engine.run(config, calendar, local("2026-03-11", 9)).ok());
    expected = outbox_rows(*db);
  }
  ASSERT_EQ(expected.size(), 4u);
  ASSERT_EQ(steps.size(), 7u);  // loaded, 4 × enqueued, state, commit

  for (std::size_t k = 0; k < steps.size(); ++k) {
    SCOPED_TRACE("crash at step " + steps[k].first + " " + std::to_string(steps[k].second));
    auto db = fresh("crash" + std::to_string(k) + ".db");
    Engine engine(*db);
    ASSERT_TRUE(engine.run(config, calendar, local("2026-03-11", 8)).ok());
    const plan::ScheduleState before = load_schedule_state(*db);
    std::size_t calls = 0;
    engine.set_fault_hook([&](std::string_view, std::size_t) {
      if (calls++ == k)
        throw std::runtime_error("simulated crash");
    });
    auto crashed = engine.run(config, calendar, local("2026-03-11", 9));
    EXPECT_FALSE(crashed.ok());
    EXPECT_TRUE(outbox_rows(*db).empty());
    EXPECT_EQ(load_schedule_state(*db), before);

    // Restarted a little later: the same rows, once.
    engine.set_fault_hook(nullptr);
    auto rerun = engine.run(config, calendar, local("2026-03-11", 9) + std::chrono::minutes{3});
    ASSERT_TRUE(rerun.ok());
    EXPECT_EQ(outbox_rows(*db), expected);
    auto after = engine.run(config, calendar, local("2026-03-11", 10));
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->rows_added, 0u);
    EXPECT_EQ(outbox_rows(*db), expected);
  }
}

TEST_F(EngineTest, AProcessKilledMidTransactionLosesNothing) {
  std::vector<Row> expected;
  {
    auto db = fresh("ref.db");
    Engine engine(*db);
    ASSERT_TRUE(engine.run(config, calendar, local("2026-03-11", 8)).ok());
    ASSERT_TRUE(engine.run(config, calendar, local("2026-03-11", 9)).ok());
    expected = outbox_rows(*db);
  }
  for (std::size_t kill_at : {1u, 3u, 6u}) {
    SCOPED_TRACE("killed at step " + std::to_string(kill_at));
    const std::string path = "killed" + std::to_string(kill_at) + ".db";
    {
      auto db = fresh(path);
      Engine engine(*db);
      ASSERT_TRUE(engine.run(config, calendar, local("2026-03-11", 8)).ok());
    }
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto db = store::Database::open(dir.file(path));
      if (!db.ok())
        ::_exit(2);
      Engine engine(**db);
      std::size_t calls = 0;
      engine.set_fault_hook([&](std::string_view, std::size_t) {
        if (++calls == kill_at)
          ::kill(::getpid(), SIGKILL);
      });
      (void)engine.run(config, calendar, local("2026-03-11", 9));
      ::_exit(3);  // not reached
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(WTERMSIG(status), SIGKILL);

    auto db = store::Database::open(dir.file(path));
    ASSERT_TRUE(db.ok());
    EXPECT_TRUE(outbox_rows(**db).empty());
    Engine engine(**db);
    ASSERT_TRUE(
        engine.run(config, calendar, local("2026-03-11", 9) + std::chrono::minutes{1}).ok());
    EXPECT_EQ(outbox_rows(**db), expected);
  }
}

TEST_F(EngineTest, ANotedEditIsPlannedFromTheKeptViewAsFromAWholeRead) {
  // Two copies of the unit: one engine is told what changed, the other reads whole.
  auto kept_db = fresh("kept.db");
  auto whole_db = fresh("whole.db");
  Engine kept(*kept_db);
  Engine whole(*whole_db);
  for (int hour : {8, 9}) {
    ASSERT_TRUE(kept.run(config, calendar, local("2026-03-11", hour)).ok());
    ASSERT_TRUE(whole.run(config, calendar, local("2026-03-11", hour)).ok());
  }
  // Measure 4 (closed) reopened, due on the 12th; 钱七 (5) renamed.
  for (auto* db : {kept_db.get(), whole_db.get()}) {
    db->sql().exec(
        "UPDATE measures SET status = 'open', due = '2026-03-12' WHERE id = 4;"
        "UPDATE people SET name = '钱八' WHERE id = 5;");
  }
  LedgerChange change = LedgerChange::measure(4);
  change.merge(LedgerChange::person(5));
  kept.note_change(change);
  whole.reload();

  auto k = kept.run(config, calendar, local("2026-03-12", 9));
  auto w = whole.run(config, calendar, local("2026-03-12", 9));
  ASSERT_TRUE(k.ok()) << k.error().message;
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_FALSE(k->full_read);
  EXPECT_EQ(k->rows_read, 2u);  // the measure and the person
  EXPECT_TRUE(w->full_read);
  EXPECT_EQ(kept.ledger_view(), whole.ledger_view());
  const auto rows = outbox_rows(*kept_db);
  EXPECT_EQ(rows, outbox_rows(*whole_db));
  bool named = false;
  for (const auto& r : rows)
    named = named || (r.recipient == "钱八" && r.payload.find("问题3 措施四") != std::string::npos);
  EXPECT_TRUE(named);
}

TEST_F(EngineTest, AnEditByAnotherConnectionIsReadWithoutBeingNoted) {
  auto db = fresh("other.db");
  Engine engine(*db);
  auto first = engine.run(config, calendar, local("2026-03-11", 8));
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->full_read);
  auto quiet = engine.run(config, calendar, local("2026-03-11", 8) + std::chrono::minutes{1});
  ASSERT_TRUE(quiet.ok());
  EXPECT_FALSE(quiet->full_read);

  // rectifyctl writes the file while the daemon runs.
  auto other = store::Database::open(dir.file("other.db"));
  ASSERT_TRUE(other.ok());
  (*other)->sql().exec("UPDATE measures SET status = 'closed' WHERE id IN (1, 2, 3)");
  auto r = engine.run(config, calendar, local("2026-03-11", 9));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->full_read);
  EXPECT_EQ(r->intents, 0u);  // nothing open is due or overdue any more
  EXPECT_EQ(engine.ledger_view(), load_ledger_view(*db, local("2026-03-11", 9)));
}

TEST_F(EngineTest, AnUnknownZoneIsAnErrorThatChangesNothing) {
  auto db = fresh("z.db");
  config.unit.time_zone = "Mars/Olympus";
  Engine engine(*db);
  auto r = engine.run(config, calendar, local("2026-03-11", 9));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("Mars/Olympus"), std::string::npos);
  EXPECT_TRUE(load_schedule_state(*db).empty());
}

}  // namespace
}  // namespace rectifyd::engine
