#include "ledger_io/plan_import.h"

#include <map>
#include <optional>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "store/database.h"

namespace rectifyd::ledger_io {
namespace {

bool finished(MeasureStatus s) {
  return s == MeasureStatus::closed || s == MeasureStatus::ongoing ||
         s == MeasureStatus::not_applicable;
}

/// People by exact name, looked up once each.
class PeopleByName {
 public:
  explicit PeopleByName(SQLite::Database& sql)
      : find_(sql, "SELECT id FROM people WHERE name = ? AND active = 1") {}

  std::optional<Id> find(const std::string& name) {
    if (name.empty())
      return std::nullopt;
    if (auto it = known_.find(name); it != known_.end())
      return it->second;
    find_.reset();
    find_.bind(1, name);
    std::optional<Id> id;
    if (find_.executeStep())
      id = find_.getColumn(0).getInt64();
    known_.emplace(name, id);
    return id;
  }

 private:
  SQLite::Statement find_;
  std::map<std::string, std::optional<Id>> known_;
};

/// Unknown names with where they were given, for one note each.
class UnknownNames {
 public:
  void add(const std::string& role, const std::string& name, const std::string& where) {
    auto& places = names_[{role, name}];
    places.push_back(where);
  }
  void write(std::vector<std::string>& out) const {
    for (const auto& [key, places] : names_) {
      std::string line = key.first + "“" + key.second + "”不在人员名单中，未关联（";
      for (std::size_t i = 0; i < places.size() && i < 5; ++i)
        line += (i == 0 ? "" : "、") + places[i];
      if (places.size() > 5)
        line += " 等 " + std::to_string(places.size()) + " 处";
      line += "）；请先导入人员，或用 rectifyctl measure assign 指定";
      out.push_back(std::move(line));
    }
  }

 private:
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> names_;
};

}  // namespace

Result<PlanImportSummary> import_plan(store::Database& db, const ParsedPlan& plan,
                                      std::string_view actor, Instant now,
                                      std::string_view round_name) {
  try {
    return db.write([&]() -> Result<PlanImportSummary> {
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
      PlanImportSummary s;
      s.round_id = sql.getLastInsertRowid();

      PeopleByName people(sql);
      UnknownNames unknown;
      SQLite::Statement cat(sql, "INSERT INTO categories(round_id, ordinal, title) VALUES (?,?,?)");
      SQLite::Statement prob(sql,
                             "INSERT INTO problems(category_id, number, title, leader_id, status) "
                             "VALUES (?,?,?,?,?)");
      SQLite::Statement meas(sql,
                             "INSERT INTO measures(problem_id, ordinal, text, owner_id, due, "
                             "status, na_reason, progress, closed_at) VALUES (?,?,?,?,?,?,?,?,?)");
      const std::string closed_at = format_instant_utc(now);
      for (const auto& c : plan.categories) {
        cat.bind(1, s.round_id);
        cat.bind(2, c.ordinal);
        cat.bind(3, c.title);
        cat.exec();
        cat.reset();
        const Id category_id = sql.getLastInsertRowid();
        ++s.categories;
        for (const auto& p : c.problems) {
          std::string leader = p.fields.leader;
          for (const auto& m : p.measures) {
            if (leader.empty())
              leader = m.fields.leader;
          }
          prob.bind(1, category_id);
          prob.bind(2, p.number);
          prob.bind(3, p.title);
          if (auto id = people.find(leader)) {
            prob.bind(4, *id);
            ++s.leaders_linked;
          } else {
            prob.bind(4);
            if (!leader.empty())
              unknown.add("责任领导", leader, p.label);
          }
          if (p.fields.status)
            prob.bind(5, std::string(to_string(*p.fields.status)));
          else
            prob.bind(5);
          prob.exec();
          prob.reset();
          const Id problem_id = sql.getLastInsertRowid();
          ++s.problems;
          for (const auto& m : p.measures) {
            PlanFields fields = m.fields;
            fields.inherit(p.fields);
            meas.bind(1, problem_id);
            meas.bind(2, m.ordinal);
            meas.bind(3, m.text);
            if (auto id = people.find(fields.owner)) {
              meas.bind(4, *id);
              ++s.owners_linked;
            } else {
              meas.bind(4);
              if (!fields.owner.empty())
                unknown.add(
                    "责任人", fields.owner,
                    p.label + " " + (m.label.empty() ? std::to_string(m.ordinal) : m.label));
            }
            if (fields.due) {
              meas.bind(5, format_date(*fields.due));
              ++s.dues_set;
            } else {
              meas.bind(5);
            }
            meas.bind(6, std::string(to_string(m.status)));
            meas.bind(7, m.na_reason);
            meas.bind(8, finished(m.status) && m.status != MeasureStatus::not_applicable ? 100 : 0);
            if (finished(m.status))
              meas.bind(9, closed_at);
            else
              meas.bind(9);
            meas.exec();
            meas.reset();
            ++s.measures;
          }
        }
      }
      s.notes = plan.warnings;
      unknown.write(s.notes);
      boost::json::object after{{"round", std::string(round_name)},
                                {"categories", s.categories},
                                {"problems", s.problems},
                                {"measures", s.measures}};
      SQLite::Statement audit(
          sql, "INSERT INTO audit(at, actor, action, entity, after) VALUES (?,?,?,?,?)");
      audit.bind(1, closed_at);
      audit.bind(2, std::string(actor));
      audit.bind(3, "ledger.import_plan");
      audit.bind(4, "round:" + std::to_string(s.round_id));
      audit.bind(5, boost::json::serialize(after));
      audit.exec();
      return s;
    });
  } catch (const std::exception& e) {
    return Error{"无法导入整改方案，未写入任何数据：" + std::string(e.what())};
  }
}

}  // namespace rectifyd::ledger_io
