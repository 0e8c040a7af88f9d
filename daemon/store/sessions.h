#pragma once
// The console's sessions as stored: the SHA-256 of the session id (hex), the login it belongs
// to, the CSRF token its pages send back, and when it was opened and last used (Unix seconds).

#include <cstdint>
#include <optional>
#include <string>

#include "core/model.h"
#include "core/result.h"
#include "store/database.h"

namespace rectifyd::store {

struct SessionRow {
  std::string id_hash;
  Id user_id = 0;
  std::string csrf_token;
  std::int64_t created_at = 0;
  std::int64_t last_seen = 0;
};

class Sessions {
 public:
  explicit Sessions(Database& db) : db_(db) {}

  Status insert(const SessionRow& s);
  Result<std::optional<SessionRow>> find(const std::string& id_hash);
  Status touch(const std::string& id_hash, std::int64_t now);
  Status remove(const std::string& id_hash);
  /// Every session of one login (its password changed, it was disabled).
  Status remove_for_user(Id user);
  /// Sessions idle since before `idle_before` or opened before `opened_before`.
  Status remove_expired(std::int64_t idle_before, std::int64_t opened_before);

 private:
  Database& db_;
};

}  // namespace rectifyd::store
