#pragma once
// A measure as people read it in rectifyctl and the admin API: with its label (问题3 措施二),
// its owner's and leader's names, its status in Chinese and its colour by the planner's rule.

#include <map>
#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "core/model.h"
#include "ledger/colour.h"
#include "time/calendar.h"

namespace rectifyd::ledger {

/// People and problems by id: the names, labels and leaders of measures.
struct Names {
  std::map<Id, Person> people;
  std::map<Id, Problem> problems;

  /// The person's name; "" for no one, "#id" for an id the ledger does not know.
  std::string person(std::optional<Id> id) const;
  /// "问题3 措施二".
  std::string label(const Measure& m) const;
  int problem_number(const Measure& m) const;
  /// The responsible leader of the measure's problem.
  std::optional<Id> leader_of(const Measure& m) const;
};

/// Colours as the planner and the agenda give them: the yellow window counts working days of
/// the unit's calendar (calendar days when no calendar could be loaded).
struct Colouring {
  LocalDate today{};
  int yellow_within_workdays = 3;
  std::optional<Calendar> calendar;

  Colour of(const Measure& m) const;
  /// The last day the yellow window reaches from today: a due date up to it is yellow.
  LocalDate yellow_until() const;
  /// The filter for the measures of colour `c` by this rule.
  ColourIs filter(Colour c) const;
};

/// Every stored field (ledger_json.h) plus label, problem_number, owner, leader_id, leader
/// (null when there is none), status_zh, colour and overdue_workdays (working days past the due
/// date for red items, else null).
boost::json::object measure_json(const Measure& m, const Names& names, const Colouring& colours);

}  // namespace rectifyd::ledger
