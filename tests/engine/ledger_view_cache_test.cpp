#include "engine/ledger_view_cache.h"

#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "core/dates.h"
#include "store/ledger_view_reader.h"
#include "temp_dir.h"

namespace rectifyd::engine {
namespace {

using namespace std::chrono_literals;
using Text = std::optional<std::string>;

void bind_one(SQLite::Statement& st, int i, Id v) {
  st.bind(i, static_cast<std::int64_t>(v));
}
void bind_one(SQLite::Statement& st, int i, int v) {
  st.bind(i, v);
}
void bind_one(SQLite::Statement& st, int i, const std::string& v) {
  st.bind(i, v);
}
void bind_one(SQLite::Statement& st, int i, const char* v) {
  st.bind(i, std::string(v));
}
void bind_one(SQLite::Statement& st, int i, const Text& v) {
  if (v)
    st.bind(i, *v);
  else
    st.bind(i);
}
void bind_one(SQLite::Statement& st, int i, const std::optional<Id>& v) {
  if (v)
    st.bind(i, static_cast<std::int64_t>(*v));
  else
    st.bind(i);
}

template <class... A>
void exec(store::Database& db, const std::string& sql, const A&... args) {
  SQLite::Statement st(db.sql(), sql);
  int i = 0;
  (bind_one(st, ++i, args), ...);
  st.exec();
}

std::vector<Id> ids(store::Database& db, const std::string& sql) {
  std::vector<Id> out;
  SQLite::Statement st(db.sql(), sql);
  while (st.executeStep())
    out.push_back(st.getColumn(0).getInt64());
  return out;
}

/// The first field in which two views differ, for a readable failure.
std::string first_difference(const plan::LedgerView& a, const plan::LedgerView& b) {
  if (a.people != b.people)
    return "people";
  if (a.person_zones != b.person_zones)
    return "person_zones";
  if (a.open_by_due != b.open_by_due) {
    std::ostringstream s;
    s << "open_by_due (" << a.open_by_due.size() << " vs " << b.open_by_due.size() << " dates)";
    return s.str();
  }
  if (a.undated != b.undated)
    return "undated";
  if (a.obligations != b.obligations)
    return "obligations";
  if (a.completed_occurrences != b.completed_occurrences)
    return "completed_occurrences";
  if (a.pending_extensions != b.pending_extensions)
    return "pending_extensions";
  if (a.meeting_overrides != b.meeting_overrides)
    return "meeting_overrides";
  if (a.closed_recently != b.closed_recently)
    return "closed_recently";
  if (a.measures_total != b.measures_total || a.measures_done != b.measures_done)
    return "measures_total/measures_done";
  if (a.measure_labels != b.measure_labels)
    return "measure_labels";
  return a == b ? "" : "another field";
}

const char* const kStatuses[] = {"open",   "in_progress", "done_reported",
                                 "closed", "ongoing",     "not_applicable"};
const char* const kZones[] = {"", "", "", "Europe/Berlin", "America/New_York"};

/// A random ledger in a real SQLite file, and random edits to it through the store, each
/// reported as the LedgerChange the application layer would report.
class RandomLedger {
 public:
  RandomLedger(store::Database& db, unsigned seed, Instant now) : db_(db), rng_(seed), now_(now) {}

  void seed() {
    db_.write([&] {
      exec(db_, "INSERT INTO rounds(id, name) VALUES (1, '测试巡察')");
      for (int i = 0; i < 12; ++i)
        add_person();
      for (int c = 1; c <= 3; ++c)
        exec(db_, "INSERT INTO categories(round_id, ordinal, title) VALUES (1, ?, ?)", c,
             "方面" + std::to_string(c));
      for (int p = 0; p < 10; ++p)
        add_problem();
      for (int m = 0; m < 60; ++m)
        add_measure();
      for (int r = 0; r < 8; ++r)
        add_recurrence();
      for (int o = 0; o < 10; ++o)
        complete_occurrence();
      for (int e = 0; e < 5; ++e)
        request_extension();
      add_meeting_override();
    });
    change_ = LedgerChange{};
  }

