#include "store/ledger_import.h"

#include <exception>
#include <map>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "ledger_io/text_encoding.h"
#include "store/audit.h"

namespace rectifyd::store {
namespace {

using ledger_io::LedgerImportBase;
using ledger_io::LedgerImportOptions;
using ledger_io::LedgerImportSummary;
using ledger_io::LedgerImportWrite;

/// Binds a text that outlives the statement's execution, without copying it.
void bind_text(SQLite::Statement& st, int index, const std::string& text) {
  st.bindNoCopy(index, text.c_str());
}

bool finished(MeasureStatus s) {
  return s == MeasureStatus::closed || s == MeasureStatus::ongoing ||
         s == MeasureStatus::not_applicable;
}

/// Formatting dates is slow, and an import has few distinct ones.
class DateTexts {
 public:
  const std::string& operator()(LocalDate d) {
    auto it = texts_.find(d);
    if (it == texts_.end())
      it = texts_.emplace(d, format_date(d)).first;
    return it->second;
  }

 private:
  std::map<LocalDate, std::string> texts_;
};

}  // namespace

LedgerImportBase load_ledger_import_base(Database& db) {
  auto& sql = db.sql();
  LedgerImportBase base;
  SQLite::Statement people(sql, "SELECT id, name FROM people");
  while (people.executeStep())
    base.people.emplace(people.getColumn(1).getString(), people.getColumn(0).getInt64());
  SQLite::Statement round(sql, "SELECT id FROM rounds ORDER BY id DESC LIMIT 1");
  if (!round.executeStep())
    return base;
  base.round_id = round.getColumn(0).getInt64();
  SQLite::Statement cats(sql, "SELECT id, title, ordinal FROM categories WHERE round_id = ?");
  cats.bind(1, *base.round_id);
  while (cats.executeStep())
    base.categories.push_back(LedgerImportBase::Category{
        cats.getColumn(0).getInt64(), cats.getColumn(1).getString(), cats.getColumn(2).getInt()});
  SQLite::Statement probs(sql,
                          "SELECT p.id, p.number, p.title, p.category_id, p.leader_id, "
                          "coalesce(l.name, '') FROM problems p JOIN categories c ON c.id = "
                          "p.category_id LEFT JOIN people l ON l.id = p.leader_id "
                          "WHERE c.round_id = ?");
  probs.bind(1, *base.round_id);
  while (probs.executeStep()) {
    LedgerImportBase::Problem p;
    p.id = probs.getColumn(0).getInt64();
    p.number = probs.getColumn(1).getInt();
    p.title = probs.getColumn(2).getString();
    p.category_id = probs.getColumn(3).getInt64();
    if (!probs.getColumn(4).isNull())
      p.leader_id = probs.getColumn(4).getInt64();
    p.leader_name = probs.getColumn(5).getString();
    base.problems.push_back(std::move(p));
  }
  SQLite::Statement meas(
      sql,
      "SELECT m.id, m.problem_id, m.ordinal, p.number, m.text, m.owner_id, m.due, m.status, "
      "m.evidence, m.na_reason, m.progress, m.planned_progress, m.talks, m.regulations, "
      "m.funds_returned_fen, m.self_criticisms, m.party_fees_fen FROM measures m "
      "JOIN problems p ON p.id = m.problem_id JOIN categories c ON c.id = "
      "p.category_id WHERE c.round_id = ?");
  meas.bind(1, *base.round_id);
  while (meas.executeStep()) {
    LedgerImportBase::Measure m;
    m.id = meas.getColumn(0).getInt64();
    m.problem_id = meas.getColumn(1).getInt64();
    m.ordinal = meas.getColumn(2).getInt();
    m.problem_number = meas.getColumn(3).getInt();
    auto& f = m.fields;
    f.text = meas.getColumn(4).getString();
    if (!meas.getColumn(5).isNull())
      f.owner_id = meas.getColumn(5).getInt64();
    if (!meas.getColumn(6).isNull())
      f.due = parse_date(meas.getColumn(6).getString());
    f.status = parse_measure_status(meas.getColumn(7).getString()).value_or(MeasureStatus::open);
    f.evidence = meas.getColumn(8).getString();
    f.na_reason = meas.getColumn(9).getString();
    f.progress = meas.getColumn(10).getInt();
    f.planned_progress = meas.getColumn(11).getInt();
    f.talks = meas.getColumn(12).getInt();
    f.regulations = meas.getColumn(13).getInt();
    f.funds_fen = meas.getColumn(14).getInt64();
    f.self_criticisms = meas.getColumn(15).getInt();
    f.party_fees_fen = meas.getColumn(16).getInt64();
    base.measures.push_back(std::move(m));
  }
  return base;
}

Result<LedgerImportSummary> write_ledger_import(Database& db, const LedgerImportWrite& w,
                                                const LedgerImportOptions& options) {
  auto& sql = db.sql();
  LedgerImportSummary s;
  const std::string now = format_instant_utc(options.now);
  if (w.round_id) {
    s.round_id = *w.round_id;
  } else {
    SQLite::Statement round(sql, "INSERT INTO rounds(name) VALUES (?)");
    round.bind(1, options.round_name);
    round.exec();
    s.round_id = sql.getLastInsertRowid();
  }
  auto categories = w.categories;
  int max_category_ordinal = w.max_category_ordinal;
  auto problems = w.problems;
  DateTexts date_text;

  SQLite::Statement add_category(sql,
                                 "INSERT INTO categories(round_id, ordinal, title) VALUES (?,?,?)");
  SQLite::Statement add_problem(
      sql, "INSERT INTO problems(category_id, number, title, leader_id) VALUES (?,?,?,?)");
  SQLite::Statement set_leader(
      sql, "UPDATE problems SET leader_id = ? WHERE id = ? AND leader_id IS NOT ?");
  SQLite::Statement add_measure(
      sql,
      "INSERT INTO measures(problem_id, ordinal, text, owner_id, due, status, evidence, "
      "na_reason, planned_progress, progress, talks, regulations, funds_returned_fen, "
      "self_criticisms, party_fees_fen, closed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  SQLite::Statement update_measure(
      sql,
      "UPDATE measures SET text=?, owner_id=?, due=?, status=?, evidence=?, na_reason=?, "
      "planned_progress=?, progress=?, talks=?, regulations=?, funds_returned_fen=?, "
      "self_criticisms=?, party_fees_fen=?, "
      "closed_at = CASE WHEN ? THEN coalesce(closed_at, ?) ELSE NULL END WHERE id=?");

  for (const auto& r : w.rows) {
    ++s.rows;
    auto cat = categories.find(r.category);
    if (cat == categories.end()) {
      add_category.bind(1, s.round_id);
      add_category.bind(2, ++max_category_ordinal);
      bind_text(add_category, 3, r.category);
      add_category.exec();
      add_category.reset();
      cat = categories.emplace(r.category, sql.getLastInsertRowid()).first;
      ++s.categories_created;
    }
    LedgerImportWrite::Problem& p = problems[r.problem_no];
    if (p.id == 0) {
      add_problem.bind(1, cat->second);
      add_problem.bind(2, r.problem_no);
      bind_text(add_problem, 3, r.problem);
      if (p.leader_id)
        add_problem.bind(4, *p.leader_id);
      else
        add_problem.bind(4);
      add_problem.exec();
      add_problem.reset();
      p.id = sql.getLastInsertRowid();
      p.leader_given = false;  // written
      ++s.problems_created;
    } else if (p.leader_given) {
      set_leader.bind(1, *p.leader_id);
      set_leader.bind(2, p.id);
      set_leader.bind(3, *p.leader_id);
      set_leader.exec();
      set_leader.reset();
      p.leader_given = false;
    }
    if (r.problem_only)
      continue;
    if (r.unchanged) {
      ++s.measures_unchanged;
      continue;
    }

    const auto& f = r.fields;
    const std::string status(to_string(f.status));
    const bool fresh = r.measure_id == 0;
    SQLite::Statement& st = fresh ? add_measure : update_measure;
    int i = 1;
    if (fresh) {
      st.bind(i++, p.id);
      st.bind(i++, r.measure_no);
    }
    bind_text(st, i++, f.text);
    if (f.owner_id)
      st.bind(i++, *f.owner_id);
    else
      st.bind(i++);
    if (f.due)
      bind_text(st, i++, date_text(*f.due));
    else
      st.bind(i++);
    st.bind(i++, status);
    bind_text(st, i++, f.evidence);
    bind_text(st, i++, f.na_reason);
    st.bind(i++, f.planned_progress);
    st.bind(i++, f.progress);
    st.bind(i++, f.talks);
    st.bind(i++, f.regulations);
    st.bind(i++, static_cast<std::int64_t>(f.funds_fen));
    st.bind(i++, f.self_criticisms);
    st.bind(i++, static_cast<std::int64_t>(f.party_fees_fen));
    if (fresh) {
      if (finished(f.status))
        st.bind(i++, now);
      else
        st.bind(i++);
      ++s.measures_created;
    } else {
      st.bind(i++, finished(f.status) ? 1 : 0);
      st.bind(i++, now);
      st.bind(i++, r.measure_id);
      ++s.measures_updated;
    }
    st.exec();
    st.reset();
  }

  boost::json::object after{{"source", options.source},
                            {"rows", s.rows},
                            {"categories_created", s.categories_created},
                            {"problems_created", s.problems_created},
                            {"measures_created", s.measures_created},
                            {"measures_updated", s.measures_updated},
                            {"measures_unchanged", s.measures_unchanged}};
  AuditEntry e;
  e.at = options.now;
  e.actor = options.actor;
  e.action = options.audit_action;
  e.entity = "round:" + std::to_string(s.round_id);
  e.after = boost::json::serialize(after);
  if (auto id = AuditLog(db).append(e); !id)
    return id.error();
  return s;
}

Result<LedgerImportSummary> import_ledger_records(Database& db,
                                                  std::vector<ledger_io::CsvRecord> records,
                                                  const LedgerImportOptions& options) {
  try {
    // Checks and writes share one transaction, so the ledger cannot change in between.
    return db.write([&]() -> Result<LedgerImportSummary> {
      const LedgerImportBase base = load_ledger_import_base(db);
      auto rows = ledger_io::check_ledger_records(std::move(records), base, options);
      if (!rows)
        return rows.error();
      return write_ledger_import(db, *rows, options);
    });
  } catch (const std::exception& e) {
    return Error{options.source + ": cannot import, nothing was written: " + e.what()};
  }
}

Result<LedgerImportSummary> import_ledger_csv(Database& db, std::string_view text,
                                              const LedgerImportOptions& options) {
  auto decoded = ledger_io::decode_csv_text(text, options.source);
  if (!decoded)
    return decoded.error();
  auto records = ledger_io::read_csv(decoded->text, options.source);
  if (!records)
    return records.error();
  auto s = import_ledger_records(db, std::move(*records), options);
  if (s)
    s->encoding = decoded->encoding;
  return s;
}

Status export_ledger_csv(Database& db, std::ostream& out) {
  try {
    ledger_io::LedgerCsvWriter writer(out);
    SQLite::Statement round(db.sql(), "SELECT id FROM rounds ORDER BY id DESC LIMIT 1");
    if (!round.executeStep())
      return ok_status();
    SQLite::Statement q(
        db.sql(),
        "SELECT c.title, p.number, p.title, coalesce(l.name, ''), m.ordinal, m.text, "
        "coalesce(o.name, ''), m.due, m.status, m.progress, m.planned_progress, m.evidence, "
        "m.na_reason, m.talks, m.regulations, m.funds_returned_fen, m.self_criticisms, "
        "m.party_fees_fen "
        "FROM problems p JOIN categories c ON c.id = p.category_id "
        "LEFT JOIN measures m ON m.problem_id = p.id "
        "LEFT JOIN people l ON l.id = p.leader_id LEFT JOIN people o ON o.id = m.owner_id "
        "WHERE c.round_id = ? ORDER BY c.ordinal, p.number, m.ordinal");
    q.bind(1, round.getColumn(0).getInt64());
    ledger_io::LedgerExportRow row;
    while (q.executeStep()) {
      row.category = q.getColumn(0).getString();
      row.problem_no = q.getColumn(1).getInt();
      row.problem = q.getColumn(2).getString();
      row.leader = q.getColumn(3).getString();
      row.measure_no.reset();
      if (!q.getColumn(4).isNull()) {  // else a problem without measures
        row.measure_no = q.getColumn(4).getInt();
        row.measure = q.getColumn(5).getString();
        row.owner = q.getColumn(6).getString();
        row.due = q.getColumn(7).isNull() ? "" : q.getColumn(7).getString();
        row.status = q.getColumn(8).getString();
        row.progress = q.getColumn(9).getInt();
        row.planned_progress = q.getColumn(10).getInt();
        row.evidence = q.getColumn(11).getString();
        row.na_reason = q.getColumn(12).getString();
        row.talks = q.getColumn(13).getInt();
        row.regulations = q.getColumn(14).getInt();
        row.funds_fen = q.getColumn(15).getInt64();
        row.self_criticisms = q.getColumn(16).getInt();
        row.party_fees_fen = q.getColumn(17).getInt64();
      }
      writer.write(row);
    }
  } catch (const std::exception& e) {
    return Error{"cannot export the ledger: " + std::string(e.what())};
  }
  if (!out)
    return Error{"cannot export the ledger: the output could not be written"};
  return ok_status();
}

}  // namespace rectifyd::store
