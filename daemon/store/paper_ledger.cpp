#include "store/paper_ledger.h"

#include <exception>
#include <string>
#include <unordered_map>
#include <utility>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"
#include "core/names.h"

namespace rectifyd::store {
namespace {

/// Dates repeat a great deal in a ledger; parse each text once.
class DateCache {
 public:
  std::optional<LocalDate> get(const SQLite::Column& c) {
    if (c.isNull())
      return std::nullopt;
    std::string s = c.getString();
    auto it = cache_.find(s);
    if (it == cache_.end())
      it = cache_.emplace(s, parse_date(s)).first;
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::optional<LocalDate>> cache_;
};

std::optional<Id> id_of(const SQLite::Column& c) {
  if (c.isNull())
    return std::nullopt;
  return c.getInt64();
}

}  // namespace

Result<PaperLedger> read_paper_ledger(Database& db) {
  try {
    auto& sql = db.sql();
    PaperLedger ledger;
    {
      SQLite::Statement q(sql,
                          "SELECT id, name, title, department, email, roles, active FROM people "
                          "ORDER BY id");
      while (q.executeStep()) {
        Person p;
        p.id = q.getColumn(0).getInt64();
        p.name = q.getColumn(1).getString();
        p.title = q.getColumn(2).getString();
        p.department = q.getColumn(3).getString();
        p.email = q.getColumn(4).getString();
        p.roles = parse_roles(q.getColumn(5).getString()).value_or(Roles{});
        p.active = q.getColumn(6).getInt() != 0;
        ledger.people.push_back(std::move(p));
      }
    }
    DateCache dates;
    SQLite::Statement round(
        sql,
        "SELECT id, name, feedback_date, plan_due, report_due FROM rounds ORDER BY id DESC "
        "LIMIT 1");
    if (!round.executeStep())
      return ledger;
    Round r;
    r.id = round.getColumn(0).getInt64();
    r.name = round.getColumn(1).getString();
    r.feedback_date = dates.get(round.getColumn(2));
    r.plan_due = dates.get(round.getColumn(3));
    r.report_due = dates.get(round.getColumn(4));
    ledger.round = r;
    {
      SQLite::Statement q(sql,
                          "SELECT id, ordinal, title FROM categories WHERE round_id = ? "
                          "ORDER BY ordinal");
      q.bind(1, r.id);
      while (q.executeStep()) {
        Category c;
        c.id = q.getColumn(0).getInt64();
        c.round_id = r.id;
        c.ordinal = q.getColumn(1).getInt();
        c.title = q.getColumn(2).getString();
        ledger.categories.push_back(std::move(c));
      }
    }
    {
      // A problem's own status came with the plan importer's schema step; older ledgers
      // have none.
      const bool has_status =
          sql.execAndGet("SELECT count(*) FROM pragma_table_info('problems') WHERE name = 'status'")
              .getInt() > 0;
      SQLite::Statement q(
          sql, std::string("SELECT p.id, p.category_id, p.number, p.title, p.leader_id, ") +
                   (has_status ? "p.status " : "NULL ") +
                   "FROM problems p JOIN categories c ON c.id = p.category_id "
                   "WHERE c.round_id = ? ORDER BY c.ordinal, p.number, p.id");
      q.bind(1, r.id);
      while (q.executeStep()) {
        PaperProblem p;
        p.problem.id = q.getColumn(0).getInt64();
        p.problem.category_id = q.getColumn(1).getInt64();
        p.problem.number = q.getColumn(2).getInt();
        p.problem.title = q.getColumn(3).getString();
        p.problem.leader_id = id_of(q.getColumn(4));
        if (!q.getColumn(5).isNull())
          p.stated = parse_measure_status(q.getColumn(5).getString());
        ledger.problems.push_back(std::move(p));
      }
    }
    SQLite::Statement q(
        sql,
        "SELECT m.id, m.problem_id, m.ordinal, m.text, m.owner_id, m.due, m.original_due, "
        "m.status, m.evidence, m.na_reason, m.planned_progress, m.progress, m.talks, "
        "m.regulations, m.funds_returned_fen, m.closed_at, m.self_criticisms, m.party_fees_fen, "
        "m.closed_on FROM measures m JOIN problems p ON p.id = m.problem_id "
        "JOIN categories c ON c.id = p.category_id WHERE c.round_id = ? "
        "ORDER BY c.ordinal, p.number, m.ordinal, m.id");
    q.bind(1, r.id);
    while (q.executeStep()) {
      PaperMeasure row;
      Measure& m = row.measure;
      m.id = q.getColumn(0).getInt64();
      m.problem_id = q.getColumn(1).getInt64();
      m.ordinal = q.getColumn(2).getInt();
      m.text = q.getColumn(3).getString();
      m.owner_id = id_of(q.getColumn(4));
      m.due = dates.get(q.getColumn(5));
      m.original_due = dates.get(q.getColumn(6));
      m.status = parse_measure_status(q.getColumn(7).getString()).value_or(MeasureStatus::open);
      m.evidence = q.getColumn(8).getString();
      m.na_reason = q.getColumn(9).getString();
      m.planned_progress = q.getColumn(10).getInt();
      m.progress = q.getColumn(11).getInt();
      m.talks = q.getColumn(12).getInt();
      m.regulations = q.getColumn(13).getInt();
      m.funds_returned_fen = q.getColumn(14).getInt64();
      row.self_criticisms = q.getColumn(16).getInt();
      row.party_fees_fen = q.getColumn(17).getInt64();
      if (!q.getColumn(15).isNull())
        m.closed_at = parse_instant(q.getColumn(15).getString());
      m.closed_on = dates.get(q.getColumn(18));
      ledger.measures.push_back(std::move(row));
    }
    return ledger;
  } catch (const std::exception& e) {
    return Error{std::string("数据库操作失败：读取台账（") + e.what() + "）", ErrorKind::internal};
  }
}

Result<std::vector<Extension>> pending_or_decided_extensions(Database& db, Instant from,
                                                             Instant until) {
  try {
    SQLite::Statement q(db.sql(),
                        "SELECT id, measure_id, requested_at, requested_by, old_due, new_due, "
                        "reason, state, decided_at, decided_by FROM extensions "
                        "WHERE state = 'pending' OR (decided_at >= ? AND decided_at < ?) "
                        "ORDER BY requested_at, id");
    q.bind(1, format_instant_utc(from));
    q.bind(2, format_instant_utc(until));
    std::vector<Extension> out;
    while (q.executeStep()) {
      Extension e;
      e.id = q.getColumn(0).getInt64();
      e.measure_id = q.getColumn(1).getInt64();
      e.requested_at = parse_instant(q.getColumn(2).getString()).value_or(Instant{});
      e.requested_by = q.getColumn(3).getString();
      e.old_due = parse_date(q.getColumn(4).getString()).value_or(LocalDate{});
      e.new_due = parse_date(q.getColumn(5).getString()).value_or(LocalDate{});
      e.reason = q.getColumn(6).getString();
      e.state = parse_extension_state(q.getColumn(7).getString()).value_or(ExtensionState::pending);
      if (!q.getColumn(8).isNull())
        e.decided_at = parse_instant(q.getColumn(8).getString());
      e.decided_by = q.getColumn(9).getString();
      out.push_back(std::move(e));
    }
    return out;
  } catch (const std::exception& e) {
    return Error{std::string("数据库操作失败：读取延期申请（") + e.what() + "）",
                 ErrorKind::internal};
  }
}

}  // namespace rectifyd::store
