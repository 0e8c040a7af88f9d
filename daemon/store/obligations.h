#pragma once
// Recurring obligations (长期坚持) in SQLite: table recurrences (a measure's rule and lead time)
// and occurrences (one due date recorded done). Joins the caller's transaction; SQLite errors
// are thrown, for the caller's transaction to roll back.

#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "store/database.h"

namespace rectifyd::store {

struct ObligationRow {
  Id id = 0;
  Id measure_id = 0;
  std::string rule;  ///< plan/recurrence.h's canonical text
  int lead_workdays = 3;
  std::string title;
  std::optional<LocalDate> starts;
  int problem_number = 0;  ///< of the measure, for its label
  int measure_ordinal = 0;
  std::string owner;  ///< the measure's owner's name, empty when none
};

bool measure_exists(Database& db, Id measure);
/// Returns the new id.
Id insert_obligation(Database& db, const ObligationRow& o);
/// Active obligations, by id.
std::vector<ObligationRow> active_obligations(Database& db);
std::optional<ObligationRow> obligation(Database& db, Id id);
/// Records the occurrence due on `due` as done (again: the latest record counts).
void record_occurrence_done(Database& db, Id obligation, LocalDate due, Instant at,
                            const std::string& by, const std::string& note);

}  // namespace rectifyd::store
