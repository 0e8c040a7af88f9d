#include "time/calendar.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>

namespace rectifyd {
namespace {

using date::days;

LocalDate ymd(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y} / date::month{m} / date::day{d}};
}

class CalendarTest : public ::testing::Test {
 protected:
  Calendar cal = Calendar::with_builtin_holidays();
};

TEST_F(CalendarTest, SpringFestival2026Block) {
  EXPECT_TRUE(cal.is_workday(ymd(2026, 2, 13)));  // Friday before
  EXPECT_TRUE(cal.is_workday(ymd(2026, 2, 14)));  // Saturday, makeup workday
  for (unsigned d = 15; d <= 23; ++d)
    EXPECT_FALSE(cal.is_workday(ymd(2026, 2, d))) << "2026-02-" << d;
  EXPECT_TRUE(cal.is_workday(ymd(2026, 2, 24)));
  EXPECT_TRUE(cal.is_workday(ymd(2026, 2, 28)));  // Saturday, makeup workday
  EXPECT_FALSE(cal.is_workday(ymd(2026, 3, 1)));  // ordinary Sunday
  EXPECT_EQ(cal.day_name(ymd(2026, 2, 17)), "春节");
  EXPECT_EQ(cal.day_name(ymd(2026, 2, 14)), "春节");
  EXPECT_EQ(cal.day_name(ymd(2026, 3, 2)), "");
}

TEST_F(CalendarTest, AddWorkdaysAcrossSpringFestival) {
  // Fri Feb 13 → Sat Feb 14 (makeup) → Tue Feb 24.
  EXPECT_EQ(cal.add_workdays(ymd(2026, 2, 13), 1), ymd(2026, 2, 14));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 2, 13), 2), ymd(2026, 2, 24));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 2, 24), -1), ymd(2026, 2, 14));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 2, 24), -2), ymd(2026, 2, 13));
  // From inside the block.
  EXPECT_EQ(cal.add_workdays(ymd(2026, 2, 18), 1), ymd(2026, 2, 24));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 2, 18), -1), ymd(2026, 2, 14));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 2, 18), 0), ymd(2026, 2, 24));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 2, 14), 0), ymd(2026, 2, 14));
  // Feb 24..27 (4) + Sat Feb 28 (makeup) = 5 after Feb 23.
  EXPECT_EQ(cal.add_workdays(ymd(2026, 2, 23), 5), ymd(2026, 2, 28));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 2, 23), 6), ymd(2026, 3, 2));
  EXPECT_EQ(cal.workdays_between(ymd(2026, 2, 13), ymd(2026, 2, 24)), 2);
  EXPECT_EQ(cal.workdays_between(ymd(2026, 2, 12), ymd(2026, 3, 2)), 8);
}

TEST_F(CalendarTest, NationalDayAndMidAutumn2026) {
  EXPECT_TRUE(cal.is_workday(ymd(2026, 9, 20)));   // Sunday, makeup
  EXPECT_FALSE(cal.is_workday(ymd(2026, 9, 25)));  // 中秋节 Friday
  for (unsigned d = 1; d <= 7; ++d)
    EXPECT_FALSE(cal.is_workday(ymd(2026, 10, d)));
  EXPECT_TRUE(cal.is_workday(ymd(2026, 10, 8)));
  EXPECT_TRUE(cal.is_workday(ymd(2026, 10, 10)));  // Saturday, makeup
  EXPECT_EQ(cal.add_workdays(ymd(2026, 9, 30), 1), ymd(2026, 10, 8));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 10, 8), 2), ymd(2026, 10, 10));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 10, 8), 3), ymd(2026, 10, 12));
  EXPECT_EQ(cal.previous_workday(ymd(2026, 10, 5)), ymd(2026, 9, 30));
  EXPECT_EQ(cal.next_workday(ymd(2026, 10, 5)), ymd(2026, 10, 8));
  EXPECT_EQ(cal.previous_workday(ymd(2026, 9, 30)), ymd(2026, 9, 30));
  // Sep 21–24 (4), Sep 28–30 (3), Oct 8–10 (3): 10 working days after Sunday Sep 20.
  EXPECT_EQ(cal.workdays_between(ymd(2026, 9, 20), ymd(2026, 10, 10)), 10);
}

