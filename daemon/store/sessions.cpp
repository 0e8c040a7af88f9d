#include "store/sessions.h"

#include <cstdint>
#include <exception>

#include <SQLiteCpp/Statement.h>

namespace rectifyd::store {
namespace {

Error store_error(const std::exception& e) {
  return Error{std::string("数据库操作失败（") + e.what() + "）", ErrorKind::internal};
}

template <class Bind>
Status exec(Database& db, const char* sql, Bind&& bind) {
  try {
    return db.write([&]() -> Status {
      SQLite::Statement q(db.sql(), sql);
      bind(q);
      q.exec();
      return ok_status();
    });
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

}  // namespace

Status Sessions::insert(const SessionRow& s) {
  return exec(db_,
              "INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, last_seen) "
              "VALUES (?, ?, ?, ?, ?)",
              [&](SQLite::Statement& q) {
                q.bind(1, s.id_hash);
                q.bind(2, static_cast<std::int64_t>(s.user_id));
                q.bind(3, s.csrf_token);
                q.bind(4, static_cast<std::int64_t>(s.created_at));
                q.bind(5, static_cast<std::int64_t>(s.last_seen));
              });
}

Result<std::optional<SessionRow>> Sessions::find(const std::string& id_hash) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT id_hash, user_id, csrf_token, created_at, last_seen "
                        "FROM sessions WHERE id_hash = ?");
    q.bind(1, id_hash);
    if (!q.executeStep())
      return std::optional<SessionRow>{};
    SessionRow s;
    s.id_hash = q.getColumn(0).getString();
    s.user_id = q.getColumn(1).getInt64();
    s.csrf_token = q.getColumn(2).getString();
    s.created_at = q.getColumn(3).getInt64();
    s.last_seen = q.getColumn(4).getInt64();
    return std::optional<SessionRow>{std::move(s)};
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Status Sessions::touch(const std::string& id_hash, std::int64_t now) {
  return exec(db_, "UPDATE sessions SET last_seen = ? WHERE id_hash = ?",
              [&](SQLite::Statement& q) {
                q.bind(1, static_cast<std::int64_t>(now));
                q.bind(2, id_hash);
              });
}

Status Sessions::remove(const std::string& id_hash) {
  return exec(db_, "DELETE FROM sessions WHERE id_hash = ?",
              [&](SQLite::Statement& q) { q.bind(1, id_hash); });
}

Status Sessions::remove_for_user(Id user) {
  return exec(db_, "DELETE FROM sessions WHERE user_id = ?",
              [&](SQLite::Statement& q) { q.bind(1, static_cast<std::int64_t>(user)); });
}

Status Sessions::remove_expired(std::int64_t idle_before, std::int64_t opened_before) {
  return exec(db_, "DELETE FROM sessions WHERE last_seen < ? OR created_at < ?",
              [&](SQLite::Statement& q) {
                q.bind(1, static_cast<std::int64_t>(idle_before));
                q.bind(2, static_cast<std::int64_t>(opened_before));
              });
}

}  // namespace rectifyd::store
