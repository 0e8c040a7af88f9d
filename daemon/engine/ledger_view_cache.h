#pragma once
// The planner's ledger view kept in memory between runs, so that a run costs what changed, not
// what exists. It is read whole the first time, when told `everything`, after a failed sync, and
// when another connection has committed since the last sync (SQLite's data_version: rectifyctl
// writing the file while the daemon runs); otherwise each sync re-reads only the rows a
// LedgerChange names and patches the view, derived parts included (person zones, the open-work
// groups, the counts, the labels). "Closed recently" follows `now` both ways: entries older than
// five weeks drop out as time passes, and a clock set back reads the missing weeks.
//
// Promise: after sync(db, now, change), view() equals store::read_ledger_view(db, now) field
// for field, provided `change` names every row written on this connection since the last sync
// (tests/engine/ledger_view_cache_test.cpp checks it on random ledgers).

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/ledger_change.h"
#include "core/model.h"
#include "plan/planner.h"
#include "store/database.h"
#include "store/ledger_view_reader.h"

namespace rectifyd::engine {

struct SyncStats {
  bool full = false;     ///< the whole ledger was read
  std::size_t rows = 0;  ///< rows re-read by id (a patch)
};

class LedgerViewCache {
 public:
  /// Brings the view up to `change` and `now`. Run it inside the caller's transaction so that
  /// the rows read and the data_version agree. Throws what the store throws; after a throw the
  /// next sync reads whole.
  SyncStats sync(store::Database& db, Instant now, const LedgerChange& change);

  const plan::LedgerView& view() const { return view_; }
  /// The next sync reads the whole ledger.
  void invalidate() { loaded_ = false; }
  bool loaded() const { return loaded_; }

  /// More measures than this in one change (after a problem's or category's measures are
  /// counted in) are read whole: a full read is then about as fast.
  static constexpr std::size_t kMaxPatchedMeasures = 50'000;

 private:
  void read_whole(store::Database& db, Instant now);
  /// false: the change is too wide to patch (nothing of the view was changed yet).
  bool patch(store::LedgerRowReader& reader, const LedgerChange& change);
  void move_window(store::LedgerRowReader& reader, Instant now);
  void resync_measure(store::LedgerRowReader& reader, Id id);
  void resync_recurrence(store::LedgerRowReader& reader, Id id);
  void resync_person(store::LedgerRowReader& reader, Id id);
  void take_out(const store::MeasureSlot& slot);
  bool has_pending_extension(Id measure_id) const;

  plan::LedgerView view_;
  /// Every measure of the ledger by id, open or not: where its item sits and what it counts as.
  std::vector<store::MeasureSlot> slots_;
  /// (recurrence id, measure id), by recurrence id: a measure's recurrences after it is gone.
  std::vector<std::pair<Id, Id>> recurrences_;
  /// (problem id, category id), by problem id: a deleted category's problems.
  std::vector<std::pair<Id, Id>> problems_;
  /// How many people use each non-empty time zone (LedgerView::person_zones are its keys).
  std::map<std::string, std::size_t> zone_counts_;
  Instant since_{};  ///< where closed_recently starts
  std::int64_t data_version_ = 0;
  bool loaded_ = false;
};

}  // namespace rectifyd::engine
