#pragma once
// The JSON forms of ledger values, used by the audit log (before/after), rectifyctl --json and
// the admin API. Dates are ISO strings, missing values null, enums their stable spellings.

#include <boost/json/value.hpp>

#include "core/model.h"

namespace rectifyd::ledger {

boost::json::value to_json(const Person& p);
boost::json::value to_json(const Measure& m);
boost::json::value to_json(const Extension& e);
boost::json::value to_json(const ProgressUpdate& u);
boost::json::value to_json(const AuditEntry& e);

}  // namespace rectifyd::ledger
