#include "plan/deadlines.h"

#include <algorithm>
#include <functional>
#include <span>

#include "time/zone.h"

namespace rectifyd::plan {
namespace {

bool is_overdue_alert(const DeadlineRule& r, int c) {
  if (c < 1)
    return false;
  return r.repeat > 0 ? (c - 1) % r.repeat == 0 : c == 1;
}

bool is_event_count(const DeadlineRule& r, int c) {
  return is_overdue_alert(r, c) || (r.leader_after > 0 && c == r.leader_after) ||
         (r.chief_after > 0 && c == r.chief_after);
}

/// The smallest count >= c at which something happens; nullopt when nothing ever does.
std::optional<int> next_event_count(const DeadlineRule& r, int c) {
  c = std::max(c, 1);
  std::optional<int> best;
  auto consider = [&](int v) {
    if (v >= c && (!best || v < *best))
      best = v;
  };
  if (r.repeat > 0) {
    consider(1 + (c - 1 + r.repeat - 1) / r.repeat * r.repeat);
  } else {
    consider(1);
  }
  if (r.leader_after > 0)
    consider(r.leader_after);
  if (r.chief_after > 0)
    consider(r.chief_after);
  return best;
}

LocalDate reminder_day(const Calendar& cal, LocalDate due, int lead) {
  return lead > 0 ? cal.add_workdays(due, -lead) : cal.previous_workday(due);
}

}  // namespace

DeadlineRule deadline_rule(const config::Config& config) {
  DeadlineRule r;
  r.reminder_at = config.deadlines.reminder_at;
  r.overdue_at = config.deadlines.overdue_at;
  r.repeat = std::max(0, config.deadlines.overdue_repeat_workdays);
  r.leader_after = std::max(0, config.escalation.leader_after_workdays);
  r.chief_after = std::max(0, config.escalation.chief_after_workdays);
  return with_leads(r, config.deadlines.reminder_workdays_before);
}

DeadlineRule with_leads(DeadlineRule rule, std::vector<int> leads) {
  std::erase_if(leads, [](int l) { return l < 0; });
  std::sort(leads.begin(), leads.end(), std::greater<>());
  leads.erase(std::unique(leads.begin(), leads.end()), leads.end());
  rule.leads = std::move(leads);
  return rule;
}

Window make_window(const date::time_zone* zone, Instant from, Instant to) {
  return Window{from, to, local_date(zone, from), local_date(zone, to)};
}

void NextEvent::offer(LocalDate day, std::chrono::minutes at) {
  if (!local_ || std::pair{day, at} < *local_)
    local_ = std::pair{day, at};
}

void NextEvent::offer(Instant t) {
  if (!exact_ || t < *exact_)
    exact_ = t;
}

bool NextEvent::could_improve(LocalDate day, std::chrono::minutes at) const {
  return !local_ || std::pair{day, at} < *local_;
}

std::optional<Instant> NextEvent::instant(const date::time_zone* zone) const {
  std::optional<Instant> best = exact_;
  if (local_) {
    const Instant t = resolve_local(zone, local_->first, local_->second);
    if (!best || t < *best)
      best = t;
  }
  return best;
}

LocalDate first_reminder_day(const DeadlineRule& rule, const Calendar& calendar, LocalDate due) {
  if (rule.leads.empty())
    return due;
  return reminder_day(calendar, due, rule.leads.front());
}

LocalDate first_overdue_day(const Calendar& calendar, LocalDate due) {
  return calendar.add_workdays(due, 1);
}

std::optional<LocalDate> leader_told_day(const DeadlineRule& rule, const Calendar& calendar,
                                         LocalDate due) {
  if (rule.leader_after <= 0)
    return std::nullopt;
  return calendar.add_workdays(due, rule.leader_after);
}

void deadline_events(const DeadlineRule& rule, const Calendar& calendar,
                     const date::time_zone* zone, LocalDate due, const Window& window,
                     std::vector<DeadlineHit>& hits, NextEvent& next) {
  // Reminders, earliest first (leads are descending); all of them lie on or before the due
  // date, so a due date before the window has none left.
  std::optional<LocalDate> previous;
  for (int lead :
       due >= window.from_day ? std::span<const int>(rule.leads) : std::span<const int>()) {
    const LocalDate day = reminder_day(calendar, due, lead);
    if (previous && day == *previous)
      continue;  // a lead that falls on the same day as a longer one (due date on a day off)
    previous = day;
    if (day < window.from_day)
      continue;
    if (day > window.to_day) {
      next.offer(day, rule.reminder_at);
      break;
    }
    const Instant at = resolve_local(zone, day, rule.reminder_at);
    if (at > window.to) {
      next.offer(at);
      break;
    }
    if (at > window.from)
      hits.push_back({DeadlineEvent::reminder, day, at, calendar.workdays_between(day, due)});
  }

  // Overdue alerts and escalations: counted in working days after the due date.
  if (due >= window.to_day)
    return next.offer(first_overdue_day(calendar, due), rule.overdue_at);
  const int c_to = calendar.workdays_between(due, window.to_day);
  int c = std::max(1, calendar.workdays_between(due, window.from_day));
  for (; c <= c_to; ++c) {
    if (!is_event_count(rule, c))
      continue;
    const LocalDate day = calendar.add_workdays(due, c);
    if (day < window.from_day)
      continue;
    const Instant at = resolve_local(zone, day, rule.overdue_at);
    if (at <= window.from)
      continue;
    if (at > window.to) {
      next.offer(at);
      return;
    }
    if (is_overdue_alert(rule, c))
      hits.push_back({DeadlineEvent::overdue, day, at, c});
    if (rule.leader_after > 0 && c == rule.leader_after)
      hits.push_back({DeadlineEvent::escalate_leader, day, at, c});
    if (rule.chief_after > 0 && c == rule.chief_after)
      hits.push_back({DeadlineEvent::escalate_chief, day, at, c});
  }
  if (auto n = next_event_count(rule, c); n)
    next.offer(calendar.add_workdays(due, *n), rule.overdue_at);
}

}  // namespace rectifyd::plan
