#include "time/calendar.h"

#include <algorithm>

#include "time/holidays_cn.h"

namespace rectifyd {
namespace {

int day_number(LocalDate d) {
  return d.time_since_epoch().count();
}
LocalDate from_day_number(long x) {
  return LocalDate{date::days{x}};
}
long floor_div(long a, long b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
long floor_mod(long a, long b) {
  return a - floor_div(a, b) * b;
}

// 1970-01-01 was a Thursday, so day -3 is a Monday; the ordinary week counts from there.
constexpr long kMondayShift = 3;

bool plain_workday(long x) {
  return floor_mod(x + kMondayShift, 7) < 5;
}
/// Monday–Friday days in [-3, x) (negative when x < -3).
long plain_rank(long x) {
  const long m = x + kMondayShift;
  return 5 * floor_div(m, 7) + std::min<long>(floor_mod(m, 7), 5);
}
/// The Monday–Friday day whose plain rank is r.
long plain_select(long r) {
  return floor_div(r, 5) * 7 + floor_mod(r, 5) - kMondayShift;
}

int first_day_of_year(int year) {
  return day_number(LocalDate{date::year{year} / date::January / 1});
}
int year_of(LocalDate d) {
  return static_cast<int>(date::year_month_day{d}.year());
}

}  // namespace

Calendar Calendar::with_builtin_holidays() {
  Calendar c;
  std::map<int, std::vector<CalendarDay>> by_year;
  for (int y : holidays_cn::covered_years())
    by_year[y];
  for (const auto& b : holidays_cn::days()) {
    const LocalDate d{date::year{b.year} / date::month{b.month} / date::day{b.day}};
    by_year[b.published].push_back(CalendarDay{d, b.off, std::string(holidays_cn::name(b))});
  }
  c.published_ = std::move(by_year);
  for (const auto& [y, days] : c.published_) {
    if (!days.empty())
      c.years_.insert(y);
  }
  c.rebuild();
  return c;
}

void Calendar::add_year(int year, const std::vector<CalendarDay>& days) {
  if (days.empty()) {
    published_.erase(year);
    years_.erase(year);
  } else {
    published_[year] = days;
    years_.insert(year);
  }
  rebuild();
}

void Calendar::set_extra(const std::vector<LocalDate>& days_off,
                         const std::vector<LocalDate>& workdays) {
  extra_off_ = std::set<LocalDate>(days_off.begin(), days_off.end());
  extra_on_ = std::set<LocalDate>(workdays.begin(), workdays.end());
  rebuild();
}

void Calendar::rebuild() {
  listed_.clear();
  // A later schedule wins where two list the same day (a December day in the next year's file).
  for (const auto& [year, days] : published_) {
    for (const auto& d : days)
      listed_.insert_or_assign(d.day, d);
  }

  workday_.clear();
  before_.assign(1, 0);
  workday_at_.clear();
  std::optional<int> first_year;
  std::optional<int> last_year;
  auto widen = [&](LocalDate d) {
    const int y = year_of(d);
    first_year = first_year ? std::min(*first_year, y) : y;
    last_year = last_year ? std::max(*last_year, y) : y;
  };
  for (const auto& [d, _] : listed_)
    widen(d);
  for (const auto& d : extra_off_)
    widen(d);
  for (const auto& d : extra_on_)
    widen(d);
  if (!first_year) {
    lo_ = 0;
    return;
  }

  lo_ = first_day_of_year(*first_year);
  const int hi = first_day_of_year(*last_year + 1);
  const auto n = static_cast<std::size_t>(hi - lo_);
  workday_.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    workday_[i] = plain_workday(lo_ + static_cast<long>(i)) ? 1 : 0;
  auto set = [&](LocalDate d, bool on) {
    workday_[static_cast<std::size_t>(day_number(d) - lo_)] = on ? 1 : 0;
  };
  for (const auto& [d, listed] : listed_)
    set(d, !listed.off);
  for (const auto& d : extra_off_)
    set(d, false);
  for (const auto& d : extra_on_)
    set(d, true);  // the unit's working day wins when a day is in both lists

  before_.resize(n + 1);
  for (std::size_t i = 0; i < n; ++i) {
    before_[i + 1] = before_[i] + workday_[i];
    if (workday_[i] != 0)
      workday_at_.push_back(lo_ + static_cast<int>(i));
  }
}

long Calendar::rank(LocalDate d) const {
  const long x = day_number(d);
  const long n = static_cast<long>(workday_.size());
  const long hi = lo_ + n;
  if (x <= lo_)
    return plain_rank(x);
  if (x <= hi)
    return plain_rank(lo_) + before_[static_cast<std::size_t>(x - lo_)];
  return plain_rank(lo_) + before_.back() + plain_rank(x) - plain_rank(hi);
}

LocalDate Calendar::select(long r) const {
  const long base = plain_rank(lo_);
  const long top = base + before_.back();
  if (r < base)
    return from_day_number(plain_select(r));
  if (r < top)
    return from_day_number(workday_at_[static_cast<std::size_t>(r - base)]);
  const long hi = lo_ + static_cast<long>(workday_.size());
  return from_day_number(plain_select(r - top + plain_rank(hi)));
}

bool Calendar::is_workday(LocalDate d) const {
  const long i = static_cast<long>(day_number(d)) - lo_;
  if (i >= 0 && i < static_cast<long>(workday_.size()))
    return workday_[static_cast<std::size_t>(i)] != 0;
  return plain_workday(day_number(d));
}

std::string Calendar::day_name(LocalDate d) const {
  const auto it = listed_.find(d);
  return it == listed_.end() ? std::string() : it->second.name;
}

bool Calendar::covers(LocalDate d) const {
  return years_.contains(year_of(d));
}

std::optional<LocalDate> Calendar::first_uncovered(LocalDate from, int days) const {
  if (days <= 0)
    return std::nullopt;
  const LocalDate end = from + date::days{days};  // exclusive
  for (int y = year_of(from); y <= year_of(end - date::days{1}); ++y) {
    if (!years_.contains(y))
      return std::max(from, LocalDate{date::year{y} / date::January / 1});
  }
  return std::nullopt;
}

std::vector<CalendarDay> Calendar::published_days(int year) const {
  const auto it = published_.find(year);
  if (it == published_.end())
    return {};
  auto days = it->second;
  std::stable_sort(days.begin(), days.end(),
                   [](const CalendarDay& a, const CalendarDay& b) { return a.day < b.day; });
  return days;
}

LocalDate Calendar::add_workdays(LocalDate d, int n) const {
  if (n > 0)
    return select(rank(d + date::days{1}) + n - 1);
  if (n < 0)
    return select(rank(d) + n);
  return next_workday(d);
}

int Calendar::workdays_between(LocalDate a, LocalDate b) const {
  if (b <= a)
    return 0;
  return static_cast<int>(rank(b + date::days{1}) - rank(a + date::days{1}));
}

LocalDate Calendar::next_workday(LocalDate d) const {
  return select(rank(d));
}

LocalDate Calendar::previous_workday(LocalDate d) const {
  return select(rank(d + date::days{1}) - 1);
}

}  // namespace rectifyd
