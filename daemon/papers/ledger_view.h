#pragma once
// The newest round's ledger as the papers read it: categories, problems and measures in the
// order of the plan, each with the names (leader, owner, department) and the colour a person
// sees. One read of the store; the spreadsheet, the weekly 通报 and the final report all start
// from it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "ledger/colour.h"
#include "ledger/measure_view.h"
#include "store/database.h"

namespace date {
class time_zone;
}

namespace rectifyd::papers {

struct MeasureRow {
  Measure measure;
  std::string owner;             ///< name, "" for no one
  std::string owner_department;  ///< the owner's department, ""
  ledger::Colour colour = ledger::Colour::green;
  std::optional<LocalDate> closed_on;  ///< closed_at in the unit's zone
  int self_criticisms = 0;             ///< 书面检讨 (person-times)
  std::int64_t party_fees_fen = 0;     ///< 清收资金入党费专户, in fen
  bool finished() const;
  /// Finished, and not after its due date (any finished measure without a due date).
  bool on_time() const;
};

struct ProblemRow {
  Problem problem;
  std::string leader;             ///< name, ""
  std::string leader_department;  ///< ""
  std::vector<MeasureRow> measures;
  /// The problem's own status (its status line in the plan), when the ledger keeps one.
  std::optional<MeasureStatus> stated;
  /// Every measure finished; without measures, its own status finished.
  bool done() const;
};

struct CategoryRow {
  Category category;
  std::vector<ProblemRow> problems;
};

struct LedgerView {
  std::optional<Round> round;  ///< nullopt: the ledger is empty
  std::vector<CategoryRow> categories;
  std::vector<Person> people;  ///< every person, by id
  std::size_t problem_count() const;
  std::size_t measure_count() const;
};

struct ViewOptions {
  ledger::Colouring colouring;            ///< today and the yellow window
  const date::time_zone* zone = nullptr;  ///< for closed_on; nullptr: UTC
};

/// The newest round, in plan order (category ordinal, problem number, measure ordinal).
Result<LedgerView> load_ledger_view(store::Database& db, const ViewOptions& options);

/// Chinese labels of the status column, in the order of MeasureStatus.
const std::vector<std::string>& status_labels_zh();

}  // namespace rectifyd::papers
