#pragma once
// The ledger in SQLite: people, rounds, categories, problems, measures, progress updates and
// extension requests. Reads and writes the plain values of core/model.h. Every write runs in
// Database::write (joining the caller's transaction when there is one); SQLite's exceptions stop
// here and come back as Errors. No lifecycle rules here: ledger/lifecycle.h decides,
// office/measures.h writes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "core/model.h"
#include "core/result.h"
#include "ledger/colour.h"
#include "store/database.h"

namespace rectifyd::store {

/// Which measures to list. Unset fields do not filter; set ones must all match.
struct ColourCounts {
  std::size_t red = 0;
  std::size_t yellow = 0;
  std::size_t green = 0;
};

struct MeasureFilter {
  std::optional<Id> owner_id;
  std::optional<Id> leader_id;  ///< the problem's responsible leader
  std::optional<Id> problem_id;
  std::vector<MeasureStatus> statuses;  ///< empty: any status
  /// Open work (not closed, ongoing or not_applicable) whose due date is before this date.
  std::optional<LocalDate> overdue_as_of;
  /// Due within [from, from + days] (calendar days), any status unless `statuses` says so.
  struct DueWithin {
    LocalDate from{};
    int days = 0;
  };
  std::optional<DueWithin> due_within;
  std::optional<Id> category_id;  ///< the problem's category
  /// Only measures of this colour (Colouring::filter makes it from the planner's rule).
  using ColourIs = ledger::ColourIs;
  std::optional<ColourIs> colour;
  /// One page of the list, in its order (limit 0: every row).
  std::size_t limit = 0;
  std::size_t offset = 0;
};

/// One measure of open work with what the planner needs of its problem.
struct OpenMeasure {
  Measure measure;
  int problem_number = 0;
  std::optional<Id> leader_id;
};

/// What the planner reads on every wake: the open measures (open, in_progress,
/// done_reported) ordered by due date (undated ones last), then id; and every person.
struct OpenWork {
  std::vector<Person> people;
  std::vector<OpenMeasure> measures;
};

class LedgerStore {
 public:
  explicit LedgerStore(Database& db) : db_(db) {}

  Database& database() { return db_; }

  // People. Names are unique; adding a taken name is an error that names it.
  Result<Id> add_person(const Person& p);
  /// Writes every field of p over the row p.id.
  Status update_person(const Person& p);
  Result<std::optional<Person>> person(Id id);
  Result<std::optional<Person>> person_by_name(std::string_view name);
  /// Ordered by id.
  Result<std::vector<Person>> people();

  Result<Id> add_round(const Round& r);
  Result<std::vector<Round>> rounds();

  Result<Id> add_category(const Category& c);
  /// Ordered by round, then ordinal.
  Result<std::vector<Category>> categories();

  Result<Id> add_problem(const Problem& p);
  Result<std::optional<Problem>> problem(Id id);
  /// Ordered by category, then number.
  Result<std::vector<Problem>> problems();

  Result<Id> add_measure(const Measure& m);
  Result<std::optional<Measure>> measure(Id id);
  /// Writes every field of m over the row m.id.
  Status update_measure(const Measure& m);
  /// Ordered by due date (undated last), then id.
  Result<std::vector<Measure>> measures(const MeasureFilter& filter = {});
  /// How many measures the filter matches, its limit and offset aside.
  Result<std::size_t> count_measures(const MeasureFilter& filter);
  /// How many of the measures the filter matches are red, yellow and green, by the colour day
  /// and window of filter.colour (its colour itself is ignored).
  Result<ColourCounts> count_colours(const MeasureFilter& filter);

  Result<Id> add_progress_update(const ProgressUpdate& u);
  /// Oldest first.
  Result<std::vector<ProgressUpdate>> progress_updates(Id measure_id);

  Result<Id> add_extension(const Extension& e);
  Status update_extension(const Extension& e);
  Result<std::optional<Extension>> extension(Id id);
  /// Every request for one measure, oldest first.
  Result<std::vector<Extension>> extensions(Id measure_id);
  Result<std::vector<Extension>> pending_extensions();

  /// One query over the open-work partial index plus the people table.
  Result<OpenWork> load_open_work();

  /// Gives every finished measure that has none its closed_on: the local day of its closed_at
  /// in `zone`. Only rows finished before the database kept that day have none; returns how
  /// many were dated.
  Result<std::size_t> date_closings(const date::time_zone* zone);

 private:
  Database& db_;
};

}  // namespace rectifyd::store
