#include "plan/engine.h"

#include <exception>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "ledger/label.h"
#include "plan/intent_writer.h"
#include "plan/meeting_overrides.h"
#include "store/outbox.h"
#include "time/zone.h"

namespace rectifyd::plan {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::microseconds since(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0);
}

std::optional<Id> col_id(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  if (c.isNull())
    return std::nullopt;
  return c.getInt64();
}

std::optional<LocalDate> col_date(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  if (c.isNull())
    return std::nullopt;
  return parse_date(c.getString());
}

std::optional<Instant> col_instant(SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  if (c.isNull())
    return std::nullopt;
  return parse_instant(c.getString());
}

void load_people(store::Database& db, LedgerView& v) {
  SQLite::Statement st(db.sql(),
                       "SELECT id, name, email, mobile, wecom_id, dingtalk_id, feishu_id, roles, "
                       "time_zone, active, title, department FROM people");
  while (st.executeStep()) {
    Person p;
    p.id = st.getColumn(0).getInt64();
    p.name = st.getColumn(1).getString();
    p.email = st.getColumn(2).getString();
    p.mobile = st.getColumn(3).getString();
    p.wecom_id = st.getColumn(4).getString();
    p.dingtalk_id = st.getColumn(5).getString();
    p.feishu_id = st.getColumn(6).getString();
    p.roles = parse_roles(st.getColumn(7).getString()).value_or(Roles{});
    p.time_zone = st.getColumn(8).getString();
    p.active = st.getColumn(9).getInt() != 0;
    p.title = st.getColumn(10).getString();
    p.department = st.getColumn(11).getString();
    v.people.emplace_hint(v.people.end(), p.id, std::move(p));
  }
  v.person_zones = person_zones_of(v.people);
}

void load_open_measures(store::Database& db, LedgerView& v) {
  // The WHERE clause repeats the partial index measures_open_due: open work in due order.
  SQLite::Statement st(db.sql(),
                       "SELECT m.id, m.problem_id, p.number, m.ordinal, m.text, m.owner_id, "
                       "p.leader_id, m.status, m.progress, m.planned_progress, "
                       "m.last_progress_at, m.due "
                       "FROM measures m JOIN problems p ON p.id = m.problem_id "
                       "WHERE m.status IN ('open','in_progress','done_reported') "
                       "ORDER BY m.due, m.id");
  std::vector<DeadlineItem>* group = nullptr;
  std::optional<LocalDate> group_due;
  while (st.executeStep()) {
    DeadlineItem it;
    it.measure_id = st.getColumn(0).getInt64();
    it.problem_id = st.getColumn(1).getInt64();
    it.label = ledger::measure_label(st.getColumn(2).getInt(), st.getColumn(3).getInt());
    it.text = st.getColumn(4).getString();
    it.owner_id = col_id(st, 5);
    it.leader_id = col_id(st, 6);
    it.status = parse_measure_status(st.getColumn(7).getString()).value_or(MeasureStatus::open);
    it.progress = st.getColumn(8).getInt();
    it.planned_progress = st.getColumn(9).getInt();
    it.last_progress_at = col_instant(st, 10);
    const auto due = col_date(st, 11);
    if (!due) {
      v.undated.push_back(std::move(it));
      continue;
    }
    it.due = *due;
    if (!group_due || *group_due != *due) {
      group = &v.open_by_due.emplace_hint(v.open_by_due.end(), *due, std::vector<DeadlineItem>{})
                   ->second;
      group_due = due;
    }
    group->push_back(std::move(it));
  }
}

void load_obligations(store::Database& db, LedgerView& v) {
  SQLite::Statement st(db.sql(),
                       "SELECT r.id, r.measure_id, r.rule, r.lead_days, r.title, r.starts, "
                       "p.number, m.ordinal, m.problem_id, m.owner_id, p.leader_id "
                       "FROM recurrences r JOIN measures m ON m.id = r.measure_id "
                       "JOIN problems p ON p.id = m.problem_id "
                       "WHERE r.active = 1 AND m.status <> 'not_applicable' ORDER BY r.id");
  while (st.executeStep()) {
    ObligationRule r;
    r.id = st.getColumn(0).getInt64();
    r.measure_id = st.getColumn(1).getInt64();
    r.rule = st.getColumn(2).getString();
    r.lead_workdays = st.getColumn(3).getInt();
    r.title = st.getColumn(4).getString();
    r.starts = col_date(st, 5);
    r.label = ledger::measure_label(st.getColumn(6).getInt(), st.getColumn(7).getInt());
    r.problem_id = st.getColumn(8).getInt64();
    r.owner_id = col_id(st, 9);
    r.leader_id = col_id(st, 10);
    v.obligations.push_back(std::move(r));
  }
  SQLite::Statement done(
      db.sql(), "SELECT recurrence_id, due FROM occurrences WHERE completed_at IS NOT NULL");
  while (done.executeStep()) {
    if (auto d = col_date(done, 1))
      v.completed_occurrences.emplace_back(done.getColumn(0).getInt64(), *d);
  }
}

