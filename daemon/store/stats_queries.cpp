#include "store/stats_queries.h"

#include <exception>
#include <string>
#include <unordered_map>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"
#include "core/names.h"

namespace rectifyd::store {

using ledger::CategoryStats;
using ledger::Counts;
using ledger::LedgerStats;
using ledger::ProblemStats;

namespace {

bool finished(std::optional<MeasureStatus> s) {
  return s == MeasureStatus::closed || s == MeasureStatus::ongoing ||
         s == MeasureStatus::not_applicable;
}

}  // namespace

Result<ledger::LedgerStats> compute_stats(Database& db, LocalDate today) {
  try {
    // Per problem, from the trigger-maintained measure_counts (schema step 2): a few rows per
    // problem instead of every measure. Overdue depends on today, so it is counted from the
    // open rows of the (due, problem_id) partial index.
    SQLite::Statement per_problem(
        db.sql(),
        "SELECT problem_id, sum(measures), "
        "  sum(CASE status WHEN 'closed' THEN measures ELSE 0 END), "
        "  sum(CASE status WHEN 'ongoing' THEN measures ELSE 0 END), "
        "  sum(CASE status WHEN 'not_applicable' THEN measures ELSE 0 END), "
        "  sum(CASE status WHEN 'done_reported' THEN measures ELSE 0 END), "
        "  sum(talks), sum(regulations), sum(funds_returned_fen), sum(on_time) "
        "FROM measure_counts GROUP BY problem_id");
    std::unordered_map<Id, Counts> by_problem;
    while (per_problem.executeStep()) {
      Counts c;
      c.measures = per_problem.getColumn(1).getInt64();
      c.closed = per_problem.getColumn(2).getInt64();
      c.ongoing = per_problem.getColumn(3).getInt64();
      c.not_applicable = per_problem.getColumn(4).getInt64();
      c.done_reported = per_problem.getColumn(5).getInt64();
      c.talks = per_problem.getColumn(6).getInt64();
      c.regulations = per_problem.getColumn(7).getInt64();
      c.funds_returned_fen = per_problem.getColumn(8).getInt64();
      c.on_time = per_problem.getColumn(9).getInt64();
      c.open = c.measures - c.finished();
      by_problem.emplace(per_problem.getColumn(0).getInt64(), c);
    }
    SQLite::Statement overdue(db.sql(),
                              "SELECT problem_id, count(*) FROM measures "
                              "INDEXED BY measures_open_due_problem "
                              "WHERE status IN ('open','in_progress','done_reported') "
                              "AND due < :today GROUP BY problem_id");
    overdue.bind(":today", format_date(today));
    while (overdue.executeStep())
      by_problem[overdue.getColumn(0).getInt64()].overdue = overdue.getColumn(1).getInt64();

    LedgerStats s;
    std::unordered_map<Id, std::size_t> category_index;
    SQLite::Statement cats(
        db.sql(), "SELECT id, round_id, ordinal, title FROM categories ORDER BY round_id, ordinal");
    while (cats.executeStep()) {
      CategoryStats cs;
      cs.category.id = cats.getColumn(0).getInt64();
      cs.category.round_id = cats.getColumn(1).getInt64();
      cs.category.ordinal = cats.getColumn(2).getInt();
      cs.category.title = cats.getColumn(3).getString();
      category_index.emplace(cs.category.id, s.per_category.size());
      s.per_category.push_back(std::move(cs));
    }
    s.categories = static_cast<std::int64_t>(s.per_category.size());

    SQLite::Statement probs(db.sql(),
                            "SELECT p.id, p.category_id, p.number, p.title, p.leader_id, p.status "
                            "FROM problems p JOIN categories c ON c.id = p.category_id "
                            "ORDER BY c.round_id, c.ordinal, p.number, p.id");
    while (probs.executeStep()) {
      ProblemStats ps;
      ps.problem.id = probs.getColumn(0).getInt64();
      ps.problem.category_id = probs.getColumn(1).getInt64();
      ps.problem.number = probs.getColumn(2).getInt();
      ps.problem.title = probs.getColumn(3).getString();
      if (!probs.getColumn(4).isNull())
        ps.problem.leader_id = probs.getColumn(4).getInt64();
      if (auto it = by_problem.find(ps.problem.id); it != by_problem.end())
        ps.counts = it->second;
      ps.counts.problems = 1;
      // A problem whose measures the plan omits counts by its own status line.
      const bool stated_done = !probs.getColumn(5).isNull() &&
                               finished(parse_measure_status(probs.getColumn(5).getString()));
      ps.counts.problems_done = ps.counts.measures > 0
                                    ? (ps.counts.finished() == ps.counts.measures ? 1 : 0)
                                    : (stated_done ? 1 : 0);
      s.overall += ps.counts;
      if (auto it = category_index.find(ps.problem.category_id); it != category_index.end())
        s.per_category[it->second].counts += ps.counts;
      s.per_problem.push_back(std::move(ps));
    }
    SQLite::Statement leaders(db.sql(),
                              "SELECT id, name FROM people WHERE id IN "
                              "(SELECT leader_id FROM problems WHERE leader_id IS NOT NULL)");
    while (leaders.executeStep())
      s.leader_names.emplace(leaders.getColumn(0).getInt64(), leaders.getColumn(1).getString());
    SQLite::Statement latest(db.sql(), "SELECT max(id) FROM rounds");
    if (latest.executeStep() && !latest.getColumn(0).isNull())
      s.latest_round = latest.getColumn(0).getInt64();
    return s;
  } catch (const std::exception& e) {
    return Error{std::string("数据库操作失败：统计台账（") + e.what() + "）"};
  }
}

Result<ledger::Counts> measure_totals(Database& db, LocalDate today) {
  try {
    SQLite::Statement all(
        db.sql(),
        "SELECT coalesce(sum(measures), 0), "
        "  coalesce(sum(CASE status WHEN 'closed' THEN measures ELSE 0 END), 0), "
        "  coalesce(sum(CASE status WHEN 'ongoing' THEN measures ELSE 0 END), 0), "
        "  coalesce(sum(CASE status WHEN 'not_applicable' THEN measures ELSE 0 END), 0), "
        "  coalesce(sum(CASE status WHEN 'done_reported' THEN measures ELSE 0 END), 0), "
        "  coalesce(sum(talks), 0), coalesce(sum(regulations), 0), "
        "  coalesce(sum(funds_returned_fen), 0), coalesce(sum(on_time), 0) "
        "FROM measure_counts");
    Counts c;
    if (all.executeStep()) {
      c.measures = all.getColumn(0).getInt64();
      c.closed = all.getColumn(1).getInt64();
      c.ongoing = all.getColumn(2).getInt64();
      c.not_applicable = all.getColumn(3).getInt64();
      c.done_reported = all.getColumn(4).getInt64();
      c.talks = all.getColumn(5).getInt64();
      c.regulations = all.getColumn(6).getInt64();
      c.funds_returned_fen = all.getColumn(7).getInt64();
      c.on_time = all.getColumn(8).getInt64();
    }
    c.open = c.measures - c.finished();
    SQLite::Statement overdue(db.sql(),
                              "SELECT count(*) FROM measures INDEXED BY measures_open_due "
                              "WHERE status IN ('open','in_progress','done_reported') "
                              "AND due < :today");
    overdue.bind(":today", format_date(today));
    if (overdue.executeStep())
      c.overdue = overdue.getColumn(0).getInt64();
    return c;
  } catch (const std::exception& e) {
    return Error{std::string("数据库操作失败：统计台账（") + e.what() + "）"};
  }
}

DailyStatsRow daily_stats_row(const std::string& day, const ledger::Counts& n, Instant at) {
  DailyStatsRow r;
  r.day = day;
  r.measures = n.measures;
  r.closed = n.closed;
  r.ongoing = n.ongoing;
  r.not_applicable = n.not_applicable;
  r.open = n.open;
  r.overdue = n.overdue;
  r.done_reported = n.done_reported;
  r.completion_rate = n.completion_rate();
  r.taken_at = at.time_since_epoch().count();
  return r;
}

}  // namespace rectifyd::store
