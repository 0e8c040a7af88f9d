#include "plan/obligations.h"

#include <algorithm>
#include <set>

#include "plan/recurrence.h"

namespace rectifyd::plan {
namespace {

constexpr date::days kNearHorizon{45};
constexpr date::days kFarHorizon{400};

}  // namespace

std::map<LocalDate, std::vector<DeadlineItem>> obligation_items(const LedgerView& ledger,
                                                                const Calendar& calendar,
                                                                LocalDate first, LocalDate last) {
  std::map<LocalDate, std::vector<DeadlineItem>> out;
  if (ledger.obligations.empty())
    return out;
  const std::set<std::pair<Id, LocalDate>> completed(ledger.completed_occurrences.begin(),
                                                     ledger.completed_occurrences.end());
  for (const auto& ob : ledger.obligations) {
    auto rule = parse_recurrence(ob.rule);
    if (!rule)
      continue;
    const LocalDate from = ob.starts ? std::max(first, *ob.starts) : first;
    if (from > last)
      continue;
    // The occurrences due by `last`, then on to the first one reminded after `last`: its
    // reminder is the rule's next event, and later ones come later still. Most rules find it
    // within weeks; a yearly one is looked for further.
    auto occs = occurrences(*rule, calendar, from, last + kNearHorizon, ob.lead_workdays);
    if (occs.empty() || occs.back().remind_from <= last)
      occs = occurrences(*rule, calendar, from, last + kFarHorizon, ob.lead_workdays);
    for (const auto& occ : occs) {
      if (completed.contains({ob.id, occ.due}))
        continue;
      DeadlineItem item;
      item.source = DeadlineItem::Source::obligation;
      item.measure_id = ob.measure_id;
      item.recurrence_id = ob.id;
      item.due = occ.due;
      item.label = ob.label;
      item.text = ob.title;
      item.problem_id = ob.problem_id;
      item.owner_id = ob.owner_id;
      item.leader_id = ob.leader_id;
      item.lead_workdays = ob.lead_workdays;
      out[occ.due].push_back(std::move(item));
      if (occ.remind_from > last)
        break;
    }
  }
  return out;
}

}  // namespace rectifyd::plan