  /// One random edit; what it changed is added to change().
  void edit() {
    db_.write([&] {
      switch (pick(24)) {
        case 0:
        case 1:
        case 2:
          set_status();
          break;
        case 3:
        case 4:
          set_due();
          break;
        case 5:
          set_owner();
          break;
        case 6:
          set_progress();
          break;
        case 7:
          add_measure();
          break;
        case 8:
          delete_measure();
          break;
        case 9:
          move_measure();
          break;
        case 10:
          add_person();
          break;
        case 11:
          edit_person();
          break;
        case 12:
          delete_person();
          break;
        case 13:
          set_leader();
          break;
        case 14:
          renumber_problem();
          break;
        case 15:
          if (pick(3) == 0)
            delete_problem();
          else
            add_problem();
          break;
        case 16:
          if (pick(4) == 0)
            delete_category();
          else
            add_measure();
          break;
        case 17:
          add_recurrence();
          break;
        case 18:
          edit_recurrence();
          break;
        case 19:
          complete_occurrence();
          break;
        case 20:
          request_extension();
          break;
        case 21:
          decide_extension();
          break;
        case 22:
          add_meeting_override();
          break;
        default:
          set_text();
          break;
      }
    });
  }

  LedgerChange take_change() { return std::exchange(change_, LedgerChange{}); }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  void set_now(Instant now) { now_ = now; }

