#include "store/ledger_view_reader.h"

#include <stdexcept>

#include "core/dates.h"
#include "core/names.h"
#include "ledger/label.h"
#include "store/meeting_overrides.h"

namespace rectifyd::store {
namespace {

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

std::string col_label(SQLite::Statement& st, int number, int ordinal) {
  return ledger::measure_label(st.getColumn(number).getInt(), st.getColumn(ordinal).getInt());
}

// Each row mapping below goes with the column list beside it; the full read and the reads by id
// select the same columns so that both build equal values.

constexpr const char* kPersonColumns =
    "SELECT id, name, email, mobile, wecom_id, dingtalk_id, feishu_id, roles, time_zone, active, "
    "title, department FROM people";

Person person_from(SQLite::Statement& st) {
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
  return p;
}

constexpr const char* kMeasureColumns =
    "SELECT m.id, m.problem_id, p.number, m.ordinal, m.text, m.owner_id, p.leader_id, m.status, "
    "m.progress, m.planned_progress, m.last_progress_at, m.due, m.closed_at "
    "FROM measures m JOIN problems p ON p.id = m.problem_id";

MeasureRow measure_from(SQLite::Statement& st) {
  MeasureRow r;
  plan::DeadlineItem& it = r.item;
  it.measure_id = st.getColumn(0).getInt64();
  it.problem_id = st.getColumn(1).getInt64();
  it.label = col_label(st, 2, 3);
  it.text = st.getColumn(4).getString();
  it.owner_id = col_id(st, 5);
  it.leader_id = col_id(st, 6);
  it.status = parse_measure_status(st.getColumn(7).getString()).value_or(MeasureStatus::open);
  it.progress = st.getColumn(8).getInt();
  it.planned_progress = st.getColumn(9).getInt();
  it.last_progress_at = col_instant(st, 10);
  r.due = col_date(st, 11);
  if (r.due)
    it.due = *r.due;
  r.closed_at = col_instant(st, 12);
  return r;
}

constexpr const char* kRecurrenceColumns =
    "SELECT r.id, r.measure_id, r.rule, r.lead_days, r.title, r.starts, p.number, m.ordinal, "
    "m.problem_id, m.owner_id, p.leader_id, r.active, m.status "
    "FROM recurrences r JOIN measures m ON m.id = r.measure_id "
    "JOIN problems p ON p.id = m.problem_id";

plan::ObligationRule rule_from(SQLite::Statement& st) {
  plan::ObligationRule r;
  r.id = st.getColumn(0).getInt64();
  r.measure_id = st.getColumn(1).getInt64();
  r.rule = st.getColumn(2).getString();
  r.lead_workdays = st.getColumn(3).getInt();
  r.title = st.getColumn(4).getString();
  r.starts = col_date(st, 5);
  r.label = col_label(st, 6, 7);
  r.problem_id = st.getColumn(8).getInt64();
  r.owner_id = col_id(st, 9);
  r.leader_id = col_id(st, 10);
  return r;
}

constexpr const char* kExtensionColumns =
    "SELECT e.id, e.measure_id, e.requested_at, e.requested_by, e.old_due, e.new_due, e.reason, "
    "p.number, m.ordinal "
    "FROM extensions e JOIN measures m ON m.id = e.measure_id "
    "JOIN problems p ON p.id = m.problem_id WHERE e.state = 'pending'";

Extension extension_from(SQLite::Statement& st) {
  Extension e;
  e.id = st.getColumn(0).getInt64();
  e.measure_id = st.getColumn(1).getInt64();
  e.requested_at = col_instant(st, 2).value_or(Instant{});
  e.requested_by = st.getColumn(3).getString();
  e.old_due = col_date(st, 4).value_or(LocalDate{});
  e.new_due = col_date(st, 5).value_or(LocalDate{});
  e.reason = st.getColumn(6).getString();
  return e;
}

constexpr const char* kClosedColumns =
    "SELECT m.id, m.closed_at, p.number, m.ordinal "
    "FROM measures m JOIN problems p ON p.id = m.problem_id "
    "WHERE m.status = 'closed' AND m.closed_at >= ?";

ClosedMeasure closed_from(SQLite::Statement& st) {
  return {st.getColumn(0).getInt64(), col_instant(st, 1).value_or(Instant{}), col_label(st, 2, 3)};
}

bool is_open(MeasureStatus s) {
  return s == MeasureStatus::open || s == MeasureStatus::in_progress ||
         s == MeasureStatus::done_reported;
}

void read_people(Database& db, plan::LedgerView& v) {
  SQLite::Statement st(db.sql(), std::string(kPersonColumns) + " ORDER BY id");
  while (st.executeStep()) {
    Person p = person_from(st);
    v.people.emplace_hint(v.people.end(), p.id, std::move(p));
  }
  v.person_zones = plan::person_zones_of(v.people);
}

void read_open_measures(Database& db, plan::LedgerView& v) {
  // The WHERE clause repeats the partial index measures_open_due: open work in due order.
  SQLite::Statement st(db.sql(), std::string(kMeasureColumns) +
                                     " WHERE m.status IN ('open','in_progress','done_reported') "
                                     "ORDER BY m.due, m.id");
  std::vector<plan::DeadlineItem>* group = nullptr;
  std::optional<LocalDate> group_due;
  while (st.executeStep()) {
    MeasureRow r = measure_from(st);
    if (!r.due) {
      v.undated.push_back(std::move(r.item));
      continue;
    }
    if (!group_due || *group_due != *r.due) {
      group = &v.open_by_due
                   .emplace_hint(v.open_by_due.end(), *r.due, std::vector<plan::DeadlineItem>{})
                   ->second;
      group_due = r.due;
    }
    group->push_back(std::move(r.item));
  }
}

void read_obligations(Database& db, plan::LedgerView& v) {
  SQLite::Statement st(db.sql(), std::string(kRecurrenceColumns) +
                                     " WHERE r.active = 1 AND m.status <> 'not_applicable' "
                                     "ORDER BY r.id");
  while (st.executeStep())
    v.obligations.push_back(rule_from(st));
  SQLite::Statement done(db.sql(),
                         "SELECT recurrence_id, due FROM occurrences "
                         "WHERE completed_at IS NOT NULL ORDER BY recurrence_id, due");
  while (done.executeStep()) {
    if (auto d = col_date(done, 1))
      v.completed_occurrences.emplace_back(done.getColumn(0).getInt64(), *d);
  }
}

void read_meeting_inputs(Database& db, plan::LedgerView& v, Instant now) {
  SQLite::Statement ext(db.sql(), std::string(kExtensionColumns) + " ORDER BY e.id");
  while (ext.executeStep()) {
    Extension e = extension_from(ext);
    v.measure_labels[e.measure_id] = col_label(ext, 7, 8);
    v.pending_extensions.push_back(std::move(e));
  }

  auto overrides = store::load_meeting_overrides(db);
  if (!overrides)
    throw std::runtime_error(overrides.error().message);
  v.meeting_overrides = std::move(*overrides);

  SQLite::Statement closed(db.sql(), std::string(kClosedColumns) + " ORDER BY m.closed_at, m.id");
  closed.bind(1, format_instant_utc(closed_recently_since(now)));
  while (closed.executeStep()) {
    ClosedMeasure c = closed_from(closed);
    v.closed_recently.emplace_back(c.id, c.closed_at);
    v.measure_labels[c.id] = std::move(c.label);
  }

  SQLite::Statement counts(db.sql(),
                           "SELECT count(*), coalesce(sum(status IN "
                           "('closed','ongoing','not_applicable')), 0) FROM measures");
  if (counts.executeStep()) {
    v.measures_total = counts.getColumn(0).getInt64();
    v.measures_done = counts.getColumn(1).getInt64();
  }
}

}  // namespace

Instant closed_recently_since(Instant now) {
  return now - std::chrono::days{35};
}

plan::LedgerView read_ledger_view(Database& db, Instant now) {
  plan::LedgerView v;
  read_people(db, v);
  read_open_measures(db, v);
  read_obligations(db, v);
  read_meeting_inputs(db, v, now);
  return v;
}

std::vector<MeasureSlot> read_measure_slots(Database& db) {
  std::vector<MeasureSlot> out;
  SQLite::Statement st(db.sql(), "SELECT id, problem_id, status, due FROM measures ORDER BY id");
  while (st.executeStep()) {
    MeasureSlot s;
    s.id = st.getColumn(0).getInt64();
    s.problem_id = st.getColumn(1).getInt64();
    s.status = parse_measure_status(st.getColumn(2).getString()).value_or(MeasureStatus::open);
    if (is_open(s.status))
      s.due = col_date(st, 3);
    out.push_back(s);
  }
  return out;
}

std::vector<std::pair<Id, Id>> read_recurrence_measures(Database& db) {
  std::vector<std::pair<Id, Id>> out;
  SQLite::Statement st(db.sql(), "SELECT id, measure_id FROM recurrences ORDER BY id");
  while (st.executeStep())
    out.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getInt64());
  return out;
}

