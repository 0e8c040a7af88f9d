#pragma once
// The console's logins as stored: one row per person who may log in, with the Argon2id hash of
// the password (never the password), the role and whether the login is disabled.

#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"
#include "store/database.h"

namespace rectifyd::store {

struct UserRow {
  Id id = 0;
  Id person_id = 0;
  std::string name;  ///< the person's name, which is the login name
  std::string password_hash;
  std::string role;  ///< "office" or "viewer"
  bool disabled = false;
};

class Users {
 public:
  explicit Users(Database& db) : db_(db) {}

  Result<std::optional<UserRow>> by_name(std::string_view name);
  Result<std::optional<UserRow>> by_id(Id id);
  /// Joins the caller's transaction when there is one.
  Result<Id> insert(Id person_id, const std::string& password_hash, const std::string& role,
                    Instant now);
  Status set_password(Id user, const std::string& password_hash);
  Status set_disabled(Id user, bool disabled);

 private:
  Database& db_;
};

}  // namespace rectifyd::store
