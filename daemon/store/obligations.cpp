#include "store/obligations.h"

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"

namespace rectifyd::store {
namespace {

constexpr const char* kSelect =
    "SELECT r.id, r.measure_id, r.rule, r.lead_days, coalesce(r.title, ''), r.starts, p.number, "
    "m.ordinal, coalesce(o.name, '') FROM recurrences r "
    "JOIN measures m ON m.id = r.measure_id "
    "JOIN problems p ON p.id = m.problem_id "
    "LEFT JOIN people o ON o.id = m.owner_id ";

ObligationRow row_of(SQLite::Statement& st) {
  ObligationRow o;
  o.id = st.getColumn(0).getInt64();
  o.measure_id = st.getColumn(1).getInt64();
  o.rule = st.getColumn(2).getString();
  o.lead_workdays = st.getColumn(3).getInt();
  o.title = st.getColumn(4).getString();
  if (!st.getColumn(5).isNull())
    o.starts = parse_date(st.getColumn(5).getString());
  o.problem_number = st.getColumn(6).getInt();
  o.measure_ordinal = st.getColumn(7).getInt();
  o.owner = st.getColumn(8).getString();
  return o;
}

}  // namespace

bool measure_exists(Database& db, Id measure) {
  SQLite::Statement st(db.sql(), "SELECT 1 FROM measures WHERE id = ?");
  st.bind(1, measure);
  return st.executeStep();
}

Id insert_obligation(Database& db, const ObligationRow& o) {
  SQLite::Statement ins(db.sql(),
                        "INSERT INTO recurrences(measure_id, rule, lead_days, title, starts) "
                        "VALUES (?,?,?,?,?)");
  ins.bind(1, o.measure_id);
  ins.bind(2, o.rule);
  ins.bind(3, o.lead_workdays);
  ins.bind(4, o.title);
  if (o.starts)
    ins.bind(5, format_date(*o.starts));
  else
    ins.bind(5);
  ins.exec();
  return db.sql().getLastInsertRowid();
}

std::vector<ObligationRow> active_obligations(Database& db) {
  SQLite::Statement st(db.sql(), std::string(kSelect) + "WHERE r.active = 1 ORDER BY r.id");
  std::vector<ObligationRow> out;
  while (st.executeStep())
    out.push_back(row_of(st));
  return out;
}

std::optional<ObligationRow> obligation(Database& db, Id id) {
  SQLite::Statement st(db.sql(), std::string(kSelect) + "WHERE r.id = ?");
  st.bind(1, id);
  if (!st.executeStep())
    return std::nullopt;
  return row_of(st);
}

void record_occurrence_done(Database& db, Id obligation, LocalDate due, Instant at,
                            const std::string& by, const std::string& note) {
  SQLite::Statement up(db.sql(),
                       "INSERT INTO occurrences(recurrence_id, due, completed_at, completed_by, "
                       "note) VALUES (?,?,?,?,?) ON CONFLICT(recurrence_id, due) DO UPDATE SET "
                       "completed_at = excluded.completed_at, "
                       "completed_by = excluded.completed_by, note = excluded.note");
  up.bind(1, obligation);
  up.bind(2, format_date(due));
  up.bind(3, format_instant_utc(at));
  up.bind(4, by);
  up.bind(5, note);
  up.exec();
}

}  // namespace rectifyd::store
