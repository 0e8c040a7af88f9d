#pragma once
// Recurring obligations (长期坚持): a measure that is done but must keep being done — a monthly
// work-log spot check, a half-yearly study progress report, a yearly training course. A rule
// says when each occurrence is due; the lead time (working days) says when to start reminding.
//
// Grammar (no spaces; case-insensitive):
//   rule       = frequency ":" anchor *("," anchor)
//   weekly     : mon tue wed thu fri sat sun                 每周五        weekly:fri
//   monthly    : 1..31 | last | first_workday | last_workday  每月15日      monthly:15
//   quarterly  : 1..31 (day of the quarter's first month: Jan/Apr/Jul/Oct) | last (Mar 31,
//                Jun 30, Sep 30, Dec 31) | first_workday | last_workday (of the quarter)
//   half_yearly: MM-DD (two, one in each half) | first_workday | last_workday (of the half)
//   yearly     : MM-DD | first_workday | last_workday (of the year)
// A day of month past the month's end means its last day (monthly:31 → Feb 28); 02-29 means
// Feb 28 in a common year.
//
// Due dates on a day off move to the PREVIOUS working day: an obligation due "by the 15th" is
// still done by the 15th, never after it. first_workday and last_workday are already working
// days and do not move.

#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "time/calendar.h"

namespace rectifyd::plan {

enum class Frequency { weekly, monthly, quarterly, half_yearly, yearly };

struct Anchor {
  enum class Kind {
    weekday,        ///< value: 0 = Sunday … 6 = Saturday
    day,            ///< value: day of month (1–31), month: 1–12 for MM-DD, else 0
    last_day,       ///< the period's last calendar day
    first_workday,  ///< the period's first working day
    last_workday,   ///< the period's last working day
  };
  Kind kind = Kind::day;
  unsigned value = 0;
  unsigned month = 0;
  bool operator==(const Anchor&) const = default;
};

struct RecurrenceRule {
  Frequency frequency = Frequency::monthly;
  std::vector<Anchor> anchors;
  bool operator==(const RecurrenceRule&) const = default;
};

/// Parses a rule. Errors name the rule and the 1-based column of the offending text:
/// `rule "monthly:32", column 9: day of month must be 1–31, last, first_workday or last_workday`.
Result<RecurrenceRule> parse_recurrence(std::string_view text);
/// The canonical text form; parse_recurrence(format_recurrence(r)) == r.
std::string format_recurrence(const RecurrenceRule& rule);
/// How a person reads it: "每月最后一个工作日", "每半年（6月30日、12月31日）".
std::string describe_recurrence_zh(const RecurrenceRule& rule);

struct Occurrence {
  LocalDate due;          ///< a working day (moved back from `nominal` when that is a day off)
  LocalDate nominal;      ///< the date the rule names
  LocalDate remind_from;  ///< `lead_workdays` working days before `due`
  bool operator==(const Occurrence&) const = default;
};

/// Every occurrence whose due date is in [from, to], ascending, each due date once.
std::vector<Occurrence> occurrences(const RecurrenceRule& rule, const Calendar& calendar,
                                    LocalDate from, LocalDate to, int lead_workdays = 0);

/// The first occurrence due on or after `from` (searching up to two years ahead).
std::optional<Occurrence> next_occurrence(const RecurrenceRule& rule, const Calendar& calendar,
                                          LocalDate from, int lead_workdays = 0);

}  // namespace rectifyd::plan
