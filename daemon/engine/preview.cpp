#include "engine/preview.h"

#include <filesystem>

#include <boost/json.hpp>

#include "core/dates.h"
#include "core/message.h"
#include "engine/engine.h"
#include "plan/planner.h"
#include "store/schedule_state.h"
#include "store/scratch_copy.h"
#include "time/zone.h"

namespace rectifyd::engine {
namespace {

/// Wakes in one preview at most: a year of busy days with room to spare.
constexpr int kMaxWakes = 100000;

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
  Id last = after;
  for (auto& r : store::outbox_rows_after(db, after)) {
    last = r.id;
    PreviewRow row;
    row.key = std::move(r.key);
    row.kind = std::move(r.kind);
    row.recipient = std::move(r.recipient);
    row.channel = std::move(r.channel);
    row.subject = std::move(r.subject);
    row.late = r.late;
    row.at = r.not_before;
    Message m;
    boost::system::error_code ec;
    auto json = boost::json::parse(r.payload, ec);
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
    store::copy_database(db, copy_path);
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
    store::clear_outbox(scratch);
    store::write_schedule_state(scratch,
                                {{std::string(plan::kLastRunKey), format_instant_utc(start)}});
  } catch (const std::exception& e) {
    return Error{std::string("preview: ") + e.what()};
  }

  std::vector<PreviewRow> rows;
  Engine engine(scratch);
  Id seen = store::max_outbox_id(scratch);
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

}  // namespace rectifyd::engine
