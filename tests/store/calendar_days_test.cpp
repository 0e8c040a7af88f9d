#include "store/calendar_days.h"

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "store/database.h"
#include "temp_dir.h"

namespace rectifyd::store {
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
}  // namespace rectifyd::store
