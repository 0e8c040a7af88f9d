#include "time/calendar_import.h"

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace rectifyd {
namespace {

LocalDate ymd(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y} / date::month{m} / date::day{d}};
}

// A plausible 2027 schedule (not the real one, which was not published when this was written).
constexpr const char* k2027 = R"({
  "year": 2027,
  "papers": ["https://example.org/notice"],
  "days": [
    {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
    {"name": "春节", "date": "2027-02-06", "isOffDay": true},
    {"name": "春节", "date": "2027-02-08", "isOffDay": true},
    {"name": "春节", "date": "2027-02-20", "isOffDay": false}
  ]
})";

std::string error_of(std::string_view text) {
  auto r = parse_calendar_json(text, "y.json");
  return r ? std::string("(parsed)") : r.error().message;
}

TEST(CalendarImportParse, ReadsTheReferenceData) {
  auto y = read_calendar_file(rectifyd::testing::shared_path("data/holiday-cn/2026.json"));
  ASSERT_TRUE(y) << y.error().message;
  EXPECT_EQ(y->year, 2026);
  ASSERT_EQ(y->days.size(), 39u);
  EXPECT_EQ(y->days[4].day, ymd(2026, 2, 14));
  EXPECT_FALSE(y->days[4].off);
  EXPECT_EQ(y->days[4].name, "春节");

  auto y2019 = read_calendar_file(rectifyd::testing::shared_path("data/holiday-cn/2019.json"));
  ASSERT_TRUE(y2019) << y2019.error().message;
  EXPECT_EQ(y2019->days.front().day, ymd(2018, 12, 29));  // December of the year before
}

TEST(CalendarImportParse, RefusesAnUnpublishedYear) {
  auto y = read_calendar_file(rectifyd::testing::shared_path("data/holiday-cn/2027.json"));
  ASSERT_FALSE(y);
  EXPECT_NE(y.error().message.find("2027.json: /days: empty"), std::string::npos)
      << y.error().message;
}

TEST(CalendarImportParse, ErrorsNameTheJsonPointer) {
  EXPECT_EQ(error_of(R"({"year": 2027, "days": [
      {"name": "a", "date": "2027-01-01", "isOffDay": true},
      {"name": "a", "date": "2027-01-02", "isOffDay": true},
      {"name": "a", "date": "2027-01-03", "isOffDay": true},
      {"name": "a", "date": "2027/01/04", "isOffDay": true}]})"),
            "y.json: /days/3/date: expected YYYY-MM-DD");
  EXPECT_EQ(error_of(R"({"year": 2027, "days": [{"name": "a", "date": "2027-02-30",
      "isOffDay": true}]})"),
            "y.json: /days/0/date: expected YYYY-MM-DD");
  EXPECT_EQ(error_of(R"({"year": 2027, "days": [{"name": "a", "date": "2026-11-30",
      "isOffDay": true}]})"),
            "y.json: /days/0/date: 2026-11-30 is outside 2027 (only December 2026 may precede it)");
  EXPECT_EQ(error_of(R"({"year": 2027, "days": [{"name": "a", "date": "2028-01-01",
      "isOffDay": true}]})"),
            "y.json: /days/0/date: 2028-01-01 is outside 2027 (only December 2026 may precede it)");
  EXPECT_EQ(error_of(R"({"year": 2027, "days": [{"name": "a", "date": "2027-01-01",
      "isOffDay": "yes"}]})"),
            "y.json: /days/0/isOffDay: expected true or false");
  EXPECT_EQ(error_of(R"({"year": 2027, "days": [{"date": "2027-01-01", "isOffDay": true}]})"),
            "y.json: /days/0/name: expected a string such as \"春节\"");
  EXPECT_EQ(error_of(R"({"year": 2027, "days": [
      {"name": "a", "date": "2027-01-01", "isOffDay": true},
      {"name": "a", "date": "2027-01-01", "isOffDay": false}]})"),
            "y.json: /days/1/date: 2027-01-01 is listed twice (also /days/0)");
  EXPECT_EQ(error_of(R"({"year": "2027", "days": []})"),
            "y.json: /year: expected a year such as 2027");
  EXPECT_EQ(error_of(R"({"days": []})"), "y.json: /year: missing");
  EXPECT_EQ(error_of(R"({"year": 2027})"), "y.json: /days: missing");
  EXPECT_EQ(error_of(R"({"year": 2027, "papers": [1], "days": []})"),
            "y.json: /papers/0: expected a string");
  EXPECT_EQ(error_of("[]"), "y.json: /: expected an object {year, papers, days}");
  EXPECT_EQ(error_of(R"({"year": 2027, "days": [1]})"),
            "y.json: /days/0: expected an object {name, date, isOffDay}");
}

TEST(CalendarImportParse, SyntaxErrorsNameLineAndColumn) {
  const std::string e = error_of("{\n  \"year\": 2027,\n  \"days\": [,]\n}");
  EXPECT_EQ(e.rfind("y.json:3:12: invalid JSON", 0), 0u) << e;
  EXPECT_EQ(read_calendar_file("/nonexistent/x.json").error().message,
            "/nonexistent/x.json: cannot be read");
}

TEST(CalendarImportMerge, ImportedYearsReplaceBuiltInOnesAndTheUnitsDaysComeLast) {
  const std::vector<PublishedYear> imported = {
      {2026, {{ymd(2026, 3, 3), true, "测试"}}},
      {2027, {{ymd(2027, 1, 1), true, "元旦"}, {ymd(2027, 2, 20), false, "春节"}}}};
  const Calendar cal = merge_calendar(true, imported, {ymd(2027, 3, 1)}, {ymd(2027, 1, 1)});
  EXPECT_TRUE(cal.is_workday(ymd(2026, 2, 17)));  // the built-in 2026 is replaced
  EXPECT_FALSE(cal.is_workday(ymd(2026, 3, 3)));
  EXPECT_TRUE(cal.covers(ymd(2027, 6, 1)));
  EXPECT_TRUE(cal.is_workday(ymd(2027, 2, 20)));  // a makeup working day
  EXPECT_FALSE(cal.is_workday(ymd(2027, 3, 1)));  // the unit's day off
  EXPECT_TRUE(cal.is_workday(ymd(2027, 1, 1)));   // the unit's working day

  const Calendar plain = merge_calendar(false, {}, {}, {});
  EXPECT_TRUE(plain.covered_years().empty());
  EXPECT_TRUE(plain.is_workday(ymd(2026, 2, 17)));
}

}  // namespace
}  // namespace rectifyd
