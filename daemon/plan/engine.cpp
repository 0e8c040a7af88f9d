#include "plan/engine.h"

#include <exception>
#include <stdexcept>
#include <utility>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "plan/intent_writer.h"
#include "plan/link_placement.h"
#include "plan/owner_notices.h"
#include "store/ledger_view_reader.h"
#include "store/outbox.h"
#include "store/owner_notices.h"
#include "time/zone.h"

namespace rectifyd::plan {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::microseconds since(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0);
}

void write_state(store::Database& db, const ScheduleState& changes) {
  SQLite::Statement put(db.sql(),
                        "INSERT INTO schedule_state(key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  SQLite::Statement del(db.sql(), "DELETE FROM schedule_state WHERE key = ?");
  for (const auto& [key, value] : changes) {
    if (value.empty()) {
      del.bind(1, key);
      del.exec();
      del.reset();
    } else {
      put.bind(1, key);
      put.bind(2, value);
      put.exec();
      put.reset();
    }
  }
}

}  // namespace

LedgerView load_ledger_view(store::Database& db, Instant now) {
  return store::read_ledger_view(db, now);
}

ScheduleState load_schedule_state(store::Database& db) {
  ScheduleState s;
  SQLite::Statement st(db.sql(), "SELECT key, value FROM schedule_state");
  while (st.executeStep())
    s.emplace_hint(s.end(), st.getColumn(0).getString(), st.getColumn(1).getString());
  return s;
}

Result<EngineRun> Engine::run(const config::Config& config, const Calendar& calendar, Instant now) {
  auto zone = find_zone(config.unit.time_zone);
  if (!zone)
    return zone.error();
  const LedgerChange change = std::exchange(pending_, LedgerChange{});
  try {
    return db_.write([&]() -> EngineRun {
      EngineRun r;
      auto t0 = Clock::now();
      const engine::SyncStats synced = cache_.sync(db_, now, change);
      r.full_read = synced.full;
      r.rows_read = synced.rows;
      const LedgerView& ledger = cache_.view();
      const ScheduleState state = load_schedule_state(db_);
      r.load_time = since(t0);
      step("loaded", 0);

      t0 = Clock::now();
      const PlanInput in{config, calendar, *zone, ledger, state, now};
      PlanOutput out = plan(in);
      if (decorate_)
        decorate_(config, now, out.intents);
      // The office's decisions on what owners reported are told to them in the same run, and
      // personal messages get the owner's link (plan/link_placement.h).
      store::OwnerNotices notices(db_);
      auto unsent = notices.unsent();
      if (!unsent)
        throw std::runtime_error(unsent.error().message);
      for (auto& i : owner_notice_intents(*unsent, ledger.people, config, calendar, *zone, now))
        out.intents.push_back(std::move(i));
      for (const auto& n : *unsent) {
        if (auto st = notices.mark_sent(n.id); !st)
          throw std::runtime_error(st.error().message);
      }
      auto placed = place_links(std::move(out.intents), config, [&](Id person) {
        return links_.link_for(db_, config.web, person, now);
      });
      if (!placed)
        throw std::runtime_error(placed.error().message);
      out.intents = std::move(*placed);
      r.plan_time = since(t0);

      t0 = Clock::now();
      r.rows_added = write_intents(db_, out.intents, now,
                                   [this](std::size_t rows) { step("enqueued", rows); });
      write_state(db_, out.state_changes);
      step("state", 0);
      step("commit", 0);
      r.write_time = since(t0);
      r.intents = out.intents.size();
      r.next_wake = out.next_wake;
      return r;
    });
  } catch (const std::exception& e) {
    // The change may be half applied, or applied to rows a rollback restored: read whole.
    cache_.invalidate();
    return Error{std::string("planner run failed, nothing was written: ") + e.what()};
  }
}

}  // namespace rectifyd::plan
