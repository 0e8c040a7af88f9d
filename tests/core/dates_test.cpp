#include "core/dates.h"

#include <date/tz.h>
#include <gtest/gtest.h>

namespace rectifyd {
namespace {

TEST(Dates, ParsesAndFormatsIsoDates) {
  auto d = parse_date("2026-02-28");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_date(*d), "2026-02-28");
  EXPECT_FALSE(parse_date("2026-02-29"));  // not a leap year
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2026-2-28"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("abcd-ef-gh"));
  EXPECT_FALSE(parse_date(""));
}

TEST(Dates, ParsesInstantsWithOffsets) {
  auto utc = parse_instant("2026-03-14T00:30:00Z");
  auto cst = parse_instant("2026-03-14T08:30:00+08:00");
  ASSERT_TRUE(utc && cst);
  EXPECT_EQ(*utc, *cst);
  EXPECT_EQ(format_instant_utc(*utc), "2026-03-14T00:30:00Z");
  auto ny = parse_instant("2026-03-13T20:30:00-04:00");
  ASSERT_TRUE(ny);
  EXPECT_EQ(*ny, *utc);
  EXPECT_FALSE(parse_instant("2026-03-14T24:00:00Z"));
  EXPECT_FALSE(parse_instant("2026-03-14T08:30:00+0800"));
}

TEST(Dates, FormatsInstantInZoneWithOffset) {
  auto t = *parse_instant("2026-03-14T00:30:00Z");
  EXPECT_EQ(format_instant(t, date::locate_zone("Asia/Shanghai")), "2026-03-14T08:30:00+08:00");
  EXPECT_EQ(format_instant(t, date::locate_zone("America/New_York")), "2026-03-13T20:30:00-04:00");
}

TEST(Dates, ChineseShortDateNamesTheWeekday) {
  EXPECT_EQ(format_date_zh(*parse_date("2026-11-27")), "11月27日（周五）");
  EXPECT_EQ(format_date_zh(*parse_date("2026-11-29")), "11月29日（周日）");
}

}  // namespace
}  // namespace rectifyd
