#include "store/plan_import.h"

#include <exception>
#include <map>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "store/audit.h"

namespace rectifyd::store {

Result<ledger_io::PlanImportSummary> write_plan_import(Database& db,
                                                       const ledger_io::PlanImportRows& rows,
                                                       std::string_view actor, Instant now,
                                                       std::string_view round_name) {
  auto& sql = db.sql();
  SQLite::Statement exists(sql, "SELECT id FROM rounds WHERE name = ?");
  exists.bind(1, std::string(round_name));
  if (exists.executeStep()) {
    return Error{"已有名为“" + std::string(round_name) + "”的巡察轮次（编号 " +
                 std::to_string(exists.getColumn(0).getInt64()) +
                 "）；请用 --round 另取一个名称再导入"};
  }
  SQLite::Statement round(sql, "INSERT INTO rounds(name) VALUES (?)");
  round.bind(1, std::string(round_name));
  round.exec();
  ledger_io::PlanImportSummary s = rows.summary;
  s.round_id = sql.getLastInsertRowid();

  SQLite::Statement cat(sql, "INSERT INTO categories(round_id, ordinal, title) VALUES (?,?,?)");
  SQLite::Statement prob(sql,
                         "INSERT INTO problems(category_id, number, title, leader_id, status) "
                         "VALUES (?,?,?,?,?)");
  SQLite::Statement meas(sql,
                         "INSERT INTO measures(problem_id, ordinal, text, owner_id, due, "
                         "status, na_reason, progress, closed_at) VALUES (?,?,?,?,?,?,?,?,?)");
  const std::string closed_at = format_instant_utc(now);
  for (const auto& c : rows.categories) {
    cat.bind(1, s.round_id);
    cat.bind(2, c.ordinal);
    cat.bind(3, c.title);
    cat.exec();
    cat.reset();
    const Id category_id = sql.getLastInsertRowid();
    ++s.categories;
    for (const auto& p : c.problems) {
      prob.bind(1, category_id);
      prob.bind(2, p.number);
      prob.bind(3, p.title);
      if (p.leader_id)
        prob.bind(4, *p.leader_id);
      else
        prob.bind(4);
      if (p.status)
        prob.bind(5, std::string(to_string(*p.status)));
      else
        prob.bind(5);
      prob.exec();
      prob.reset();
      const Id problem_id = sql.getLastInsertRowid();
      ++s.problems;
      for (const auto& m : p.measures) {
        meas.bind(1, problem_id);
        meas.bind(2, m.ordinal);
        meas.bind(3, m.text);
        if (m.owner_id)
          meas.bind(4, *m.owner_id);
        else
          meas.bind(4);
        if (m.due)
          meas.bind(5, format_date(*m.due));
        else
          meas.bind(5);
        meas.bind(6, std::string(to_string(m.status)));
        meas.bind(7, m.na_reason);
        meas.bind(8, m.progress);
        if (m.finished)
          meas.bind(9, closed_at);
        else
          meas.bind(9);
        meas.exec();
        meas.reset();
        ++s.measures;
      }
    }
  }
  boost::json::object after{{"round", std::string(round_name)},
                            {"categories", s.categories},
                            {"problems", s.problems},
                            {"measures", s.measures}};
  AuditEntry e;
  e.at = now;
  e.actor = std::string(actor);
  e.action = "ledger.import_plan";
  e.entity = "round:" + std::to_string(s.round_id);
  e.after = boost::json::serialize(after);
  if (auto id = AuditLog(db).append(e); !id)
    return id.error();
  return s;
}

Result<ledger_io::PlanImportSummary> import_plan(Database& db, const ledger_io::ParsedPlan& plan,
                                                 std::string_view actor, Instant now,
                                                 std::string_view round_name) {
  try {
    return db.write([&]() -> Result<ledger_io::PlanImportSummary> {
      std::map<std::string, Id, std::less<>> people;
      SQLite::Statement q(db.sql(), "SELECT id, name FROM people WHERE active = 1");
      while (q.executeStep())
        people.emplace(q.getColumn(1).getString(), q.getColumn(0).getInt64());
      return write_plan_import(db, ledger_io::plan_import_rows(plan, people), actor, now,
                               round_name);
    });
  } catch (const std::exception& e) {
    return Error{"无法导入整改方案，未写入任何数据：" + std::string(e.what())};
  }
}

}  // namespace rectifyd::store