 private:
  template <class T>
  std::optional<T> one_of(const std::vector<T>& v) {
    if (v.empty())
      return std::nullopt;
    return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))];
  }
  std::optional<Id> any(const std::string& sql) { return one_of(ids(db_, sql)); }
  std::optional<Id> any_measure() { return any("SELECT id FROM measures ORDER BY id"); }
  std::optional<Id> any_person() { return any("SELECT id FROM people ORDER BY id"); }
  std::optional<Id> any_problem() { return any("SELECT id FROM problems ORDER BY id"); }
  std::optional<Id> any_owner() { return pick(6) == 0 ? std::nullopt : any_person(); }

  std::string date(int from, int span) {
    return format_date(*parse_date("2026-03-01") + date::days{from + pick(span)});
  }
  std::string instant_around_now() {
    // Closed between eight weeks ago and tomorrow: on both sides of the five-week window.
    return format_instant_utc(now_ - 56 * 24h + std::chrono::hours{pick(57 * 24)});
  }
  Text maybe_due() { return pick(8) == 0 ? Text{} : Text{date(-30, 120)}; }

  void note_measure(Id id) { change_.measures.push_back(id); }

  void add_person() {
    const int n = ++people_;
    exec(db_, "INSERT INTO people(name, email, roles, time_zone) VALUES (?, ?, ?, ?)",
         "人员" + std::to_string(n), "p" + std::to_string(n) + "@example.org",
         pick(3) == 0 ? "leader,owner" : "owner", kZones[pick(5)]);
    change_.people.push_back(db_.sql().getLastInsertRowid());
  }
  void edit_person() {
    auto id = any_person();
    if (!id)
      return;
    switch (pick(4)) {
      case 0:
        exec(db_, "UPDATE people SET name = ? WHERE id = ?", "改名" + std::to_string(++people_),
             *id);
        break;
      case 1:
        exec(db_, "UPDATE people SET active = 1 - active WHERE id = ?", *id);
        break;
      case 2:
        exec(db_, "UPDATE people SET time_zone = ? WHERE id = ?", kZones[pick(5)], *id);
        break;
      default:
        exec(db_, "UPDATE people SET roles = ?, title = ? WHERE id = ?",
             pick(2) ? "chief" : "office,owner", "科长", *id);
        break;
    }
    change_.people.push_back(*id);
  }
  void delete_person() {
    // Only someone nobody refers to: the schema keeps owners and leaders.
    auto id =
        any("SELECT id FROM people WHERE id NOT IN (SELECT owner_id FROM measures WHERE owner_id "
            "IS NOT NULL) AND id NOT IN (SELECT leader_id FROM problems WHERE leader_id IS NOT "
            "NULL) ORDER BY id");
    if (!id)
      return;
    exec(db_, "DELETE FROM people WHERE id = ?", *id);
    change_.people.push_back(*id);
  }

  void add_problem() {
    auto category = any("SELECT id FROM categories ORDER BY id");
    if (!category)
      return;
    const int number = ++problems_;
    exec(db_, "INSERT INTO problems(category_id, number, title, leader_id) VALUES (?, ?, ?, ?)",
         *category, number, "问题" + std::to_string(number), any_owner());
    change_.problems.push_back(db_.sql().getLastInsertRowid());
  }
  void set_leader() {
    if (auto p = any_problem()) {
      exec(db_, "UPDATE problems SET leader_id = ? WHERE id = ?", any_owner(), *p);
      change_.problems.push_back(*p);
    }
  }
  void renumber_problem() {
    if (auto p = any_problem()) {
      exec(db_, "UPDATE problems SET number = ? WHERE id = ?", ++problems_, *p);
      change_.problems.push_back(*p);
    }
  }
  void delete_problem() {
    if (auto p = any_problem()) {
      exec(db_, "DELETE FROM problems WHERE id = ?", *p);
      change_.problems.push_back(*p);
    }
  }
  void delete_category() {
    if (auto c = any("SELECT id FROM categories ORDER BY id")) {
      exec(db_, "DELETE FROM categories WHERE id = ?", *c);
      change_.categories.push_back(*c);
    }
  }

  void add_measure() {
    auto problem = any_problem();
    if (!problem)
      return;
    const char* status = kStatuses[pick(6)];
    const bool closed = std::string(status) == "closed";
    exec(db_,
         "INSERT INTO measures(problem_id, ordinal, text, owner_id, due, status, progress, "
         "planned_progress, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
         *problem, 1 + pick(9), "措施" + std::to_string(pick(1000)), any_owner(), maybe_due(),
         status, pick(101), pick(101), closed ? Text{instant_around_now()} : Text{});
    note_measure(db_.sql().getLastInsertRowid());
  }
  void set_status() {
    auto id = any_measure();
    if (!id)
      return;
    const char* status = kStatuses[pick(6)];
    if (std::string(status) == "closed")
      exec(db_, "UPDATE measures SET status = ?, closed_at = ? WHERE id = ?", status,
           instant_around_now(), *id);
    else
      exec(db_, "UPDATE measures SET status = ? WHERE id = ?", status, *id);
    note_measure(*id);
  }
  void set_due() {
    if (auto id = any_measure()) {
      exec(db_, "UPDATE measures SET due = ? WHERE id = ?", maybe_due(), *id);
      note_measure(*id);
    }
  }
  void set_owner() {
    if (auto id = any_measure()) {
      exec(db_, "UPDATE measures SET owner_id = ? WHERE id = ?", any_owner(), *id);
      note_measure(*id);
    }
  }
  void set_progress() {
    if (auto id = any_measure()) {
      exec(db_,
           "UPDATE measures SET progress = ?, planned_progress = ?, last_progress_at = ? "
           "WHERE id = ?",
           pick(101), pick(101), instant_around_now(), *id);
      note_measure(*id);
    }
  }
  void set_text() {
    if (auto id = any_measure()) {
      exec(db_, "UPDATE measures SET text = ?, ordinal = ? WHERE id = ?",
           "改写" + std::to_string(pick(1000)), 1 + pick(9), *id);
      note_measure(*id);
    }
  }
  void move_measure() {
    auto id = any_measure();
    auto problem = any_problem();
    if (id && problem) {
      exec(db_, "UPDATE measures SET problem_id = ? WHERE id = ?", *problem, *id);
      note_measure(*id);
    }
  }
  void delete_measure() {
    if (auto id = any_measure()) {
      exec(db_, "DELETE FROM measures WHERE id = ?", *id);
      note_measure(*id);
    }
  }

  void add_recurrence() {
    if (auto m = any_measure()) {
      exec(db_,
           "INSERT INTO recurrences(measure_id, rule, lead_days, title, starts) "
           "VALUES (?, ?, ?, ?, ?)",
           *m, pick(2) ? "monthly:15" : "weekly:mon", 1 + pick(5), "台账" + std::to_string(pick(9)),
           pick(2) ? Text{date(-60, 30)} : Text{});
      change_.obligations.push_back(db_.sql().getLastInsertRowid());
    }
  }
  void edit_recurrence() {
    auto r = any("SELECT id FROM recurrences ORDER BY id");
    if (!r)
      return;
    switch (pick(3)) {
      case 0:
        exec(db_, "UPDATE recurrences SET active = 1 - active WHERE id = ?", *r);
        // As the application layer reports it today: obligations changed, no ids.
        change_.all_obligations = true;
        return;
      case 1:
        exec(db_, "UPDATE recurrences SET lead_days = ?, title = ? WHERE id = ?", 1 + pick(7),
             "改" + std::to_string(pick(9)), *r);
        break;
      default:
        exec(db_, "DELETE FROM recurrences WHERE id = ?", *r);
        break;
    }
    change_.obligations.push_back(*r);
  }
  void complete_occurrence() {
    auto r = any("SELECT id FROM recurrences ORDER BY id");
    if (!r)
      return;
    if (pick(4) == 0) {
      exec(db_, "UPDATE occurrences SET completed_at = NULL WHERE recurrence_id = ?", *r);
    } else {
      exec(db_,
           "INSERT INTO occurrences(recurrence_id, due, completed_at) VALUES (?, ?, ?) "
           "ON CONFLICT(recurrence_id, due) DO UPDATE SET completed_at = excluded.completed_at",
           *r, date(-90, 120), instant_around_now());
    }
    change_.obligations.push_back(*r);
  }
  void request_extension() {
    if (auto m = any_measure()) {
      exec(db_,
           "INSERT INTO extensions(measure_id, requested_at, requested_by, old_due, new_due, "
           "reason) VALUES (?, ?, '王五', ?, ?, '材料未齐')",
           *m, instant_around_now(), date(0, 30), date(30, 30));
      note_measure(*m);
    }
  }
  void decide_extension() {
    SQLite::Statement st(
        db_.sql(), "SELECT id, measure_id FROM extensions WHERE state = 'pending' ORDER BY id");
    std::vector<std::pair<Id, Id>> pending;
    while (st.executeStep())
      pending.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getInt64());
    if (auto e = one_of(pending)) {
      exec(db_, "UPDATE extensions SET state = ? WHERE id = ?", pick(2) ? "approved" : "rejected",
           e->first);
      note_measure(e->second);
    }
  }
  void add_meeting_override() {
    exec(db_,
         "INSERT INTO meeting_overrides(week_of, action, note, created_at) "
         "VALUES (?, 'cancel', '', ?)",
         date(0, 60), format_instant_utc(now_));
    change_.meetings = true;
  }

  store::Database& db_;
  std::mt19937 rng_;
  Instant now_;
  LedgerChange change_;
  int people_ = 0;
  int problems_ = 0;
};

