#pragma once
// The deadline rule: for one due date, the days on which its owner is reminded, alerted when
// overdue, and on which the matter climbs the escalation ladder. Every day is a function of the
// due date alone (and the config and calendar), so all items due on one date share their events
// and a wake touches due-date groups, never single items.
//
//   reminder        `leads` working days before the due date at reminder_at; lead 0 is the due
//                   day itself (the last working day before it when it is a day off)
//   overdue         on the first working day after the due date (1 working day overdue), then
//                   every `repeat` working days (1, 1+r, 1+2r…) at overdue_at
//   escalate_leader on the day the item is `leader_after` working days overdue
//   escalate_chief  on the day it is `chief_after` working days overdue

#include <chrono>
#include <optional>
#include <vector>

#include <date/tz.h>

#include "config/config.h"
#include "core/model.h"
#include "time/calendar.h"

namespace rectifyd::plan {

enum class DeadlineEvent { reminder, overdue, escalate_leader, escalate_chief };

struct DeadlineRule {
  std::vector<int> leads;  ///< working days before the due date, descending, no duplicates
  std::chrono::minutes reminder_at{9 * 60};
  std::chrono::minutes overdue_at{9 * 60};
  int repeat = 2;        ///< 0: one overdue alert only
  int leader_after = 3;  ///< 0: never
  int chief_after = 7;   ///< 0: never
};

/// The rule as the config sets it for measures.
DeadlineRule deadline_rule(const config::Config& config);
/// The same rule with other lead times (an obligation's own lead time, and the due day).
DeadlineRule with_leads(DeadlineRule rule, std::vector<int> leads);

/// One event of a due date.
struct DeadlineHit {
  DeadlineEvent event = DeadlineEvent::reminder;
  LocalDate day{};
  Instant at{};
  /// reminder: working days left in (day, due]; the others: working days overdue on `day`.
  int workdays = 0;
};

/// The instants (from, to] a run covers, with their local dates.
struct Window {
  Instant from{};
  Instant to{};
  LocalDate from_day{};
  LocalDate to_day{};
};

Window make_window(const date::time_zone* zone, Instant from, Instant to);

/// The earliest of the events after the window seen so far; kept as a local day and time so
/// that most candidates never need a zone lookup.
class NextEvent {
 public:
  void offer(LocalDate day, std::chrono::minutes at);
  void offer(Instant t);
  /// The earliest instant offered.
  std::optional<Instant> instant(const date::time_zone* zone) const;
  /// False when (day, at) cannot be earlier than what is already held.
  bool could_improve(LocalDate day, std::chrono::minutes at) const;

 private:
  std::optional<std::pair<LocalDate, std::chrono::minutes>> local_;
  std::optional<Instant> exact_;
};

/// Appends the events of due date `due` planned in (window.from, window.to] to `hits` and
/// offers the first event after window.to to `next`.
void deadline_events(const DeadlineRule& rule, const Calendar& calendar,
                     const date::time_zone* zone, LocalDate due, const Window& window,
                     std::vector<DeadlineHit>& hits, NextEvent& next);

/// The first day of the reminders of `due`: nothing of it happens earlier.
LocalDate first_reminder_day(const DeadlineRule& rule, const Calendar& calendar, LocalDate due);

/// The day the owner is first alerted (1 working day overdue) and the day the leader is told.
LocalDate first_overdue_day(const Calendar& calendar, LocalDate due);
std::optional<LocalDate> leader_told_day(const DeadlineRule& rule, const Calendar& calendar,
                                         LocalDate due);

}  // namespace rectifyd::plan
