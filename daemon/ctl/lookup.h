#pragma once
// Helpers the command groups share: turning what a person types (names, dates) into ledger
// values, and ledger values into what a person reads.

#include <map>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "core/model.h"
#include "core/result.h"
#include "ledger/measure_view.h"
#include "store/ledger_names.h"
#include "store/ledger_store.h"

namespace rectifyd::ctl {

using ledger::Names;
using store::load_names;

class Context;

/// Colours by the planner's rule (ledger/measure_view.h) as of the unit's today, with the
/// configured yellow window and the unit's calendar.
Result<ledger::Colouring> colouring(Context& ctx);

/// The id of the person with this name; the error names the option it came from.
Result<Id> person_id(store::LedgerStore& store, const std::string& name, const std::string& option);

/// "no person of this name", naming the option it came from.
Error no_person(const std::string& name, const std::string& option);

/// "2026-03-14" → date; the error names the option or argument.
Result<LocalDate> parse_date_arg(const std::string& text, const std::string& what);

/// "1234.56" from fen.
std::string format_yuan(std::int64_t fen);

}  // namespace rectifyd::ctl
