#include "store/users.h"

#include <cstdint>
#include <exception>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"

namespace rectifyd::store {
namespace {

constexpr const char* kSelect =
    "SELECT u.id, u.person_id, p.name, u.password_hash, u.role, u.disabled "
    "FROM users u JOIN people p ON p.id = u.person_id ";

Result<std::optional<UserRow>> one(SQLite::Statement& q) {
  if (!q.executeStep())
    return std::optional<UserRow>{};
  UserRow u;
  u.id = q.getColumn(0).getInt64();
  u.person_id = q.getColumn(1).getInt64();
  u.name = q.getColumn(2).getString();
  u.password_hash = q.getColumn(3).getString();
  u.role = q.getColumn(4).getString();
  u.disabled = q.getColumn(5).getInt() != 0;
  return std::optional<UserRow>{std::move(u)};
}

Error store_error(const std::exception& e) {
  return Error{std::string("数据库操作失败（") + e.what() + "）", ErrorKind::internal};
}

}  // namespace

Result<std::optional<UserRow>> Users::by_name(std::string_view name) {
  try {
    SQLite::Statement q(db_.sql(), std::string(kSelect) + "WHERE p.name = ?");
    q.bind(1, std::string(name));
    return one(q);
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Result<std::optional<UserRow>> Users::by_id(Id id) {
  try {
    SQLite::Statement q(db_.sql(), std::string(kSelect) + "WHERE u.id = ?");
    q.bind(1, static_cast<std::int64_t>(id));
    return one(q);
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Result<Id> Users::insert(Id person_id, const std::string& password_hash, const std::string& role,
                         Instant now) {
  try {
    return db_.write([&]() -> Result<Id> {
      SQLite::Statement q(db_.sql(),
                          "INSERT INTO users(person_id, password_hash, role, created_at) "
                          "VALUES (?, ?, ?, ?)");
      q.bind(1, static_cast<std::int64_t>(person_id));
      q.bind(2, password_hash);
      q.bind(3, role);
      q.bind(4, format_instant_utc(now));
      q.exec();
      return static_cast<Id>(db_.sql().getLastInsertRowid());
    });
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Status Users::set_password(Id user, const std::string& password_hash) {
  try {
    return db_.write([&]() -> Status {
      SQLite::Statement q(db_.sql(), "UPDATE users SET password_hash = ? WHERE id = ?");
      q.bind(1, password_hash);
      q.bind(2, static_cast<std::int64_t>(user));
      q.exec();
      return ok_status();
    });
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Status Users::set_disabled(Id user, bool disabled) {
  try {
    return db_.write([&]() -> Status {
      SQLite::Statement q(db_.sql(), "UPDATE users SET disabled = ? WHERE id = ?");
      q.bind(1, disabled ? 1 : 0);
      q.bind(2, static_cast<std::int64_t>(user));
      q.exec();
      return ok_status();
    });
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

}  // namespace rectifyd::store
