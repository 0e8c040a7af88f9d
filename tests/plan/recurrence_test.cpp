#include "plan/recurrence.h"

#include <gtest/gtest.h>

namespace rectifyd::plan {
namespace {

LocalDate ymd(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y} / date::month{m} / date::day{d}};
}

RecurrenceRule rule(std::string_view text) {
  auto r = parse_recurrence(text);
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : RecurrenceRule{};
}

std::string error_of(std::string_view text) {
  auto r = parse_recurrence(text);
  return r ? std::string("(parsed)") : r.error().message;
}

std::vector<LocalDate> dues(std::string_view text, LocalDate from, LocalDate to) {
  std::vector<LocalDate> out;
  for (const auto& o : occurrences(rule(text), Calendar::with_builtin_holidays(), from, to))
    out.push_back(o.due);
  return out;
}

TEST(RecurrenceParse, AcceptsEachFrequencyAndRoundTrips) {
  for (const char* text :
       {"weekly:fri", "weekly:mon,thu", "monthly:15", "monthly:1,15", "monthly:last",
        "monthly:first_workday", "monthly:last_workday", "quarterly:last_workday",
        "quarterly:first_workday", "quarterly:15", "quarterly:last", "half_yearly:06-30,12-31",
        "half_yearly:last_workday", "yearly:12-15", "yearly:02-29", "yearly:last_workday"}) {
    const RecurrenceRule r = rule(text);
    EXPECT_EQ(format_recurrence(r), text);
    EXPECT_EQ(*parse_recurrence(format_recurrence(r)), r);
  }
  EXPECT_EQ(format_recurrence(rule("Monthly:LAST_WORKDAY")), "monthly:last_workday");
}

TEST(RecurrenceParse, ErrorsNameTheColumn) {
  EXPECT_EQ(error_of("monthly:32"),
            "rule \"monthly:32\", column 9: day of month must be 1–31, last, first_workday or "
            "last_workday");
  EXPECT_EQ(error_of("monthly:1,,2"),
            "rule \"monthly:1,,2\", column 11: empty date between commas");
  EXPECT_EQ(error_of("monthly:1,1"), "rule \"monthly:1,1\", column 11: \"1\" is listed twice");
  EXPECT_EQ(error_of("fortnightly:fri"),
            "rule \"fortnightly:fri\", column 1: unknown frequency \"fortnightly\"; expected "
            "weekly, monthly, quarterly, half_yearly or yearly");
  EXPECT_EQ(error_of("weekly:fri,fry"),
            "rule \"weekly:fri,fry\", column 12: expected a weekday: mon, tue, wed, thu, fri, sat, "
            "sun");
  EXPECT_EQ(error_of("monthly"),
            "rule \"monthly\", column 8: expected \":\" and at least one date after it");
  EXPECT_EQ(error_of("yearly:02-30"), "rule \"yearly:02-30\", column 8: no such date: 02-30");
  EXPECT_EQ(error_of("yearly:12/15"),
            "rule \"yearly:12/15\", column 8: expected a date as MM-DD (e.g. 06-30), "
            "first_workday or last_workday");
  EXPECT_NE(error_of("half_yearly:06-30").find("column 13: half_yearly takes two dates"),
            std::string::npos);
  EXPECT_NE(error_of("half_yearly:03-31,06-30").find("one in each half"), std::string::npos);
  EXPECT_NE(error_of("weekly:last_workday").find("column 8"), std::string::npos);
  EXPECT_NE(error_of("").find("column 1: empty"), std::string::npos);
}

TEST(RecurrenceOccurrences, MonthlyLastWorkdayFollowsTheCalendar) {
  EXPECT_EQ(dues("monthly:last_workday", ymd(2026, 1, 1), ymd(2026, 6, 30)),
            (std::vector<LocalDate>{ymd(2026, 1, 30), ymd(2026, 2, 28),  // a makeup Saturday
                                    ymd(2026, 3, 31), ymd(2026, 4, 30), ymd(2026, 5, 29),
                                    ymd(2026, 6, 30)}));
}

TEST(RecurrenceOccurrences, DayOffMovesToThePreviousWorkday) {
  const auto found = occurrences(rule("monthly:1"), Calendar::with_builtin_holidays(),
                                 ymd(2026, 9, 1), ymd(2026, 10, 31));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].due, ymd(2026, 9, 1));
  EXPECT_EQ(found[1].due, ymd(2026, 9, 30));  // 10-01 is National Day
  EXPECT_EQ(found[1].nominal, ymd(2026, 10, 1));
  EXPECT_EQ(found[2].due, ymd(2026, 10, 30));  // 11-01 is a Sunday
  EXPECT_EQ(found[2].nominal, ymd(2026, 11, 1));
  // monthly:31 means the month's last day; 2026-02-28 is a makeup Saturday, so it stays.
  EXPECT_EQ(dues("monthly:31", ymd(2026, 2, 1), ymd(2026, 5, 31)),
            (std::vector<LocalDate>{ymd(2026, 2, 28), ymd(2026, 3, 31), ymd(2026, 4, 30),
                                    ymd(2026, 5, 29)}));
}

TEST(RecurrenceOccurrences, WeeklyFridayAroundHolidays) {
  // Mid-Autumn Friday 09-25 → Thursday 09-24; National Day Friday 10-02 → Wednesday 09-30.
  EXPECT_EQ(dues("weekly:fri", ymd(2026, 9, 14), ymd(2026, 10, 11)),
            (std::vector<LocalDate>{ymd(2026, 9, 18), ymd(2026, 9, 24), ymd(2026, 9, 30),
                                    ymd(2026, 10, 9)}));
  // An occurrence moved back out of the range is not reported; one moved into it is.
  EXPECT_EQ(dues("weekly:fri", ymd(2026, 10, 1), ymd(2026, 10, 9)),
            (std::vector<LocalDate>{ymd(2026, 10, 9)}));
  EXPECT_EQ(dues("weekly:fri", ymd(2026, 9, 30), ymd(2026, 9, 30)),
            (std::vector<LocalDate>{ymd(2026, 9, 30)}));
}