std::vector<std::pair<Id, Id>> read_problem_categories(Database& db) {
  std::vector<std::pair<Id, Id>> out;
  SQLite::Statement st(db.sql(), "SELECT id, category_id FROM problems ORDER BY id");
  while (st.executeStep())
    out.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getInt64());
  return out;
}

std::int64_t data_version(Database& db) {
  return db.sql().execAndGet("PRAGMA data_version").getInt64();
}

SQLite::Statement& LedgerRowReader::prepared(std::optional<SQLite::Statement>& slot,
                                             const char* sql) {
  if (!slot)
    slot.emplace(db_.sql(), sql);
  else
    slot->reset();
  return *slot;
}

std::optional<Person> LedgerRowReader::person(Id id) {
  static const std::string sql = std::string(kPersonColumns) + " WHERE id = ?";
  auto& st = prepared(person_, sql.c_str());
  st.bind(1, id);
  if (!st.executeStep())
    return std::nullopt;
  ++rows_;
  return person_from(st);
}

std::optional<MeasureRow> LedgerRowReader::measure(Id id) {
  static const std::string sql = std::string(kMeasureColumns) + " WHERE m.id = ?";
  auto& st = prepared(measure_, sql.c_str());
  st.bind(1, id);
  if (!st.executeStep())
    return std::nullopt;
  ++rows_;
  return measure_from(st);
}

