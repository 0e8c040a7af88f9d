#pragma once
// The audit log: who changed what, when, with the value before and after (JSON). Rows are
// only ever appended, and only through AuditLog::append. Callers never put secrets in `before`
// or `after`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "store/database.h"

namespace rectifyd::store {

/// A page of the log, newest first. Pass `next_before` back as `before_id` for the next page.
struct AuditPage {
  std::vector<AuditEntry> entries;
  std::optional<Id> next_before;  ///< unset on the last page
};

struct AuditQuery {
  std::optional<Id> before_id;   ///< only entries with a smaller id (paging)
  std::string entity;            ///< e.g. "measure:12"; empty: all
  std::string actor;             ///< who, exactly as recorded ("李婷婷"); empty: anyone
  std::string action;            ///< "measure.close", or a family "measure"; empty: any
  std::optional<Instant> from;   ///< entries at or after
  std::optional<Instant> until;  ///< entries before
  int limit = 50;                ///< 1–1000
};

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}

  /// Appends one entry (its id is ignored) and returns the new id. Joins the caller's write
  /// transaction, so the entry commits or rolls back with the change it records.
  Result<Id> append(const AuditEntry& e);
  Result<AuditPage> list(const AuditQuery& q = {});
  /// How many entries the query's filters match (its paging and limit aside).
  Result<std::int64_t> count(const AuditQuery& q = {});

 private:
  Database& db_;
};

}  // namespace rectifyd::store
