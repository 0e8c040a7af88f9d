#pragma once
// Recurring obligations (长期坚持) of a measure: added by the office with a rule from
// plan/recurrence.h and a lead time, and each occurrence recorded done. Audited
// ("obligation.add", "obligation.done").

#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"
#include "office/office.h"
#include "plan/recurrence.h"

namespace rectifyd::office {

struct NewObligation {
  Id measure = 0;
  std::string rule;  ///< "monthly:15", "half_yearly:06-30,12-31"…
  int lead_workdays = 3;
  std::string title;
  /// Without it the obligation starts today: earlier occurrences are not owed.
  std::optional<LocalDate> starts;
};

struct ObligationAdded {
  Id id = 0;
  plan::RecurrenceRule rule;
  LocalDate starts{};
};

Result<ObligationAdded> add_obligation(Office& o, const Actor& a, const NewObligation& n);
/// `due` must be a due date of the obligation's rule.
Status complete_obligation(Office& o, const Actor& a, Id obligation, LocalDate due,
                           std::string_view note);

}  // namespace rectifyd::office