std::vector<Extension> LedgerRowReader::pending_extensions(Id measure_id) {
  static const std::string sql =
      std::string(kExtensionColumns) + " AND e.measure_id = ? ORDER BY e.id";
  auto& st = prepared(extensions_, sql.c_str());
  st.bind(1, measure_id);
  std::vector<Extension> out;
  while (st.executeStep()) {
    ++rows_;
    out.push_back(extension_from(st));
  }
  return out;
}

std::optional<RecurrenceRow> LedgerRowReader::recurrence(Id id) {
  static const std::string sql = std::string(kRecurrenceColumns) + " WHERE r.id = ?";
  auto& st = prepared(recurrence_, sql.c_str());
  st.bind(1, id);
  if (!st.executeStep())
    return std::nullopt;
  ++rows_;
  RecurrenceRow r;
  r.id = st.getColumn(0).getInt64();
  r.measure_id = st.getColumn(1).getInt64();
  if (st.getColumn(11).getInt() == 1 && st.getColumn(12).getString() != "not_applicable")
    r.rule = rule_from(st);
  return r;
}

std::vector<LocalDate> LedgerRowReader::completed_dues(Id recurrence_id) {
  auto& st = prepared(completed_,
                      "SELECT due FROM occurrences "
                      "WHERE recurrence_id = ? AND completed_at IS NOT NULL ORDER BY due");
  st.bind(1, recurrence_id);
  std::vector<LocalDate> out;
  while (st.executeStep()) {
    ++rows_;
    if (auto d = col_date(st, 0))
      out.push_back(*d);
  }
  return out;
}

std::vector<Id> LedgerRowReader::measures_of_problem(Id problem_id) {
  auto& st =
      prepared(problem_measures_, "SELECT id FROM measures WHERE problem_id = ? ORDER BY id");
  st.bind(1, problem_id);
  std::vector<Id> out;
  while (st.executeStep())
    out.push_back(st.getColumn(0).getInt64());
  return out;
}

std::vector<Id> LedgerRowReader::recurrences_of_measure(Id measure_id) {
  auto& st =
      prepared(measure_recurrences_, "SELECT id FROM recurrences WHERE measure_id = ? ORDER BY id");
  st.bind(1, measure_id);
  std::vector<Id> out;
  while (st.executeStep())
    out.push_back(st.getColumn(0).getInt64());
  return out;
}

std::optional<Id> LedgerRowReader::problem_category(Id problem_id) {
  auto& st = prepared(problem_category_, "SELECT category_id FROM problems WHERE id = ?");
  st.bind(1, problem_id);
  if (!st.executeStep())
    return std::nullopt;
  return st.getColumn(0).getInt64();
}

bool LedgerRowReader::category_exists(Id category_id) {
  auto& st = prepared(category_, "SELECT 1 FROM categories WHERE id = ?");
  st.bind(1, category_id);
  return st.executeStep();
}

std::vector<ClosedMeasure> LedgerRowReader::closed_between(Instant since, Instant until) {
  static const std::string sql =
      std::string(kClosedColumns) + " AND m.closed_at < ? ORDER BY m.closed_at, m.id";
  auto& st = prepared(closed_, sql.c_str());
  st.bind(1, format_instant_utc(since));
  st.bind(2, format_instant_utc(until));
  std::vector<ClosedMeasure> out;
  while (st.executeStep()) {
    ++rows_;
    out.push_back(closed_from(st));
  }
  return out;
}

}  // namespace rectifyd::store
