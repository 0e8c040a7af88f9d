#pragma once
// The working-day calendar: the ordinary Monday–Friday week, PRC statutory holidays and makeup
// workdays (调休) for the years built in or imported, and the unit's own extra days off and on.
// Lead times and escalation delays are counted with it.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model.h"

namespace rectifyd {

/// One listed day of a published year: a holiday (off) or a makeup workday (not off).
struct CalendarDay {
  LocalDate day;
  bool off = true;
  std::string name;  ///< 春节, 国庆节…
};

class Calendar {
 public:
  /// The ordinary week only.
  Calendar() = default;
  /// The ordinary week plus the built-in PRC years.
  static Calendar with_builtin_holidays();

  /// Adds (or replaces) one published year's listed days.
  void add_year(int year, const std::vector<CalendarDay>& days);
  /// The unit's own days; they win over everything else.
  void set_extra(const std::vector<LocalDate>& days_off, const std::vector<LocalDate>& workdays);

  bool is_workday(LocalDate d) const;
  /// The holiday's name when d is a listed day, else empty.
  std::string day_name(LocalDate d) const;
  /// True when d's year has a published schedule (built in or imported).
  bool covers(LocalDate d) const;
  /// The first day in [from, from + days) whose year has no published schedule.
  std::optional<LocalDate> first_uncovered(LocalDate from, int days) const;
  std::set<int> covered_years() const { return years_; }
  /// The listed days of one published year (possibly with December days of the year before),
  /// in date order; empty when the year is not covered.
  std::vector<CalendarDay> published_days(int year) const;

  /// The n-th working day after d (n > 0) or before d (n < 0); n == 0 gives d itself when it is
  /// a working day, else the next working day.
  LocalDate add_workdays(LocalDate d, int n) const;
  /// Working days in (a, b]: 0 when b <= a. "Overdue by N working days" is this with a = due.
  int workdays_between(LocalDate a, LocalDate b) const;
  /// d when it is a working day, else the next (previous) one.
  LocalDate next_workday(LocalDate d) const;
  LocalDate previous_workday(LocalDate d) const;

 private:
  /// Rebuilds the day table below from the published years and the extras.
  void rebuild();
  /// Working days before d (a rank; only differences mean anything).
  long rank(LocalDate d) const;
  /// The working day whose rank is r.
  LocalDate select(long r) const;

  std::map<int, std::vector<CalendarDay>> published_;  ///< by published year
  std::map<LocalDate, CalendarDay> listed_;
  std::set<int> years_;
  std::set<LocalDate> extra_off_;
  std::set<LocalDate> extra_on_;

  // Every day in [lo_, lo_ + workday_.size()) precomputed; outside, the ordinary week holds.
  int lo_ = 0;                         ///< days since 1970-01-01
  std::vector<std::uint8_t> workday_;  ///< per day in the table: 1 working, 0 off
  std::vector<int> before_ = {0};      ///< working days in the table before each day (size + 1)
  std::vector<int> workday_at_;        ///< the table's working days, in order (rank → day)
};

}  // namespace rectifyd
