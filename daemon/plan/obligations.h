#pragma once
// Recurring obligations (长期坚持) as deadline items: each open occurrence of a rule is reminded,
// alerted and escalated like a measure, owned by the measure's owner, with the rule's own lead
// time. An occurrence is closed by recording it in the occurrences table.

#include <map>
#include <vector>

#include "core/model.h"
#include "plan/planner.h"
#include "time/calendar.h"

namespace rectifyd::plan {

/// How long an occurrence left open is still alerted after its due date, in calendar days.
/// Beyond it the occurrence stays on record (rectifyctl obligation list) without further alerts.
inline constexpr date::days kObligationFollowUp{92};

/// The open occurrences of one due date: the rules they belong to, in the ledger's order.
struct ObligationsDue {
  LocalDate due{};
  std::vector<const ObligationRule*> rules;
};

/// The open occurrences whose due dates lie in [first, last] (and not before the rule's start),
/// and after them each rule's open occurrences up to the first one whose reminder falls after
/// `last` (within 400 days), ascending by due date: everything that has an event by `last`, and
/// each rule's next event after it. Rules whose text does not parse yield nothing. Rules of the
/// same text, lead time and start share one expansion, so a ledger with thousands of monthly
/// reports expands "monthly" once.
std::vector<ObligationsDue> obligations_due(const LedgerView& ledger, const Calendar& calendar,
                                            LocalDate first, LocalDate last);

/// The deadline item of one occurrence of `rule` due on `due`.
DeadlineItem obligation_item(const ObligationRule& rule, LocalDate due);

/// obligations_due as deadline items grouped by due date.
std::map<LocalDate, std::vector<DeadlineItem>> obligation_items(const LedgerView& ledger,
                                                                const Calendar& calendar,
                                                                LocalDate first, LocalDate last);

}  // namespace rectifyd::plan
