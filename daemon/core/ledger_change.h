#pragma once
// What one action changed in the ledger, as ids of the rows it wrote, so that the planner's
// view kept in memory (engine/ledger_view_cache.h) re-reads those rows and nothing else.
//
// Which list names a change:
// - a measure's own columns, its extensions (request, approve, reject), a measure added,
//   deleted or moved to another problem: `measures`;
// - a person added, edited, deactivated or deleted: `people`;
// - a problem added, its number, leader or category changed, a problem deleted: `problems`
//   (its measures are re-read);
// - a category deleted: `categories` (its problems and their measures go);
// - a recurrence (obligation) added, edited or deleted, one of its occurrences completed:
//   `obligations`, by recurrence id, or `all_obligations` when the ids are not at hand (every
//   recurrence is re-read: a few queries per recurrence);
// - the office's meeting changes (moved, cancelled, added): `meetings`;
// - anything wider (an import, a restore, a round deleted): `everything`.

#include <algorithm>
#include <vector>

#include "core/model.h"

namespace rectifyd {

struct LedgerChange {
  std::vector<Id> measures;
  std::vector<Id> people;
  std::vector<Id> problems;
  std::vector<Id> categories;
  std::vector<Id> obligations;  ///< recurrence ids
  bool all_obligations = false;
  bool meetings = false;
  bool everything = false;

  static LedgerChange all() {
    LedgerChange c;
    c.everything = true;
    return c;
  }
  static LedgerChange measure(Id id) {
    LedgerChange c;
    c.measures.push_back(id);
    return c;
  }
  static LedgerChange person(Id id) {
    LedgerChange c;
    c.people.push_back(id);
    return c;
  }
  static LedgerChange meeting_changes() {
    LedgerChange c;
    c.meetings = true;
    return c;
  }

  bool empty() const {
    return !everything && !meetings && !all_obligations && measures.empty() && people.empty() &&
           problems.empty() && categories.empty() && obligations.empty();
  }

  /// Adds what `other` changed (the change of two actions, in any order).
  void merge(const LedgerChange& other) {
    everything = everything || other.everything;
    meetings = meetings || other.meetings;
    all_obligations = all_obligations || other.all_obligations;
    if (everything) {
      *this = all();
      return;
    }
    auto add = [](std::vector<Id>& to, const std::vector<Id>& from) {
      to.insert(to.end(), from.begin(), from.end());
      std::sort(to.begin(), to.end());
      to.erase(std::unique(to.begin(), to.end()), to.end());
    };
    add(measures, other.measures);
    add(people, other.people);
    add(problems, other.problems);
    add(categories, other.categories);
    add(obligations, other.obligations);
  }
};

}  // namespace rectifyd
