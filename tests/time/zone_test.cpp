#include "time/zone.h"

#include <gtest/gtest.h>

#include "core/dates.h"

namespace rectifyd {
namespace {

using namespace std::chrono_literals;

LocalDate ymd(int y, unsigned m, unsigned d) {
  return LocalDate{date::year{y} / date::month{m} / date::day{d}};
}
Instant utc(const char* text) {
  return parse_instant(text).value();
}

TEST(ZoneTest, FindZoneNamesAnUnknownZone) {
  auto z = find_zone("Asia/Shanghai");
  ASSERT_TRUE(z.ok());
  EXPECT_EQ((*z)->name(), "Asia/Shanghai");
  auto bad = find_zone("Mars/Olympus_Mons");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("Mars/Olympus_Mons"), std::string::npos);
  EXPECT_FALSE(find_zone("").ok());
}

TEST(ZoneTest, ShanghaiHasNoDst) {
  const auto* z = find_zone("Asia/Shanghai").value();
  EXPECT_EQ(resolve_local(z, ymd(2026, 3, 13), 15h), utc("2026-03-13T07:00:00Z"));
  EXPECT_EQ(local_date(z, utc("2026-03-13T16:30:00Z")), ymd(2026, 3, 14));
  EXPECT_EQ(local_time_of_day(z, utc("2026-03-13T16:30:00Z")), 30min);
}

TEST(ZoneTest, NewYorkSpringForwardGapResolvesToTransition) {
  const auto* z = find_zone("America/New_York").value();
  // 2026-03-08 02:00 EST → 03:00 EDT; 02:30 does not exist.
  const Instant transition = utc("2026-03-08T07:00:00Z");
  EXPECT_EQ(resolve_local(z, ymd(2026, 3, 8), 2h + 30min), transition);
  EXPECT_EQ(resolve_local(z, ymd(2026, 3, 8), 2h), transition);
  EXPECT_EQ(resolve_local(z, ymd(2026, 3, 8), 1h + 59min), utc("2026-03-08T06:59:00Z"));
  EXPECT_EQ(resolve_local(z, ymd(2026, 3, 8), 3h), transition);
  EXPECT_EQ(resolve_local(z, ymd(2026, 3, 8), 9h), utc("2026-03-08T13:00:00Z"));
}

TEST(ZoneTest, NewYorkFallBackRepeatResolvesToFirstOccurrence) {
  const auto* z = find_zone("America/New_York").value();
  // 2026-11-01 02:00 EDT → 01:00 EST; 01:30 happens twice, first at 05:30Z.
  EXPECT_EQ(resolve_local(z, ymd(2026, 11, 1), 1h + 30min), utc("2026-11-01T05:30:00Z"));
  EXPECT_EQ(resolve_local(z, ymd(2026, 11, 1), 2h), utc("2026-11-01T07:00:00Z"));
  EXPECT_EQ(local_time_of_day(z, utc("2026-11-01T06:30:00Z")), 1h + 30min);  // the repeat
  EXPECT_EQ(resolve_local(z, ymd(2026, 11, 1), 9h), utc("2026-11-01T14:00:00Z"));
}

TEST(ZoneTest, BerlinTransitions) {
  const auto* z = find_zone("Europe/Berlin").value();
  // 2026-03-29 02:00 CET → 03:00 CEST at 01:00Z.
  EXPECT_EQ(resolve_local(z, ymd(2026, 3, 29), 2h + 15min), utc("2026-03-29T01:00:00Z"));
  EXPECT_EQ(resolve_local(z, ymd(2026, 3, 29), 8h + 30min), utc("2026-03-29T06:30:00Z"));
  // 2026-10-25 03:00 CEST → 02:00 CET at 01:00Z; 02:30 first occurs at 00:30Z.
  EXPECT_EQ(resolve_local(z, ymd(2026, 10, 25), 2h + 30min), utc("2026-10-25T00:30:00Z"));
  EXPECT_EQ(resolve_local(z, ymd(2026, 10, 25), 8h + 30min), utc("2026-10-25T07:30:00Z"));
  EXPECT_EQ(resolve_local(z, ymd(2026, 10, 26), 8h + 30min), utc("2026-10-26T07:30:00Z"));
}

TEST(ZoneTest, LocalDateAndTimeRoundTrip) {
  const auto* z = find_zone("Europe/Berlin").value();
  for (const auto day :
       {ymd(2026, 3, 28), ymd(2026, 3, 30), ymd(2026, 10, 24), ymd(2026, 10, 26)}) {
    for (auto t : {0min, 8h + 30min, 23h + 59min}) {
      const Instant i = resolve_local(z, day, t);
      EXPECT_EQ(local_date(z, i), day);
      EXPECT_EQ(local_time_of_day(z, i), t);
    }
  }
}

}  // namespace
}  // namespace rectifyd