void load_meeting_inputs(store::Database& db, LedgerView& v, Instant now) {
  SQLite::Statement ext(db.sql(),
                        "SELECT e.id, e.measure_id, e.requested_at, e.requested_by, e.old_due, "
                        "e.new_due, e.reason, p.number, m.ordinal "
                        "FROM extensions e JOIN measures m ON m.id = e.measure_id "
                        "JOIN problems p ON p.id = m.problem_id "
                        "WHERE e.state = 'pending' ORDER BY e.id");
  while (ext.executeStep()) {
    Extension e;
    e.id = ext.getColumn(0).getInt64();
    e.measure_id = ext.getColumn(1).getInt64();
    e.requested_at = col_instant(ext, 2).value_or(Instant{});
    e.requested_by = ext.getColumn(3).getString();
    e.old_due = col_date(ext, 4).value_or(LocalDate{});
    e.new_due = col_date(ext, 5).value_or(LocalDate{});
    e.reason = ext.getColumn(6).getString();
    v.measure_labels[e.measure_id] =
        ledger::measure_label(ext.getColumn(7).getInt(), ext.getColumn(8).getInt());
    v.pending_extensions.push_back(std::move(e));
  }

  auto overrides = load_meeting_overrides(db);
  if (!overrides)
    throw std::runtime_error(overrides.error().message);
  v.meeting_overrides = std::move(*overrides);

  SQLite::Statement closed(db.sql(),
                           "SELECT m.id, m.closed_at, p.number, m.ordinal "
                           "FROM measures m JOIN problems p ON p.id = m.problem_id "
                           "WHERE m.status = 'closed' AND m.closed_at >= ? ORDER BY m.closed_at");
  closed.bind(1, format_instant_utc(now - std::chrono::days{35}));
  while (closed.executeStep()) {
    const Id id = closed.getColumn(0).getInt64();
    v.closed_recently.emplace_back(id, col_instant(closed, 1).value_or(Instant{}));
    v.measure_labels[id] =
        ledger::measure_label(closed.getColumn(2).getInt(), closed.getColumn(3).getInt());
  }

  SQLite::Statement counts(db.sql(),
                           "SELECT count(*), coalesce(sum(status IN "
                           "('closed','ongoing','not_applicable')), 0) FROM measures");
  if (counts.executeStep()) {
    v.measures_total = counts.getColumn(0).getInt64();
    v.measures_done = counts.getColumn(1).getInt64();
  }
}

void write_state(store::Database& db, const ScheduleState& changes) {
  SQLite::Statement put(db.sql(),
                        "INSERT INTO schedule_state(key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  SQLite::Statement del(db.sql(), "DELETE FROM schedule_state WHERE key = ?");
  for (const auto& [key, value] : changes) {
    if (value.empty()) {
      del.bind(1, key);
      del.exec();
      del.reset();
    } else {
      put.bind(1, key);
      put.bind(2, value);
      put.exec();
      put.reset();
    }
  }
}

}  // namespace

LedgerView load_ledger_view(store::Database& db, Instant now) {
  LedgerView v;
  load_people(db, v);
  load_open_measures(db, v);
  load_obligations(db, v);
  load_meeting_inputs(db, v, now);
  return v;
}

ScheduleState load_schedule_state(store::Database& db) {
  ScheduleState s;
  SQLite::Statement st(db.sql(), "SELECT key, value FROM schedule_state");
  while (st.executeStep())
    s.emplace_hint(s.end(), st.getColumn(0).getString(), st.getColumn(1).getString());
  return s;
}

Result<EngineRun> Engine::run(const config::Config& config, const Calendar& calendar, Instant now) {
  auto zone = find_zone(config.unit.time_zone);
  if (!zone)
    return zone.error();
  try {
    return db_.write([&]() -> EngineRun {
      EngineRun r;
      auto t0 = Clock::now();
      const LedgerView ledger = load_ledger_view(db_, now);
      const ScheduleState state = load_schedule_state(db_);
      r.load_time = since(t0);
      step("loaded", 0);

      t0 = Clock::now();
      const PlanInput in{config, calendar, *zone, ledger, state, now};
      PlanOutput out = plan(in);
      r.plan_time = since(t0);

      t0 = Clock::now();
      r.rows_added = write_intents(db_, out.intents, now,
                                   [this](std::size_t rows) { step("enqueued", rows); });
      write_state(db_, out.state_changes);
      step("state", 0);
      step("commit", 0);
      r.write_time = since(t0);
      r.intents = out.intents.size();
      r.next_wake = out.next_wake;
      return r;
    });
  } catch (const std::exception& e) {
    return Error{std::string("planner run failed, nothing was written: ") + e.what()};
  }
}

}  // namespace rectifyd::plan
