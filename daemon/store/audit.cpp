#include "store/audit.h"

#include <algorithm>
#include <exception>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"

namespace rectifyd::store {

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

namespace {

/// The filters of a query as SQL conditions, bound by bind().
std::string where(const AuditQuery& q) {
  std::string sql;
  if (q.before_id)
    sql += " AND id < :before";
  if (!q.entity.empty())
    sql += " AND entity = :entity";
  if (!q.actor.empty())
    sql += " AND actor = :actor";
  if (!q.action.empty())
    sql += " AND (action = :action OR substr(action, 1, length(:action) + 1) = :action || '.')";
  // `at` is stored as UTC text of one fixed width, so text order is time order.
  if (q.from)
    sql += " AND at >= :from";
  if (q.until)
    sql += " AND at < :until";
  return sql;
}

void bind(SQLite::Statement& st, const AuditQuery& q) {
  if (q.before_id)
    st.bind(":before", static_cast<int64_t>(*q.before_id));
  if (!q.entity.empty())
    st.bind(":entity", q.entity);
  if (!q.actor.empty())
    st.bind(":actor", q.actor);
  if (!q.action.empty())
    st.bind(":action", q.action);
  if (q.from)
    st.bind(":from", format_instant_utc(*q.from));
  if (q.until)
    st.bind(":until", format_instant_utc(*q.until));
}

}  // namespace

Result<std::int64_t> AuditLog::count(const AuditQuery& q) {
  try {
    AuditQuery all = q;
    all.before_id.reset();
    SQLite::Statement st(db_.sql(), "SELECT COUNT(*) FROM audit WHERE 1" + where(all));
    bind(st, all);
    st.executeStep();
    return st.getColumn(0).getInt64();
  } catch (const std::exception& ex) {
    return Error{std::string("数据库操作失败：统计审计记录（") + ex.what() + "）"};
  }
}

Result<AuditPage> AuditLog::list(const AuditQuery& q) {
  try {
    int limit = std::clamp(q.limit, 1, 1000);
    std::string sql = "SELECT id, at, actor, action, entity, before, after FROM audit WHERE 1" +
                      where(q) + " ORDER BY id DESC LIMIT :limit";
    SQLite::Statement st(db_.sql(), sql);
    bind(st, q);
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

}  // namespace rectifyd::store
