#include "ledger/audit.h"

#include <algorithm>
#include <exception>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"

namespace rectifyd::ledger {

Result<Id> AuditLog::append(const AuditEntry& e) {
  try {
    return db_.write([&]() -> Id {
      SQLite::Statement st(
          db_.sql(),
          "INSERT INTO audit(at, actor, action, entity, before, after) VALUES (?,?,?,?,?,?)");
      st.bind(1, format_instant_utc(e.at));
      st.bind(2, e.actor);
      st.bind(3, e.action);
      st.bind(4, e.entity);
      st.bind(5, e.before);
      st.bind(6, e.after);
      st.exec();
      return db_.sql().getLastInsertRowid();
    });
  } catch (const std::exception& ex) {
    return Error{std::string("数据库操作失败：写审计记录（") + ex.what() + "）"};
  }
}

Result<AuditPage> AuditLog::list(const AuditQuery& q) {
  try {
    int limit = std::clamp(q.limit, 1, 1000);
    std::string sql = "SELECT id, at, actor, action, entity, before, after FROM audit WHERE 1";
    if (q.before_id)
      sql += " AND id < :before";
    if (!q.entity.empty())
      sql += " AND entity = :entity";
    sql += " ORDER BY id DESC LIMIT :limit";
    SQLite::Statement st(db_.sql(), sql);
    if (q.before_id)
      st.bind(":before", static_cast<int64_t>(*q.before_id));
    if (!q.entity.empty())
      st.bind(":entity", q.entity);
    st.bind(":limit", limit + 1);
    AuditPage page;
    while (st.executeStep()) {
      AuditEntry e;
      e.id = st.getColumn(0).getInt64();
      e.at = parse_instant(st.getColumn(1).getString()).value_or(Instant{});
      e.actor = st.getColumn(2).getString();
      e.action = st.getColumn(3).getString();
      e.entity = st.getColumn(4).getString();
      e.before = st.getColumn(5).getString();
      e.after = st.getColumn(6).getString();
      page.entries.push_back(std::move(e));
    }
    if (page.entries.size() > static_cast<std::size_t>(limit)) {
      page.entries.pop_back();
      page.next_before = page.entries.back().id;
    }
    return page;
  } catch (const std::exception& ex) {
    return Error{std::string("数据库操作失败：读取审计记录（") + ex.what() + "）"};
  }
}

}  // namespace rectifyd::ledger
