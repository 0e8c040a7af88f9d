#pragma once
// The newest round of the ledger as the papers read it, in plain rows: people, the round, its
// categories, problems and measures in the order of the plan, with the fields only the papers
// use. One read of the database; papers/ledger_view.h puts it together with names and colours.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "store/database.h"

namespace rectifyd::store {

struct PaperProblem {
  Problem problem;
  /// The problem's own status (its status line in the plan), when the ledger keeps one.
  std::optional<MeasureStatus> stated;
};

struct PaperMeasure {
  Measure measure;
  int self_criticisms = 0;          ///< 书面检讨 (person-times)
  std::int64_t party_fees_fen = 0;  ///< 清收资金入党费专户, in fen
};

struct PaperLedger {
  std::vector<Person> people;  ///< every person, by id
  std::optional<Round> round;  ///< the newest round; nullopt: the ledger is empty
  /// The round's categories by ordinal; its problems by (category ordinal, number, id); its
  /// measures by (category ordinal, problem number, ordinal, id).
  std::vector<Category> categories;
  std::vector<PaperProblem> problems;
  std::vector<PaperMeasure> measures;
};

Result<PaperLedger> read_paper_ledger(Database& db);

/// Extension requests still pending or decided in [from, until), by (requested_at, id).
Result<std::vector<Extension>> pending_or_decided_extensions(Database& db, Instant from,
                                                             Instant until);

}  // namespace rectifyd::store
