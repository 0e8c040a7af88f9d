#include "store/daily_stats.h"

#include <exception>

#include <SQLiteCpp/Statement.h>

namespace rectifyd::store {
namespace {

Error store_error(const std::exception& e) {
  return Error{std::string("数据库操作失败（") + e.what() + "）", ErrorKind::internal};
}

}  // namespace

Result<bool> DailyStats::has(const std::string& day) {
  try {
    SQLite::Statement q(db_.sql(), "SELECT 1 FROM daily_stats WHERE day = ?");
    q.bind(1, day);
    return q.executeStep();
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Result<bool> DailyStats::write_once(const DailyStatsRow& r) {
  try {
    return db_.write([&]() -> Result<bool> {
      SQLite::Statement q(db_.sql(),
                          "INSERT INTO daily_stats(day, measures, closed, ongoing, not_applicable, "
                          "open, overdue, done_reported, completion_rate, taken_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(day) DO NOTHING");
      q.bind(1, r.day);
      q.bind(2, r.measures);
      q.bind(3, r.closed);
      q.bind(4, r.ongoing);
      q.bind(5, r.not_applicable);
      q.bind(6, r.open);
      q.bind(7, r.overdue);
      q.bind(8, r.done_reported);
      q.bind(9, r.completion_rate);
      q.bind(10, r.taken_at);
      return q.exec() == 1;
    });
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Result<std::vector<DailyStatsRow>> DailyStats::since(const std::string& since) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT day, measures, closed, ongoing, not_applicable, open, overdue, "
                        "done_reported, completion_rate, taken_at FROM daily_stats "
                        "WHERE day >= ? ORDER BY day");
    q.bind(1, since);
    std::vector<DailyStatsRow> out;
    while (q.executeStep()) {
      DailyStatsRow r;
      r.day = q.getColumn(0).getString();
      r.measures = q.getColumn(1).getInt64();
      r.closed = q.getColumn(2).getInt64();
      r.ongoing = q.getColumn(3).getInt64();
      r.not_applicable = q.getColumn(4).getInt64();
      r.open = q.getColumn(5).getInt64();
      r.overdue = q.getColumn(6).getInt64();
      r.done_reported = q.getColumn(7).getInt64();
      r.completion_rate = q.getColumn(8).getDouble();
      r.taken_at = q.getColumn(9).getInt64();
      out.push_back(std::move(r));
    }
    return out;
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

}  // namespace rectifyd::store
