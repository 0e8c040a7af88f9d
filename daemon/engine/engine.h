#pragma once
// The planner engine: one run reads the ledger and the schedule state from the store, asks the
// planner what is due, and writes every intent × channel into the outbox together with the new
// schedule state, in ONE transaction. So a crash at any point either leaves everything as it
// was (the next run plans the same window again and writes the same rows) or has written all
// of it (the next run starts after it): nothing is lost and nothing is sent twice.
//
// The ledger view stays in memory between runs (engine/ledger_view_cache.h): read whole on the
// first run and after reload(), then patched inside each run's transaction by what the edits
// since the last run changed (note_change). Edits committed by another connection (rectifyctl
// on the database file) are noticed by the store and read whole.

#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

#include "config/config.h"
#include "core/ledger_change.h"
#include "core/model.h"
#include "core/result.h"
#include "engine/ledger_view_cache.h"
#include "plan/planner.h"
#include "store/database.h"
#include "store/link_tokens.h"
#include "time/calendar.h"

namespace rectifyd::engine {

/// Everything the planner reads of the ledger, in a few queries (store/ledger_view_reader.h).
/// `now` bounds "closed recently" (the last five weeks).
plan::LedgerView load_ledger_view(store::Database& db, Instant now);
/// The planner's memory between runs, whole (store/schedule_state.h).
plan::ScheduleState load_schedule_state(store::Database& db);

struct EngineRun {
  std::size_t intents = 0;
  std::size_t rows_added = 0;  ///< outbox rows added (a key already present adds none)
  std::optional<Instant> next_wake;
  bool full_read = false;     ///< the whole ledger was read (else only the rows changed)
  std::size_t rows_read = 0;  ///< ledger rows re-read by id
  std::chrono::microseconds load_time{0};   ///< reading the ledger and the state
  std::chrono::microseconds plan_time{0};   ///< the planner itself
  std::chrono::microseconds write_time{0};  ///< outbox rows, state, commit
};

class Engine {
 public:
  explicit Engine(store::Database& db) : db_(db) {}

  /// One run at `now`. An Error (store failure, unknown zone) changes nothing; the next run
  /// then reads the ledger whole.
  Result<EngineRun> run(const config::Config& config, const Calendar& calendar, Instant now);

  /// What an edit made on this connection changed; the next run re-reads those rows. Every
  /// write to the ledger on this connection must be noted before the next run.
  void note_change(const LedgerChange& change) { pending_.merge(change); }
  /// The next run reads the whole ledger.
  void reload() { pending_ = LedgerChange::all(); }
  /// The view the last run planned from.
  const plan::LedgerView& ledger_view() const { return cache_.view(); }

  /// Called inside the transaction at each step: "loaded", "enqueued" (after each outbox row,
  /// n = rows so far), "state" (state written) and "commit" (just before the commit). A hook
  /// that throws aborts the run the way a crash at that point would; tests use it.
  using FaultHook = std::function<void(std::string_view step, std::size_t n)>;
  void set_fault_hook(FaultHook hook) { fault_ = std::move(hook); }

  /// Called inside the run's transaction with the intents the planner decided, before they are
  /// written: what only the store can make (the weekly 通报 for the summary mail) is attached.
  using Decorate =
      std::function<void(const config::Config&, Instant now, std::vector<plan::Intent>& intents)>;
  void set_decorate(Decorate d) { decorate_ = std::move(d); }

 private:
  void step(std::string_view name, std::size_t n) {
    if (fault_)
      fault_(name, n);
  }

  store::Database& db_;
  FaultHook fault_;
  Decorate decorate_;
  LedgerViewCache cache_;
  LedgerChange pending_;
  store::LinkIssuer links_;  ///< the personal links put into this engine's messages
};

}  // namespace rectifyd::engine
