#include "plan/preview.h"

#include <filesystem>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "core/message.h"
#include "plan/engine.h"
#include "plan/planner.h"
#include "time/zone.h"

namespace rectifyd::plan {
namespace {

/// Wakes in one preview at most: a year of busy days with room to spare.
constexpr int kMaxWakes = 100000;

Id max_outbox_id(store::Database& db) {
  SQLite::Statement st(db.sql(), "SELECT coalesce(max(id), 0) FROM outbox");
  st.executeStep();
  return st.getColumn(0).getInt64();
}

bool concerns(const PreviewRow& row, const Message& m, const std::string& person) {
  if (row.recipient == person)
    return true;
  for (const auto& a : m.to) {
    if (a.name == person)
      return true;
  }
  return false;
}

Id read_new_rows(store::Database& db, Id after, const PreviewOptions& options,
                 std::vector<PreviewRow>& out) {
  SQLite::Statement st(db.sql(),
                       "SELECT id, idempotency_key, kind, recipient, channel, subject, payload, "
                       "late, not_before FROM outbox WHERE id > ? ORDER BY id");
  st.bind(1, after);
  Id last = after;
  while (st.executeStep()) {
    last = st.getColumn(0).getInt64();
    PreviewRow row;
    row.key = st.getColumn(1).getString();
    row.kind = st.getColumn(2).getString();
    row.recipient = st.getColumn(3).getString();
    row.channel = st.getColumn(4).getString();
    row.subject = st.getColumn(5).getString();
    row.late = st.getColumn(7).getInt() != 0;
    row.at = parse_instant(st.getColumn(8).getString()).value_or(Instant{});
    Message m;
    boost::system::error_code ec;
    auto json = boost::json::parse(st.getColumn(6).getString(), ec);
    if (!ec) {
      if (auto parsed = message_from_json(json))
        m = std::move(*parsed);
    }
    row.text = m.text;
    for (const auto& it : m.items)
      row.measures.push_back(it.measure_id);
    if (options.person && !concerns(row, m, *options.person))
      continue;
    out.push_back(std::move(row));
  }
  return last;
}

}  // namespace

std::string kind_label_zh(const std::string& kind) {
  static const std::map<std::string, std::string> kNames = {
      {"reminder", "到期提醒"},          {"overdue", "逾期提醒"},
      {"escalation", "逾期升级"},        {"missed", "停机漏发汇总"},
      {"calendar_warning", "日历预警"},  {"meeting_notice", "会议通知"},
      {"update_request", "进度更新"},    {"nudge", "催报进度"},
      {"meeting_summary", "会议小结"},   {"meeting_cancelled", "会议取消"},
      {"dead_letter", "死信告警"},       {"channel_down", "渠道故障"},
      {"channel_recovered", "渠道恢复"}, {"backup_failed", "备份失败"},
      {"disk_full", "磁盘已满"},         {"disk_recovered", "磁盘恢复"},
      {"owner_notice", "办理结果告知"},
  };
  auto it = kNames.find(kind);
  return it == kNames.end() ? kind : it->second;
}

Result<std::vector<PreviewRow>> run_preview(store::Database& db, const config::Config& config,
                                            const Calendar& calendar, const PreviewOptions& options,
                                            const std::string& scratch_dir) {
  auto zone = find_zone(config.unit.time_zone);
  if (!zone)
    return zone.error();
  if (options.days < 1)
    return Error{"preview: --days must be at least 1"};

  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(scratch_dir, ec);
  const std::string copy_path = (fs::path(scratch_dir) / "preview.db").string();
  fs::remove(copy_path, ec);
  struct Cleanup {
    std::string path;
    ~Cleanup() {
      std::error_code e;
      for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(path + suffix, e);
    }
  } cleanup{copy_path};

  try {
    SQLite::Statement vacuum(db.sql(), "VACUUM INTO ?");
    vacuum.bind(1, copy_path);
    vacuum.exec();
  } catch (const std::exception& e) {
    return Error{std::string("preview: cannot copy the database: ") + e.what()};
  }
  auto copy = store::Database::open(copy_path);
  if (!copy)
    return copy.error();
  store::Database& scratch = **copy;

  const Instant start = resolve_local(*zone, options.from, std::chrono::minutes{0});
  const Instant end =
      resolve_local(*zone, options.from + date::days{options.days}, std::chrono::minutes{0});
  try {
    // The period starts now: what the real daemon did before is not replayed.
    scratch.sql().exec("DELETE FROM outbox");
    SQLite::Statement st(scratch.sql(),
                         "INSERT INTO schedule_state(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, std::string(kLastRunKey));
    st.bind(2, format_instant_utc(start));
    st.exec();
  } catch (const std::exception& e) {
    return Error{std::string("preview: ") + e.what()};
  }

  std::vector<PreviewRow> rows;
  Engine engine(scratch);
  Id seen = max_outbox_id(scratch);
  Instant now = start;
  for (int wakes = 0; wakes < kMaxWakes; ++wakes) {
    auto r = engine.run(config, calendar, now);
    if (!r)
      return r.error();
    try {
      seen = read_new_rows(scratch, seen, options, rows);
    } catch (const std::exception& e) {
      return Error{std::string("preview: ") + e.what()};
    }
    if (!r->next_wake || *r->next_wake >= end || *r->next_wake <= now)
      break;
    now = *r->next_wake;
  }
  return rows;
}

}  // namespace rectifyd::plan