TEST(RecurrenceOccurrences, QuarterlyFirstAndLastWorkday) {
  EXPECT_EQ(dues("quarterly:last_workday", ymd(2026, 1, 1), ymd(2026, 12, 31)),
            (std::vector<LocalDate>{ymd(2026, 3, 31), ymd(2026, 6, 30), ymd(2026, 9, 30),
                                    ymd(2026, 12, 31)}));
  // 2026-01-04 is a makeup Sunday; 10-08 is the first day after National Day.
  EXPECT_EQ(dues("quarterly:first_workday", ymd(2026, 1, 1), ymd(2026, 12, 31)),
            (std::vector<LocalDate>{ymd(2026, 1, 4), ymd(2026, 4, 1), ymd(2026, 7, 1),
                                    ymd(2026, 10, 8)}));
  EXPECT_EQ(dues("quarterly:15", ymd(2026, 1, 1), ymd(2026, 12, 31)),
            (std::vector<LocalDate>{ymd(2026, 1, 15), ymd(2026, 4, 15), ymd(2026, 7, 15),
                                    ymd(2026, 10, 15)}));
}

TEST(RecurrenceOccurrences, HalfYearlyWithLeadTime) {
  // 每半年通报一次干部职工个人学习进度, ten working days' notice.
  const auto found = occurrences(rule("half_yearly:06-30,12-31"), Calendar::with_builtin_holidays(),
                                 ymd(2026, 1, 1), ymd(2027, 12, 31), 10);
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].due, ymd(2026, 6, 30));
  EXPECT_EQ(found[0].remind_from, ymd(2026, 6, 15));  // across 端午 06-19..21
  EXPECT_EQ(found[1].due, ymd(2026, 12, 31));
  EXPECT_EQ(found[2].due, ymd(2027, 6, 30));
  EXPECT_EQ(found[3].due, ymd(2027, 12, 31));
}

TEST(RecurrenceOccurrences, YearlyAndNext) {
  EXPECT_EQ(dues("yearly:12-15", ymd(2026, 1, 1), ymd(2027, 12, 31)),
            (std::vector<LocalDate>{ymd(2026, 12, 15), ymd(2027, 12, 15)}));
  EXPECT_EQ(dues("yearly:10-01", ymd(2026, 1, 1), ymd(2026, 12, 31)),
            (std::vector<LocalDate>{ymd(2026, 9, 30)}));
  // 02-29 in a common year is 02-28 (in 2026 a makeup Saturday, so it stays).
  EXPECT_EQ(dues("yearly:02-29", ymd(2026, 1, 1), ymd(2028, 12, 31)),
            (std::vector<LocalDate>{ymd(2026, 2, 28), ymd(2027, 2, 26), ymd(2028, 2, 29)}));
  const Calendar cal = Calendar::with_builtin_holidays();
  const auto next = next_occurrence(rule("yearly:12-15"), cal, ymd(2026, 12, 16));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->due, ymd(2027, 12, 15));
  EXPECT_EQ(next_occurrence(rule("yearly:12-15"), cal, ymd(2026, 12, 15))->due, ymd(2026, 12, 15));
}

TEST(RecurrenceOccurrences, AnchorsThatMeetGiveOneOccurrence) {
  // Saturday 2026-01-31 moves back to Friday 01-30, the month's last working day.
  EXPECT_EQ(dues("monthly:last,last_workday", ymd(2026, 1, 1), ymd(2026, 1, 31)),
            (std::vector<LocalDate>{ymd(2026, 1, 30)}));
  EXPECT_TRUE(dues("monthly:15", ymd(2026, 3, 16), ymd(2026, 3, 1)).empty());
}

TEST(RecurrenceOccurrences, UnitExtraDayOffMovesTheDueDate) {
  Calendar cal = Calendar::with_builtin_holidays();
  cal.set_extra({ymd(2026, 3, 31)}, {});
  const auto found =
      occurrences(rule("monthly:last_workday"), cal, ymd(2026, 3, 1), ymd(2026, 3, 31));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].due, ymd(2026, 3, 30));
}

TEST(RecurrenceDescribe, SeedObligationsReadInChinese) {
  EXPECT_EQ(describe_recurrence_zh(rule("monthly:5")), "每月5日");  // 考勤通报
  EXPECT_EQ(describe_recurrence_zh(rule("half_yearly:06-30,12-31")),
            "每半年（6月30日、12月31日）");  // 学习进度通报
  EXPECT_EQ(describe_recurrence_zh(rule("monthly:last_workday")),
            "每月最后一个工作日");                                          // 工作日志抽查
  EXPECT_EQ(describe_recurrence_zh(rule("yearly:11-30")), "每年11月30日");  // 业务知识培训班
  EXPECT_EQ(describe_recurrence_zh(rule("weekly:fri")), "每周五");
  EXPECT_EQ(describe_recurrence_zh(rule("weekly:mon,thu")), "每周一、周四");
  EXPECT_EQ(describe_recurrence_zh(rule("quarterly:last_workday")), "每季度最后一个工作日");
  EXPECT_EQ(describe_recurrence_zh(rule("quarterly:15")), "每季度首月15日");
}

}  // namespace
}  // namespace rectifyd::plan
