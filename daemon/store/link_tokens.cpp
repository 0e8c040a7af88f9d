#include "store/link_tokens.h"

#include <exception>

#include <sodium.h>

#include <SQLiteCpp/Statement.h>

namespace rectifyd::store {
namespace {

Error store_error(const std::exception& e) {
  return Error{std::string("数据库操作失败（") + e.what() + "）", ErrorKind::internal};
}

std::int64_t seconds(Instant t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

constexpr std::size_t kTokenChars = 43;

}  // namespace

std::string new_link_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes, sizeof bytes);
  return std::string(text);
}

bool link_token_shaped(std::string_view t) {
  if (t.size() != kTokenChars)
    return false;
  for (char c : t) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok)
      return false;
  }
  return true;
}

std::string link_key(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

Result<std::optional<std::string>> LinkIssuer::link_for(Database& db, const config::WebConfig& web,
                                                        Id person, Instant now) {
  if (web.public_url.empty())
    return std::optional<std::string>{};
  LinkTokens tokens(db);
  if (auto it = made_.find(person); it != made_.end()) {
    const Made& m = it->second;
    if (m.expires - now > web.link_renew_before) {
      // Still the one on record? A revocation, a rolled-back run or a restored database
      // retires it.
      auto row = tokens.find(m.hash);
      if (!row)
        return row.error();
      if (*row && !(*row)->revoked_at && (*row)->person_id == person)
        return std::optional<std::string>{web.public_url + "/o/" + m.token};
    }
    made_.erase(it);
  }
  Made m;
  m.token = new_link_token();
  m.hash = link_key(m.token);
  m.expires = now + web.link_lifetime;
  auto id = tokens.insert(
      LinkTokenRow{0, m.hash, person, seconds(now), seconds(m.expires), std::nullopt});
  if (!id)
    return id.error();
  std::string url = web.public_url + "/o/" + m.token;
  made_[person] = std::move(m);
  return std::optional<std::string>{std::move(url)};
}

Result<Id> LinkTokens::insert(const LinkTokenRow& row) {
  try {
    return db_.write([&]() -> Result<Id> {
      SQLite::Statement q(db_.sql(),
                          "INSERT INTO link_tokens(token_hash, person_id, created_at, expires_at) "
                          "VALUES (?, ?, ?, ?)");
      q.bind(1, row.token_hash);
      q.bind(2, static_cast<std::int64_t>(row.person_id));
      q.bind(3, row.created_at);
      q.bind(4, row.expires_at);
      q.exec();
      return static_cast<Id>(db_.sql().getLastInsertRowid());
    });
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Result<std::optional<LinkTokenRow>> LinkTokens::find(const std::string& token_hash) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT id, token_hash, person_id, created_at, expires_at, revoked_at "
                        "FROM link_tokens WHERE token_hash = ?");
    q.bind(1, token_hash);
    if (!q.executeStep())
      return std::optional<LinkTokenRow>{};
    LinkTokenRow r;
    r.id = q.getColumn(0).getInt64();
    r.token_hash = q.getColumn(1).getString();
    r.person_id = q.getColumn(2).getInt64();
    r.created_at = q.getColumn(3).getInt64();
    r.expires_at = q.getColumn(4).getInt64();
    if (!q.getColumn(5).isNull())
      r.revoked_at = q.getColumn(5).getInt64();
    return std::optional<LinkTokenRow>{r};
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Result<int> LinkTokens::revoke_person(Id person, std::int64_t now) {
  try {
    return db_.write([&]() -> Result<int> {
      SQLite::Statement q(db_.sql(),
                          "UPDATE link_tokens SET revoked_at = ? "
                          "WHERE person_id = ? AND revoked_at IS NULL AND expires_at > ?");
      q.bind(1, now);
      q.bind(2, static_cast<std::int64_t>(person));
      q.bind(3, now);
      return q.exec();
    });
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Result<int> LinkTokens::live_count(Id person, std::int64_t now) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT count(*) FROM link_tokens "
                        "WHERE person_id = ? AND revoked_at IS NULL AND expires_at > ?");
    q.bind(1, static_cast<std::int64_t>(person));
    q.bind(2, now);
    q.executeStep();
    return q.getColumn(0).getInt();
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

}  // namespace rectifyd::store
