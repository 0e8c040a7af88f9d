#pragma once
// Owners' personal link tokens: 32 random bytes (libsodium) written as 43 URL-safe base64
// characters, stored only as their SHA-256 (hex) with the person whose page they open, when
// they were made, when they expire (Unix seconds) and when they were revoked. Messages to a
// person reuse the token last made for them until it has less than [web] link_renew_before
// left; the token in the clear is known only to the process that made it (LinkIssuer), so
// after a restart the next message carries a new one and the earlier stays valid until it
// expires.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "config/config.h"
#include "core/model.h"
#include "core/result.h"
#include "store/database.h"

namespace rectifyd::store {

struct LinkTokenRow {
  Id id = 0;
  std::string token_hash;
  Id person_id = 0;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> revoked_at;
};

class LinkTokens {
 public:
  explicit LinkTokens(Database& db) : db_(db) {}

  Result<Id> insert(const LinkTokenRow& row);
  Result<std::optional<LinkTokenRow>> find(const std::string& token_hash);
  /// Revokes every live token of the person; returns how many.
  Result<int> revoke_person(Id person, std::int64_t now);
  /// Tokens of the person neither revoked nor expired at `now`.
  Result<int> live_count(Id person, std::int64_t now);

 private:
  Database& db_;
};

/// Makes and remembers the links this process puts into messages.
class LinkIssuer {
 public:
  /// The address of the person's page ("https://…/o/<token>"), reusing the token made last
  /// for them while it is on record, unrevoked and not due for renewal; nullopt when
  /// web.public_url is empty. A new token is written in the caller's transaction (or one of
  /// its own).
  Result<std::optional<std::string>> link_for(Database& db, const config::WebConfig& web, Id person,
                                              Instant now);

 private:
  struct Made {
    std::string token;
    std::string hash;
    Instant expires{};
  };
  std::map<Id, Made> made_;
};

/// A new token: 32 random bytes, URL-safe base64 without padding.
std::string new_link_token();
/// True for text shaped like a token (43 URL-safe base64 characters).
bool link_token_shaped(std::string_view token);
/// The stored key of a token: lower-case hex SHA-256.
std::string link_key(std::string_view token);

}  // namespace rectifyd::store
