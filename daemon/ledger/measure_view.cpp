#include "ledger/measure_view.h"

#include <boost/json.hpp>

#include "core/names.h"
#include "ledger/label.h"
#include "ledger/ledger_json.h"

namespace rectifyd::ledger {

std::string Names::person(std::optional<Id> id) const {
  if (!id)
    return "";
  auto it = people.find(*id);
  return it == people.end() ? "#" + std::to_string(*id) : it->second.name;
}

int Names::problem_number(const Measure& m) const {
  auto it = problems.find(m.problem_id);
  return it == problems.end() ? 0 : it->second.number;
}

std::string Names::label(const Measure& m) const {
  return measure_label(problem_number(m), m.ordinal);
}

std::optional<Id> Names::leader_of(const Measure& m) const {
  auto it = problems.find(m.problem_id);
  return it == problems.end() ? std::nullopt : it->second.leader_id;
}

Colour Colouring::of(const Measure& m) const {
  ColourInput in;
  in.status = m.status;
  in.due = m.due;
  in.today = today;
  in.yellow_within_days = yellow_within_workdays;
  in.planned_progress = m.planned_progress;
  in.progress = m.progress;
  in.calendar = calendar ? &*calendar : nullptr;
  return colour_of(in);
}

LocalDate Colouring::yellow_until() const {
  if (!calendar)
    return today + date::days{yellow_within_workdays};
  // The working days from today only grow with the date; a window of N working days ends
  // before the (N+1)th, at most a few weeks away even across the longest holiday.
  LocalDate d = today;
  for (int i = 0; i < 366; ++i) {
    if (calendar->workdays_between(today, d + date::days{1}) > yellow_within_workdays)
      break;
    d += date::days{1};
  }
  return d;
}

ColourIs Colouring::filter(Colour c) const {
  return ColourIs{c, today, yellow_until()};
}

boost::json::object measure_json(const Measure& m, const Names& names, const Colouring& colours) {
  auto name_or_null = [&](std::optional<Id> id) {
    return id ? boost::json::value(names.person(id)) : boost::json::value(nullptr);
  };
  boost::json::object o = to_json(m).as_object();
  const auto leader = names.leader_of(m);
  o["label"] = names.label(m);
  o["problem_number"] = names.problem_number(m);
  o["owner"] = name_or_null(m.owner_id);
  o["leader_id"] = leader ? boost::json::value(*leader) : boost::json::value(nullptr);
  o["leader"] = name_or_null(leader);
  o["status_zh"] = label_zh(m.status);
  const Colour colour = colours.of(m);
  o["colour"] = to_string(colour);
  // How late open work is, in the unit's working days (calendar days without a calendar).
  if (colour == Colour::red && m.due) {
    o["overdue_workdays"] = colours.calendar
                                ? colours.calendar->workdays_between(*m.due, colours.today)
                                : (colours.today - *m.due).count();
  } else {
    o["overdue_workdays"] = nullptr;
  }
  return o;
}

}  // namespace rectifyd::ledger