struct LedgerViewCacheTest : ::testing::Test {
  rectifyd::testing::TempDir dir;
  const Instant start = *parse_instant("2026-03-11T01:00:00Z");

  std::unique_ptr<store::Database> open(const std::string& name) {
    auto db = store::Database::open(dir.file(name));
    EXPECT_TRUE(db.ok());
    return std::move(*db);
  }

  /// Syncs inside a transaction, as the engine does, and compares with a fresh read.
  SyncStats sync_and_compare(LedgerViewCache& cache, store::Database& db, Instant now,
                             const LedgerChange& change) {
    SyncStats stats;
    db.write([&] { stats = cache.sync(db, now, change); });
    const plan::LedgerView fresh = store::read_ledger_view(db, now);
    EXPECT_EQ(first_difference(cache.view(), fresh), "");
    EXPECT_TRUE(cache.view() == fresh);
    return stats;
  }
};

TEST_F(LedgerViewCacheTest, APatchedViewEqualsAFreshReadAfterRandomEditsAsTimeMoves) {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    auto db = open("random" + std::to_string(seed) + ".db");
    RandomLedger ledger(*db, seed, start);
    ledger.seed();
    LedgerViewCache cache;
    Instant now = start;
    EXPECT_TRUE(sync_and_compare(cache, *db, now, LedgerChange{}).full);
    std::size_t patched = 0;
    for (int step = 0; step < 100; ++step) {
      SCOPED_TRACE("step " + std::to_string(step));
      const int edits = ledger.pick(4);  // none: time alone moves the view
      for (int i = 0; i < edits; ++i)
        ledger.edit();
      // Mostly forward, by up to six days; now and then the clock is set back.
      if (ledger.pick(12) == 0)
        now -= std::chrono::hours{ledger.pick(20 * 24)};
      else
        now += std::chrono::hours{ledger.pick(6 * 24)};
      ledger.set_now(now);
      const SyncStats stats = sync_and_compare(cache, *db, now, ledger.take_change());
      if (::testing::Test::HasFailure())
        return;
      if (!stats.full)
        ++patched;
    }
    // Every sync patched; only a change too wide (none here) or another connection reads whole.
    EXPECT_EQ(patched, 100u);
  }
}

