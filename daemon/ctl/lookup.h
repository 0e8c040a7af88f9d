#pragma once
// Helpers the command groups share: turning what a person types (names, dates) into ledger
// values, and ledger values into what a person reads.

#include <map>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "core/model.h"
#include "core/result.h"
#include "ledger/ledger_store.h"

namespace rectifyd::ctl {

/// People and problems by id, for printing names and labels.
struct Names {
  std::map<Id, Person> people;
  std::map<Id, Problem> problems;

  std::string person(std::optional<Id> id) const;
  /// "问题3 措施二".
  std::string label(const Measure& m) const;
  std::optional<Id> leader_of(const Measure& m) const;
};

Result<Names> load_names(ledger::LedgerStore& store);

/// The id of the person with this name; the error names the option it came from.
Result<Id> person_id(ledger::LedgerStore& store, const std::string& name,
                     const std::string& option);

/// "2026-03-14" → date; the error names the option or argument.
Result<LocalDate> parse_date_arg(const std::string& text, const std::string& what);

/// A measure as rectifyctl prints it in JSON: every stored field plus label, owner, leader,
/// status_zh and colour (as of `today`).
boost::json::object measure_json(const Measure& m, const Names& names, LocalDate today);

/// "1234.56" from fen.
std::string format_yuan(std::int64_t fen);

}  // namespace rectifyd::ctl