TEST_F(CalendarTest, DecemberDaysListedInNextYearsFile) {
  // 2018-12-29 (Saturday) was worked, 2018-12-31 (Monday) was off: both from the 2019 schedule.
  EXPECT_TRUE(cal.is_workday(ymd(2018, 12, 29)));
  EXPECT_FALSE(cal.is_workday(ymd(2018, 12, 31)));
  EXPECT_FALSE(cal.covers(ymd(2018, 12, 29)));
  EXPECT_TRUE(cal.covers(ymd(2019, 1, 1)));
}

TEST_F(CalendarTest, CoveredYearsAndFirstUncovered) {
  EXPECT_EQ(cal.covered_years(), (std::set<int>{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}));
  EXPECT_TRUE(cal.covers(ymd(2026, 12, 31)));
  EXPECT_FALSE(cal.covers(ymd(2027, 1, 1)));
  EXPECT_EQ(cal.first_uncovered(ymd(2026, 11, 15), 60), ymd(2027, 1, 1));
  EXPECT_EQ(cal.first_uncovered(ymd(2026, 11, 2), 60), std::nullopt);  // up to Dec 31
  EXPECT_EQ(cal.first_uncovered(ymd(2026, 11, 3), 60), ymd(2027, 1, 1));
  EXPECT_EQ(cal.first_uncovered(ymd(2027, 3, 1), 60), ymd(2027, 3, 1));
  EXPECT_EQ(cal.first_uncovered(ymd(2018, 12, 1), 60), ymd(2018, 12, 1));
  EXPECT_EQ(Calendar().first_uncovered(ymd(2026, 1, 1), 1), ymd(2026, 1, 1));
}

TEST_F(CalendarTest, UncoveredYearUsesOrdinaryWeek) {
  // 2027-01-01 is a Friday: no New Year holiday is known, so it is a working day.
  EXPECT_TRUE(cal.is_workday(ymd(2027, 1, 1)));
  EXPECT_FALSE(cal.is_workday(ymd(2027, 1, 2)));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 12, 31), 1), ymd(2027, 1, 1));
  EXPECT_EQ(cal.add_workdays(ymd(2027, 1, 1), 1), ymd(2027, 1, 4));
  EXPECT_EQ(cal.add_workdays(ymd(2027, 1, 4), -2), ymd(2026, 12, 31));
  EXPECT_EQ(cal.workdays_between(ymd(2027, 1, 1), ymd(2027, 12, 31)), 260);
  EXPECT_EQ(cal.add_workdays(ymd(2030, 6, 7), 5), ymd(2030, 6, 14));
  EXPECT_EQ(cal.add_workdays(ymd(2010, 6, 7), -5), ymd(2010, 5, 31));
}

TEST(CalendarPlainTest, OrdinaryWeekOnly) {
  const Calendar cal;
  EXPECT_TRUE(cal.covered_years().empty());
  EXPECT_TRUE(cal.is_workday(ymd(2026, 2, 17)));  // Spring Festival unknown to it
  EXPECT_FALSE(cal.is_workday(ymd(2026, 2, 14)));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 2, 13), 1), ymd(2026, 2, 16));
  EXPECT_EQ(cal.add_workdays(ymd(1969, 12, 26), 1), ymd(1969, 12, 29));  // before the epoch
  EXPECT_EQ(cal.add_workdays(ymd(1969, 12, 29), -1), ymd(1969, 12, 26));
  EXPECT_EQ(cal.workdays_between(ymd(2026, 3, 6), ymd(2026, 3, 13)), 5);
  EXPECT_EQ(cal.workdays_between(ymd(2026, 3, 13), ymd(2026, 3, 6)), 0);
  EXPECT_EQ(cal.next_workday(ymd(2026, 3, 7)), ymd(2026, 3, 9));
  EXPECT_EQ(cal.previous_workday(ymd(2026, 3, 8)), ymd(2026, 3, 6));
}

TEST_F(CalendarTest, ExtrasWinOverEverything) {
  // Off: an ordinary Wednesday. On: a Sunday and a day of the National Day holiday.
  cal.set_extra({ymd(2026, 3, 11)}, {ymd(2026, 3, 15), ymd(2026, 10, 2)});
  EXPECT_FALSE(cal.is_workday(ymd(2026, 3, 11)));
  EXPECT_TRUE(cal.is_workday(ymd(2026, 3, 15)));
  EXPECT_TRUE(cal.is_workday(ymd(2026, 10, 2)));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 3, 10), 1), ymd(2026, 3, 12));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 3, 13), 1), ymd(2026, 3, 15));
  EXPECT_EQ(cal.add_workdays(ymd(2026, 9, 30), 1), ymd(2026, 10, 2));
  // Extras in an uncovered year are honoured too.
  cal.set_extra({ymd(2027, 1, 1)}, {});
  EXPECT_FALSE(cal.is_workday(ymd(2027, 1, 1)));
  EXPECT_TRUE(cal.is_workday(ymd(2026, 3, 11)));  // the earlier extras were replaced
  EXPECT_EQ(cal.add_workdays(ymd(2026, 12, 31), 1), ymd(2027, 1, 4));
  EXPECT_FALSE(cal.covers(ymd(2027, 1, 1)));
}

