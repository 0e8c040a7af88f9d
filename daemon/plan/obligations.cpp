#include "plan/obligations.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <tuple>

#include "plan/recurrence.h"

namespace rectifyd::plan {
namespace {

constexpr date::days kNearHorizon{45};
constexpr date::days kFarHorizon{400};

using Completed = std::vector<std::pair<Id, LocalDate>>;

/// The ledger's completed occurrences, sorted by (rule, due) as the reader and the cache keep
/// them; sorted here only when they are not.
const Completed& sorted(const Completed& done, Completed& copy) {
  if (std::is_sorted(done.begin(), done.end()))
    return done;
  copy = done;
  std::sort(copy.begin(), copy.end());
  return copy;
}

}  // namespace

std::vector<ObligationsDue> obligations_due(const LedgerView& ledger, const Calendar& calendar,
                                            LocalDate first, LocalDate last) {
  std::vector<ObligationsDue> out;
  if (ledger.obligations.empty())
    return out;
  Completed copy;
  const Completed& completed = sorted(ledger.completed_occurrences, copy);
  // One parse per rule text, one expansion per (text, lead time, first day).
  std::map<std::string_view, std::optional<RecurrenceRule>> parsed;
  std::map<std::tuple<std::string_view, int, LocalDate>, std::vector<Occurrence>> expanded;
  std::map<LocalDate, std::vector<const ObligationRule*>> by_due;
  for (const auto& ob : ledger.obligations) {
    auto [p, fresh] = parsed.try_emplace(ob.rule);
    if (fresh) {
      if (auto r = parse_recurrence(ob.rule))
        p->second = std::move(*r);
    }
    if (!p->second)
      continue;
    const LocalDate from = ob.starts ? std::max(first, *ob.starts) : first;
    if (from > last)
      continue;
    auto [e, unexpanded] = expanded.try_emplace({ob.rule, ob.lead_workdays, from});
    if (unexpanded) {
      // The occurrences due by `last`, then on to the first one reminded after `last`: its
      // reminder is the rule's next event, and later ones come later still. Most rules find
      // it within weeks; a yearly one is looked for further.
      e->second = occurrences(*p->second, calendar, from, last + kNearHorizon, ob.lead_workdays);
      if (e->second.empty() || e->second.back().remind_from <= last)
        e->second = occurrences(*p->second, calendar, from, last + kFarHorizon, ob.lead_workdays);
    }
    for (const auto& occ : e->second) {
      if (std::binary_search(completed.begin(), completed.end(), std::pair{ob.id, occ.due}))
        continue;
      by_due[occ.due].push_back(&ob);
      if (occ.remind_from > last)
        break;
    }
  }
  out.reserve(by_due.size());
  for (auto& [due, rules] : by_due)
    out.push_back(ObligationsDue{due, std::move(rules)});
  return out;
}

DeadlineItem obligation_item(const ObligationRule& ob, LocalDate due) {
  DeadlineItem item;
  item.source = DeadlineItem::Source::obligation;
  item.measure_id = ob.measure_id;
  item.recurrence_id = ob.id;
  item.due = due;
  item.label = ob.label;
  item.text = ob.title;
  item.problem_id = ob.problem_id;
  item.owner_id = ob.owner_id;
  item.leader_id = ob.leader_id;
  item.lead_workdays = ob.lead_workdays;
  return item;
}

std::map<LocalDate, std::vector<DeadlineItem>> obligation_items(const LedgerView& ledger,
                                                                const Calendar& calendar,
                                                                LocalDate first, LocalDate last) {
  std::map<LocalDate, std::vector<DeadlineItem>> out;
  for (const auto& group : obligations_due(ledger, calendar, first, last)) {
    auto& items = out[group.due];
    for (const ObligationRule* ob : group.rules)
      items.push_back(obligation_item(*ob, group.due));
  }
  return out;
}

}  // namespace rectifyd::plan
