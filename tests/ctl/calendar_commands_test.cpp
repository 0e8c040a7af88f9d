// Runs the real rectifyctl calendar commands on a temporary database.

#include <sys/wait.h>

#include <cstdlib>
#include <initializer_list>
#include <string>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "captured_run.h"
#include "temp_dir.h"

namespace rectifyd::ctl {
namespace {

using CtlRun = rectifyd::testing::CapturedRun;

class CalendarCommandsTest : public ::testing::Test {
 protected:
  CtlRun ctl(const std::string& now, std::initializer_list<std::string> args) {
    std::vector<std::string> all{"--db", dir_.file("c.db"), "--now", now, "--actor", "office"};
    all.insert(all.end(), args);
    return rectifyd::testing::run_captured(RECTIFYCTL_PATH, all, dir_.path().string());
  }

  rectifyd::testing::TempDir dir_;
};

constexpr const char* kNov15 = "2026-11-15T01:00:00Z";

TEST_F(CalendarCommandsTest, CheckWarnsUntilTheNextYearIsImported) {
  CtlRun r = ctl(kNov15, {"calendar", "check"});
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("自 2027-01-01 起没有节假日安排"), std::string::npos) << r.err;

  r = ctl(kNov15, {"--json", "calendar", "check"});
  EXPECT_EQ(r.exit, 1);
  const auto v = boost::json::parse(r.out).as_object();
  EXPECT_EQ(v.at("first_uncovered").as_string(), "2027-01-01");
  EXPECT_EQ(v.at("ok").as_bool(), false);

  EXPECT_EQ(ctl("2026-10-15T01:00:00Z", {"calendar", "check"}).exit, 0);

  const std::string file = dir_.write("2027.json", R"({"year": 2027, "papers": [], "days": [
      {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
      {"name": "春节", "date": "2027-02-20", "isOffDay": false}]})");
  r = ctl(kNov15, {"calendar", "import", file});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("已导入 2027 年节假日安排：放假 1 天，调休上班 1 天"), std::string::npos)
      << r.out;
  r = ctl(kNov15, {"calendar", "check"});
  EXPECT_EQ(r.exit, 0) << r.err;

  r = ctl(kNov15, {"--json", "calendar", "show", "--year", "2027"});
  ASSERT_EQ(r.exit, 0) << r.err;
  const auto shown = boost::json::parse(r.out).as_object();
  const auto& year = shown.at("years").as_array().at(0).as_object();
  EXPECT_EQ(year.at("source").as_string(), "imported");
  EXPECT_EQ(year.at("days").as_array().size(), 2u);
}

TEST_F(CalendarCommandsTest, BadFileNamesThePlaceAndImportsNothing) {
  const std::string file = dir_.write("bad.json", R"({"year": 2027, "days": [
      {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
      {"name": "春节", "date": "2027-13-01", "isOffDay": true}]})");
  CtlRun r = ctl(kNov15, {"calendar", "import", file});
  EXPECT_EQ(r.exit, 1);
  EXPECT_NE(r.err.find("bad.json: /days/1/date: expected YYYY-MM-DD"), std::string::npos) << r.err;
  r = ctl(kNov15, {"--json", "calendar", "show"});
  ASSERT_EQ(r.exit, 0) << r.err;
  const auto v = boost::json::parse(r.out).as_object();
  EXPECT_EQ(v.at("covered_years").as_array().back().as_int64(), 2026);
}

TEST_F(CalendarCommandsTest, ShowListsBuiltInYears) {
  CtlRun r = ctl(kNov15, {"calendar", "show"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("2026  内置"), std::string::npos) << r.out;
  r = ctl(kNov15, {"calendar", "show", "--year", "2026"});
  EXPECT_NE(r.out.find("2026-02-14  周六  调休上班  春节"), std::string::npos) << r.out;
  r = ctl(kNov15, {"calendar", "show", "--year", "2030"});
  EXPECT_NE(r.out.find("2030 年的节假日安排尚未内置或导入"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace rectifyd::ctl