TEST_F(LedgerViewCacheTest, ClosedRecentlyFollowsTheClockWithoutEdits) {
  auto db = open("window.db");
  db->sql().exec(R"sql(
    INSERT INTO people(id, name, roles) VALUES (1, '王五', 'owner');
    INSERT INTO rounds(id, name) VALUES (1, '测试巡察');
    INSERT INTO categories(id, round_id, ordinal, title) VALUES (1, 1, 1, '方面一');
    INSERT INTO problems(id, category_id, number, title) VALUES (1, 1, 3, '问题三');
    INSERT INTO measures(id, problem_id, ordinal, text, status, closed_at) VALUES
      (1, 1, 1, '一', 'closed', '2026-02-01T00:00:00Z'),
      (2, 1, 2, '二', 'closed', '2026-02-20T00:00:00Z');
    INSERT INTO extensions(measure_id, requested_at, requested_by, old_due, new_due)
      VALUES (1, '2026-01-20T00:00:00Z', '王五', '2026-01-31', '2026-02-28');
  )sql");
  LedgerViewCache cache;
  // 2026-03-01: both closed within five weeks.
  const Instant march1 = *parse_instant("2026-03-01T00:00:00Z");
  sync_and_compare(cache, *db, march1, LedgerChange{});
  EXPECT_EQ(cache.view().closed_recently.size(), 2u);
  // Measure 1 leaves the window on 2026-03-08; its label stays for its pending extension.
  const Instant march9 = *parse_instant("2026-03-09T00:00:00Z");
  EXPECT_FALSE(sync_and_compare(cache, *db, march9, LedgerChange{}).full);
  ASSERT_EQ(cache.view().closed_recently.size(), 1u);
  EXPECT_EQ(cache.view().closed_recently[0].first, 2);
  EXPECT_EQ(cache.view().measure_labels.count(1), 1u);
  // Measure 2 leaves on 2026-03-27, and with nothing else to keep it, its label.
  const Instant march30 = *parse_instant("2026-03-30T00:00:00Z");
  sync_and_compare(cache, *db, march30, LedgerChange{});
  EXPECT_TRUE(cache.view().closed_recently.empty());
  EXPECT_EQ(cache.view().measure_labels.count(2), 0u);
  // The clock set back to March 1 brings both back.
  EXPECT_FALSE(sync_and_compare(cache, *db, march1, LedgerChange{}).full);
  EXPECT_EQ(cache.view().closed_recently.size(), 2u);
}

TEST_F(LedgerViewCacheTest, ACommitByAnotherConnectionIsReadWhole) {
  auto db = open("shared.db");
  RandomLedger ledger(*db, 7, start);
  ledger.seed();
  LedgerViewCache cache;
  EXPECT_TRUE(sync_and_compare(cache, *db, start, LedgerChange{}).full);
  EXPECT_FALSE(sync_and_compare(cache, *db, start, LedgerChange{}).full);

  // rectifyctl on the same file: a second connection, nothing reported.
  auto other = open("shared.db");
  other->write([&] { exec(*other, "UPDATE measures SET due = '2026-03-12', status = 'open'"); });
  EXPECT_TRUE(sync_and_compare(cache, *db, start, LedgerChange{}).full);
  EXPECT_FALSE(sync_and_compare(cache, *db, start, LedgerChange{}).full);
}

TEST_F(LedgerViewCacheTest, EverythingAndAWideChangeAreReadWhole) {
  auto db = open("wide.db");
  RandomLedger ledger(*db, 3, start);
  ledger.seed();
  LedgerViewCache cache;
  sync_and_compare(cache, *db, start, LedgerChange{});
  EXPECT_TRUE(sync_and_compare(cache, *db, start, LedgerChange::all()).full);
  LedgerChange wide;
  for (Id id = 1; id <= static_cast<Id>(LedgerViewCache::kMaxPatchedMeasures) + 1; ++id)
    wide.measures.push_back(id);
  EXPECT_TRUE(sync_and_compare(cache, *db, start, wide).full);
  EXPECT_FALSE(sync_and_compare(cache, *db, start, LedgerChange::measure(1)).full);
}

}  // namespace
}  // namespace rectifyd::engine
