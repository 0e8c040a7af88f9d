#include "store/people_import.h"

#include <array>
#include <exception>
#include <set>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/names.h"
#include "store/audit.h"

namespace rectifyd::store {

Result<ledger_io::PeopleImportSummary> write_people_import(
    Database& db, const std::vector<Person>& people,
    const ledger_io::PeopleImportOptions& options) {
  auto& sql = db.sql();
  std::set<std::string, std::less<>> existing;
  SQLite::Statement names(sql, "SELECT name FROM people");
  while (names.executeStep())
    existing.insert(names.getColumn(0).getString());
  SQLite::Statement upsert(
      sql,
      "INSERT INTO people(name, title, department, email, mobile, wecom_id, dingtalk_id, "
      "feishu_id, roles, time_zone) VALUES (?,?,?,?,?,?,?,?,?,?) "
      "ON CONFLICT(name) DO UPDATE SET title=excluded.title, department=excluded.department, "
      "email=excluded.email, mobile=excluded.mobile, wecom_id=excluded.wecom_id, "
      "dingtalk_id=excluded.dingtalk_id, feishu_id=excluded.feishu_id, roles=excluded.roles, "
      "time_zone=excluded.time_zone");
  ledger_io::PeopleImportSummary s;
  for (const auto& p : people) {
    upsert.bind(1, p.name);
    upsert.bind(2, p.title);
    upsert.bind(3, p.department);
    upsert.bind(4, p.email);
    upsert.bind(5, p.mobile);
    upsert.bind(6, p.wecom_id);
    upsert.bind(7, p.dingtalk_id);
    upsert.bind(8, p.feishu_id);
    upsert.bind(9, roles_to_string(p.roles));
    upsert.bind(10, p.time_zone);
    upsert.exec();
    upsert.reset();
    ++s.rows;
    if (existing.count(p.name) != 0)
      ++s.updated;
    else
      ++s.created;
  }
  boost::json::object after{
      {"source", options.source}, {"created", s.created}, {"updated", s.updated}};
  AuditEntry e;
  e.at = options.now;
  e.actor = options.actor;
  e.action = "people.import";
  e.entity = "people";
  e.after = boost::json::serialize(after);
  if (auto id = AuditLog(db).append(e); !id)
    return id.error();
  return s;
}

Result<ledger_io::PeopleImportSummary> import_people_csv(
    Database& db, std::string_view text, const ledger_io::PeopleImportOptions& options) {
  auto people = ledger_io::parse_people_csv(text, options.source);
  if (!people)
    return people.error();
  try {
    return db.write([&] { return write_people_import(db, *people, options); });
  } catch (const std::exception& e) {
    return Error{options.source + ": cannot import, nothing was written: " + e.what()};
  }
}

Status export_people_csv(Database& db, std::ostream& out) {
  try {
    ledger_io::PeopleCsvWriter writer(out);
    SQLite::Statement q(db.sql(),
                        "SELECT name, title, department, email, mobile, wecom_id, dingtalk_id, "
                        "feishu_id, roles, time_zone FROM people WHERE active = 1 ORDER BY name");
    std::array<std::string, ledger_io::kPeopleColumns.size()> row;
    while (q.executeStep()) {
      for (std::size_t i = 0; i < row.size(); ++i)
        row[i] = q.getColumn(static_cast<int>(i)).getString();
      writer.write(row);
    }
  } catch (const std::exception& e) {
    return Error{"cannot export people: " + std::string(e.what())};
  }
  if (!out)
    return Error{"cannot export people: the output could not be written"};
  return ok_status();
}

}  // namespace rectifyd::store
