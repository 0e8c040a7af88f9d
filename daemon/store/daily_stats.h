#pragma once
// The ledger's figures per local day (daily_stats, schema step 10): one row a day, the first
// one written for a day kept, so writing again the same day changes nothing.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace rectifyd::store {

struct DailyStatsRow {
  std::string day;  ///< YYYY-MM-DD in the unit's zone
  std::int64_t measures = 0;
  std::int64_t closed = 0;
  std::int64_t ongoing = 0;
  std::int64_t not_applicable = 0;
  std::int64_t open = 0;
  std::int64_t overdue = 0;
  std::int64_t done_reported = 0;
  double completion_rate = 0;
  std::int64_t taken_at = 0;  ///< Unix seconds
};

class DailyStats {
 public:
  explicit DailyStats(Database& db) : db_(db) {}

  /// True when the day has its row.
  Result<bool> has(const std::string& day);
  /// Writes the day's row in one transaction unless it has one; true when this call wrote it.
  Result<bool> write_once(const DailyStatsRow& row);
  /// Every row from `since` (inclusive; all when empty), by day.
  Result<std::vector<DailyStatsRow>> since(const std::string& since = "");

 private:
  Database& db_;
};

}  // namespace rectifyd::store