TEST(CalendarAddYearTest, AddReplaceAndRemoveAYear) {
  Calendar cal;
  cal.add_year(2027, {{ymd(2027, 1, 1), true, "元旦"}, {ymd(2027, 1, 9), false, "元旦"}});
  EXPECT_TRUE(cal.covers(ymd(2027, 6, 1)));
  EXPECT_FALSE(cal.is_workday(ymd(2027, 1, 1)));
  EXPECT_TRUE(cal.is_workday(ymd(2027, 1, 9)));
  cal.add_year(2027, {{ymd(2027, 2, 8), true, "春节"}});
  EXPECT_TRUE(cal.is_workday(ymd(2027, 1, 1)));  // replaced, not merged
  EXPECT_FALSE(cal.is_workday(ymd(2027, 1, 9)));
  EXPECT_FALSE(cal.is_workday(ymd(2027, 2, 8)));
  ASSERT_EQ(cal.published_days(2027).size(), 1u);
  cal.add_year(2027, {});
  EXPECT_FALSE(cal.covers(ymd(2027, 6, 1)));
  EXPECT_TRUE(cal.is_workday(ymd(2027, 2, 8)));
}

TEST(CalendarAddYearTest, PublishedDaysAreInDateOrder) {
  const Calendar cal = Calendar::with_builtin_holidays();
  const auto listed = cal.published_days(2019);
  ASSERT_FALSE(listed.empty());
  EXPECT_EQ(listed.front().day, ymd(2018, 12, 29));
  EXPECT_FALSE(listed.front().off);
  EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end(),
                             [](const auto& a, const auto& b) { return a.day < b.day; }));
  EXPECT_TRUE(cal.published_days(2027).empty());
}

// A slow reference: walks day by day with is_workday.
int naive_between(const Calendar& cal, LocalDate a, LocalDate b) {
  int n = 0;
  for (LocalDate d = a + days{1}; d <= b; d += days{1})
    n += cal.is_workday(d) ? 1 : 0;
  return n;
}
LocalDate naive_add(const Calendar& cal, LocalDate d, int n) {
  if (n == 0) {
    while (!cal.is_workday(d))
      d += days{1};
    return d;
  }
  const days step{n > 0 ? 1 : -1};
  for (int left = n > 0 ? n : -n; left > 0;) {
    d += step;
    if (cal.is_workday(d))
      --left;
  }
  return d;
}

TEST_F(CalendarTest, MatchesDayByDayReferenceAndIsSymmetric) {
  cal.set_extra({ymd(2024, 7, 3), ymd(2027, 5, 5)}, {ymd(2025, 3, 2)});
  std::mt19937 rng(20260214);
  std::uniform_int_distribution<int> start(0, 365 * 12);
  std::uniform_int_distribution<int> count(-400, 400);
  const LocalDate base = ymd(2017, 1, 1);
  for (int i = 0; i < 1500; ++i) {
    const LocalDate d = base + days{start(rng)};
    const int n = count(rng);
    const LocalDate r = cal.add_workdays(d, n);
    ASSERT_EQ(r, naive_add(cal, d, n)) << date::year_month_day{d} << " + " << n;
    if (n > 0) {
      ASSERT_EQ(cal.workdays_between(d, r), n);
      ASSERT_TRUE(cal.is_workday(r));
    } else if (n < 0 && cal.is_workday(d)) {
      // Back n working days from a working day, then forward again.
      ASSERT_EQ(cal.workdays_between(r, d), -n);
      ASSERT_EQ(cal.add_workdays(r, -n), d);
    }
    const LocalDate e = base + days{start(rng)};
    ASSERT_EQ(cal.workdays_between(d, e), d < e ? naive_between(cal, d, e) : 0);
  }
}

}  // namespace
}  // namespace rectifyd
