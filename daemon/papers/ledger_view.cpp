#include "papers/ledger_view.h"

#include <array>
#include <map>
#include <unordered_map>

#include <SQLiteCpp/Statement.h>
#include <date/tz.h>

#include "core/dates.h"
#include "core/names.h"

namespace rectifyd::papers {
namespace {

constexpr std::array<MeasureStatus, 6> kStatuses = {
    MeasureStatus::open,   MeasureStatus::in_progress, MeasureStatus::done_reported,
    MeasureStatus::closed, MeasureStatus::ongoing,     MeasureStatus::not_applicable};

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

bool MeasureRow::finished() const {
  return measure.status == MeasureStatus::closed || measure.status == MeasureStatus::ongoing ||
         measure.status == MeasureStatus::not_applicable;
}

bool MeasureRow::on_time() const {
  if (!finished())
    return false;
  if (!measure.due || !closed_on)
    return true;
  return *closed_on <= *measure.due;
}

bool ProblemRow::done() const {
  if (measures.empty())
    return stated == MeasureStatus::closed || stated == MeasureStatus::ongoing ||
           stated == MeasureStatus::not_applicable;
  for (const auto& m : measures) {
    if (!m.finished())
      return false;
  }
  return true;
}

std::size_t LedgerView::problem_count() const {
  std::size_t n = 0;
  for (const auto& c : categories)
    n += c.problems.size();
  return n;
}

std::size_t LedgerView::measure_count() const {
  std::size_t n = 0;
  for (const auto& c : categories) {
    for (const auto& p : c.problems)
      n += p.measures.size();
  }
  return n;
}

const std::vector<std::string>& status_labels_zh() {
  static const std::vector<std::string> labels = [] {
    std::vector<std::string> v;
    for (auto s : kStatuses)
      v.emplace_back(label_zh(s));
    return v;
  }();
  return labels;
}

Result<LedgerView> load_ledger_view(store::Database& db, const ViewOptions& options) {
  try {
    auto& sql = db.sql();
    LedgerView view;
    std::map<Id, std::size_t> person_index;
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
        person_index.emplace(p.id, view.people.size());
        view.people.push_back(std::move(p));
      }
    }
    auto person = [&](std::optional<Id> id) -> const Person* {
      if (!id)
        return nullptr;
      auto it = person_index.find(*id);
      return it == person_index.end() ? nullptr : &view.people[it->second];
    };
    DateCache dates;
    SQLite::Statement round(
        sql,
        "SELECT id, name, feedback_date, plan_due, report_due FROM rounds ORDER BY id DESC "
        "LIMIT 1");
    if (!round.executeStep())
      return view;
    Round r;
    r.id = round.getColumn(0).getInt64();
    r.name = round.getColumn(1).getString();
    r.feedback_date = dates.get(round.getColumn(2));
    r.plan_due = dates.get(round.getColumn(3));
    r.report_due = dates.get(round.getColumn(4));
    view.round = r;

    std::map<Id, std::size_t> category_index;
    {
      SQLite::Statement q(sql,
                          "SELECT id, ordinal, title FROM categories WHERE round_id = ? "
                          "ORDER BY ordinal");
      q.bind(1, r.id);
      while (q.executeStep()) {
        CategoryRow c;
        c.category.id = q.getColumn(0).getInt64();
        c.category.round_id = r.id;
        c.category.ordinal = q.getColumn(1).getInt();
        c.category.title = q.getColumn(2).getString();
        category_index.emplace(c.category.id, view.categories.size());
        view.categories.push_back(std::move(c));
      }
    }
    std::unordered_map<Id, ProblemRow*> problem_of;
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
        ProblemRow p;
        p.problem.id = q.getColumn(0).getInt64();
        p.problem.category_id = q.getColumn(1).getInt64();
        p.problem.number = q.getColumn(2).getInt();
        p.problem.title = q.getColumn(3).getString();
        p.problem.leader_id = id_of(q.getColumn(4));
        if (!q.getColumn(5).isNull())
          p.stated = parse_measure_status(q.getColumn(5).getString());
        if (const Person* l = person(p.problem.leader_id)) {
          p.leader = l->name;
          p.leader_department = l->department;
        }
        view.categories[category_index.at(p.problem.category_id)].problems.push_back(std::move(p));
      }
      // Pointers are taken once every vector has its final size.
      for (auto& c : view.categories) {
        for (auto& p : c.problems)
          problem_of.emplace(p.problem.id, &p);
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
      MeasureRow row;
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
      if (m.closed_on) {
        row.closed_on = m.closed_on;
      } else if (m.closed_at) {
        const auto day = std::chrono::floor<date::days>(*m.closed_at);
        if (options.zone != nullptr) {
          auto local = options.zone->to_local(*m.closed_at);
          row.closed_on = std::chrono::floor<date::days>(local);
        } else {
          row.closed_on = LocalDate{day.time_since_epoch()};
        }
      }
      if (const Person* o = person(m.owner_id)) {
        row.owner = o->name;
        row.owner_department = o->department;
      }
      row.colour = options.colouring.of(m);
      problem_of.at(m.problem_id)->measures.push_back(std::move(row));
    }
    return view;
  } catch (const std::exception& e) {
    return Error{std::string("数据库操作失败：读取台账（") + e.what() + "）", ErrorKind::internal};
  }
}

}  // namespace rectifyd::papers
