#include "engine/engine.h"

#include <exception>
#include <stdexcept>
#include <utility>

#include <boost/json.hpp>

#include "core/dates.h"
#include "engine/intent_writer.h"
#include "plan/link_placement.h"
#include "plan/owner_notices.h"
#include "store/ledger_view_reader.h"
#include "store/outbox.h"
#include "store/owner_notices.h"
#include "store/schedule_state.h"
#include "time/zone.h"

namespace rectifyd::engine {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::microseconds since(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0);
}

}  // namespace

plan::LedgerView load_ledger_view(store::Database& db, Instant now) {
  return store::read_ledger_view(db, now);
}

plan::ScheduleState load_schedule_state(store::Database& db) {
  return store::load_schedule_state(db);
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
      const SyncStats synced = cache_.sync(db_, now, change);
      r.full_read = synced.full;
      r.rows_read = synced.rows;
      const plan::LedgerView& ledger = cache_.view();
      const plan::ScheduleState state = store::load_schedule_state(db_);
      r.load_time = since(t0);
      step("loaded", 0);

      t0 = Clock::now();
      const plan::PlanInput in{config, calendar, *zone, ledger, state, now};
      plan::PlanOutput out = plan::plan(in);
      if (decorate_)
        decorate_(config, now, out.intents);
      // The office's decisions on what owners reported are told to them in the same run, and
      // personal messages get the owner's link (plan/link_placement.h).
      store::OwnerNotices notices(db_);
      auto unsent = notices.unsent();
      if (!unsent)
        throw std::runtime_error(unsent.error().message);
      for (auto& i :
           plan::owner_notice_intents(*unsent, ledger.people, config, calendar, *zone, now))
        out.intents.push_back(std::move(i));
      for (const auto& n : *unsent) {
        if (auto st = notices.mark_sent(n.id); !st)
          throw std::runtime_error(st.error().message);
      }
      auto placed = plan::place_links(std::move(out.intents), config, [&](Id person) {
        return links_.link_for(db_, config.web, person, now);
      });
      if (!placed)
        throw std::runtime_error(placed.error().message);
      out.intents = std::move(*placed);
      r.plan_time = since(t0);

      t0 = Clock::now();
      r.rows_added = write_intents(db_, out.intents, now,
                                   [this](std::size_t rows) { step("enqueued", rows); });
      store::write_schedule_state(db_, out.state_changes);
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

}  // namespace rectifyd::engine
