#include "time/calendar_import.h"

#include <gtest/gtest.h>

#include "store/database.h"
#include "temp_dir.h"

namespace rectifyd {
namespace {

using rectifyd::testing::TempDir;

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

class CalendarImportStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Database::open(dir.file("r.db"));
    ASSERT_TRUE(opened) << opened.error().message;
    db = std::move(opened).value();
  }
  int rows(int year) {
    SQLite::Statement q(db->sql(), "SELECT count(*) FROM calendar_days WHERE year = ?");
    q.bind(1, year);
    q.executeStep();
    return q.getColumn(0).getInt();
  }

  TempDir dir;
  std::unique_ptr<store::Database> db;
  config::CalendarConfig cfg;
};

TEST_F(CalendarImportStore, ImportedYearIsCoveredAfterLoad) {
  EXPECT_FALSE(load_calendar(*db, cfg).covers(ymd(2027, 1, 1)));
  auto y = parse_calendar_json(k2027, "2027.json");
  ASSERT_TRUE(y) << y.error().message;
  ASSERT_TRUE(store_calendar_year(*db, *y));
  EXPECT_EQ(rows(2027), 4);

  const Calendar cal = load_calendar(*db, cfg);
  EXPECT_TRUE(cal.covers(ymd(2027, 1, 1)));
  EXPECT_FALSE(cal.is_workday(ymd(2027, 1, 1)));
  EXPECT_TRUE(cal.is_workday(ymd(2027, 2, 20)));
  EXPECT_EQ(cal.day_name(ymd(2027, 2, 8)), "春节");
  EXPECT_FALSE(cal.is_workday(ymd(2026, 2, 17)));  // built-in years still there
  EXPECT_EQ(cal.first_uncovered(ymd(2026, 11, 15), 60), std::nullopt);
}

TEST_F(CalendarImportStore, ReimportReplacesTheYear) {
  ASSERT_TRUE(store_calendar_year(*db, *parse_calendar_json(k2027, "a.json")));
  ASSERT_TRUE(store_calendar_year(*db, PublishedYear{2027, {{ymd(2027, 10, 1), true, "国庆节"}}}));
  EXPECT_EQ(rows(2027), 1);
  const Calendar cal = load_calendar(*db, cfg);
  EXPECT_TRUE(cal.is_workday(ymd(2027, 1, 1)));
  EXPECT_FALSE(cal.is_workday(ymd(2027, 10, 1)));
}

TEST_F(CalendarImportStore, ImportedYearReplacesBuiltInYear) {
  ASSERT_TRUE(store_calendar_year(*db, PublishedYear{2026, {{ymd(2026, 3, 3), true, "测试"}}}));
  const Calendar cal = load_calendar(*db, cfg);
  EXPECT_TRUE(cal.is_workday(ymd(2026, 2, 17)));
  EXPECT_FALSE(cal.is_workday(ymd(2026, 3, 3)));
}

TEST_F(CalendarImportStore, FailedStoreChangesNothing) {
  ASSERT_TRUE(store_calendar_year(*db, *parse_calendar_json(k2027, "a.json")));
  // Make the database refuse one row half-way through the next import.
  db->sql().exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON calendar_days WHEN NEW.name = '坏' "
      "BEGIN SELECT RAISE(ABORT, 'refused'); END");
  auto st = store_calendar_year(
      *db, PublishedYear{2027, {{ymd(2027, 5, 3), true, "劳动节"}, {ymd(2027, 5, 4), true, "坏"}}});
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("calendar 2027: not stored"), std::string::npos);
  EXPECT_EQ(rows(2027), 4);
  const Calendar cal = load_calendar(*db, cfg);
  EXPECT_FALSE(cal.is_workday(ymd(2027, 1, 1)));
  EXPECT_TRUE(cal.is_workday(ymd(2027, 5, 3)));
}

TEST_F(CalendarImportStore, ConfigTurnsBuiltInOffAndAddsExtras) {
  cfg.builtin_holidays = false;
  cfg.extra_days_off = {ymd(2026, 3, 11)};
  cfg.extra_workdays = {ymd(2026, 3, 14)};
  const Calendar cal = load_calendar(*db, cfg);
  EXPECT_TRUE(cal.covered_years().empty());
  EXPECT_TRUE(cal.is_workday(ymd(2026, 2, 17)));
  EXPECT_FALSE(cal.is_workday(ymd(2026, 3, 11)));
  EXPECT_TRUE(cal.is_workday(ymd(2026, 3, 14)));
}

}  // namespace
}  // namespace rectifyd
