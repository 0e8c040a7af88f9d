#pragma once
// The planner's ledger view (plan::LedgerView) as SQLite holds it: the whole view in a few
// queries, and the same rows one entity at a time for a view kept in memory between runs
// (engine/ledger_view_cache.h). Both read through the same row mappings, and every list has a
// fixed order, so a view patched row by row can be compared with a fresh read field by field:
//   open_by_due groups and undated by measure id; obligations by recurrence id;
//   completed_occurrences by (recurrence id, due); pending_extensions by extension id;
//   meeting_overrides in the order they were made; closed_recently by (closed_at, measure id).

#include <optional>
#include <utility>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "core/model.h"
#include "plan/planner.h"
#include "store/database.h"

namespace rectifyd::store {

/// "Closed recently" for a run at `now`: measures closed at or after this instant (five weeks).
Instant closed_recently_since(Instant now);

/// Everything the planner reads of the ledger. Throws what SQLite throws.
plan::LedgerView read_ledger_view(Database& db, Instant now);

/// One measure as the view sees it, whatever its status: `item` has every DeadlineItem field
/// (its due is `due` or, undated, LocalDate{}), `closed_at` is for "closed recently".
struct MeasureRow {
  plan::DeadlineItem item;
  std::optional<LocalDate> due;
  std::optional<Instant> closed_at;
};

/// What a view kept in memory must know of every measure to take one out again: where it sits
/// (its due date when open), which problem it belongs to and what it counts as.
struct MeasureSlot {
  Id id = 0;
  Id problem_id = 0;
  MeasureStatus status = MeasureStatus::open;
  std::optional<LocalDate> due;
};

/// A recurrence and whether the view lists it among the obligations (active, and its measure
/// not "not applicable"); `rule` is set exactly then.
struct RecurrenceRow {
  Id id = 0;
  Id measure_id = 0;
  std::optional<plan::ObligationRule> rule;
};

/// A measure closed within a window, with its label (LedgerView::measure_labels).
struct ClosedMeasure {
  Id id = 0;
  Instant closed_at{};
  std::string label;
};

/// Every measure, by id: one scan of the table.
std::vector<MeasureSlot> read_measure_slots(Database& db);
/// (recurrence id, measure id) of every recurrence, by recurrence id.
std::vector<std::pair<Id, Id>> read_recurrence_measures(Database& db);
/// (problem id, category id) of every problem, by problem id.
std::vector<std::pair<Id, Id>> read_problem_categories(Database& db);
/// The value of SQLite's `PRAGMA data_version` on this connection: it changes when another
/// connection commits, never for this connection's own commits.
std::int64_t data_version(Database& db);

/// The view's rows one entity at a time, each query prepared once per reader. Absent rows are
/// nullopt (deleted, or never there). Use within one transaction for a consistent read.
class LedgerRowReader {
 public:
  explicit LedgerRowReader(Database& db) : db_(db) {}
  Database& database() { return db_; }

  std::optional<Person> person(Id id);
  std::optional<MeasureRow> measure(Id id);
  /// Pending extensions of one measure, by id.
  std::vector<Extension> pending_extensions(Id measure_id);
  std::optional<RecurrenceRow> recurrence(Id id);
  /// The due dates of a recurrence's completed occurrences, in order.
  std::vector<LocalDate> completed_dues(Id recurrence_id);
  std::vector<Id> measures_of_problem(Id problem_id);
  std::vector<Id> recurrences_of_measure(Id measure_id);
  /// A problem's category; nullopt when the problem does not exist.
  std::optional<Id> problem_category(Id problem_id);
  bool category_exists(Id category_id);
  /// Measures closed in [since, until), by (closed_at, id).
  std::vector<ClosedMeasure> closed_between(Instant since, Instant until);
  /// Rows read so far (for the engine's figures).
  std::size_t rows() const { return rows_; }

 private:
  SQLite::Statement& prepared(std::optional<SQLite::Statement>& slot, const char* sql);

  Database& db_;
  std::size_t rows_ = 0;
  std::optional<SQLite::Statement> person_, measure_, extensions_, recurrence_, completed_,
      problem_measures_, measure_recurrences_, problem_category_, category_, closed_;
};

}  // namespace rectifyd::store
