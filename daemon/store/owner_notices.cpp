#include "store/owner_notices.h"

#include <exception>

#include <SQLiteCpp/Statement.h>

namespace rectifyd::store {
namespace {

Error store_error(const std::exception& e) {
  return Error{std::string("数据库操作失败（") + e.what() + "）", ErrorKind::internal};
}

}  // namespace

Result<Id> OwnerNotices::insert(const plan::OwnerNoticeRow& row) {
  try {
    return db_.write([&]() -> Result<Id> {
      SQLite::Statement q(db_.sql(),
                          "INSERT INTO owner_notices(person_id, measure_id, kind, reason, new_due, "
                          "created_at) VALUES (?, ?, ?, ?, ?, ?)");
      q.bind(1, static_cast<std::int64_t>(row.person_id));
      q.bind(2, static_cast<std::int64_t>(row.measure_id));
      q.bind(3, row.kind);
      q.bind(4, row.reason);
      q.bind(5, row.new_due);
      q.bind(6, row.created_at);
      q.exec();
      return static_cast<Id>(db_.sql().getLastInsertRowid());
    });
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Result<std::vector<plan::OwnerNoticeRow>> OwnerNotices::unsent() {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT n.id, n.person_id, n.measure_id, n.kind, n.reason, n.new_due, "
                        "n.created_at, p.number, m.ordinal, m.text, coalesce(m.due, '') "
                        "FROM owner_notices n JOIN measures m ON m.id = n.measure_id "
                        "JOIN problems p ON p.id = m.problem_id WHERE n.sent = 0 ORDER BY n.id");
    std::vector<plan::OwnerNoticeRow> out;
    while (q.executeStep()) {
      plan::OwnerNoticeRow r;
      r.id = q.getColumn(0).getInt64();
      r.person_id = q.getColumn(1).getInt64();
      r.measure_id = q.getColumn(2).getInt64();
      r.kind = q.getColumn(3).getString();
      r.reason = q.getColumn(4).getString();
      r.new_due = q.getColumn(5).getString();
      r.created_at = q.getColumn(6).getInt64();
      r.problem_number = q.getColumn(7).getInt();
      r.ordinal = q.getColumn(8).getInt();
      r.measure_text = q.getColumn(9).getString();
      r.due = q.getColumn(10).getString();
      out.push_back(std::move(r));
    }
    return out;
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Status OwnerNotices::mark_sent(Id id) {
  try {
    return db_.write([&]() -> Status {
      SQLite::Statement q(db_.sql(), "UPDATE owner_notices SET sent = 1 WHERE id = ?");
      q.bind(1, static_cast<std::int64_t>(id));
      q.exec();
      return ok_status();
    });
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

}  // namespace rectifyd::store
