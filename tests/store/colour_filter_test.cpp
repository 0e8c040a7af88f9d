// The store's colour filter is colour_of written as SQL: on random ledgers, with and without the
// unit's calendar, each colour's filtered list (and its count, and its pages) is exactly the
// measures Colouring::of gives that colour.

#include <random>
#include <set>

#include <gtest/gtest.h>

#include "ledger/measure_view.h"
#include "ledger_fixture.h"

namespace rectifyd::store {
namespace {

using ledger::Colour;
using ledger::Colouring;

class ColourFilterTest : public LedgerFixture {
 protected:
  void fill(std::uint32_t seed, int count) {
    std::mt19937 rng(seed);
    const MeasureStatus statuses[] = {MeasureStatus::open,          MeasureStatus::in_progress,
                                      MeasureStatus::done_reported, MeasureStatus::closed,
                                      MeasureStatus::ongoing,       MeasureStatus::not_applicable};
    const Id problems[] = {p1_, p2_, p3_};
    const LocalDate base = *parse_date("2026-09-20");
    db_->write([&] {
      for (int i = 0; i < count; ++i) {
        Measure m;
        m.problem_id = problems[rng() % 3];
        m.ordinal = i + 1;
        m.text = "措施" + std::to_string(i);
        m.owner_id = zhang_;
        if (rng() % 8 != 0)
          m.due = base + date::days{static_cast<int>(rng() % 40)};
        m.status = statuses[rng() % 6];
        m.planned_progress = static_cast<int>(rng() % 101);
        m.progress = static_cast<int>(rng() % 101);
        must(store_->add_measure(m));
      }
    });
  }

  void expect_same(const Colouring& colours) {
    auto all = store_->measures();
    ASSERT_TRUE(all);
    for (Colour c : {Colour::red, Colour::yellow, Colour::green}) {
      std::vector<Id> want;
      for (const auto& m : *all) {
        if (colours.of(m) == c)
          want.push_back(m.id);
      }
      MeasureFilter f;
      f.colour = colours.filter(c);
      auto got = store_->measures(f);
      ASSERT_TRUE(got);
      std::vector<Id> ids;
      for (const auto& m : *got)
        ids.push_back(m.id);
      EXPECT_EQ(ids, want) << to_string(c) << " as of " << format_date(colours.today);
      EXPECT_EQ(*store_->count_measures(f), want.size());
      // Pages of 7 put together are the whole list.
      std::vector<Id> paged;
      for (std::size_t offset = 0; offset < want.size() + 7; offset += 7) {
        f.limit = 7;
        f.offset = offset;
        auto page = store_->measures(f);
        ASSERT_TRUE(page);
        for (const auto& m : *page)
          paged.push_back(m.id);
      }
      EXPECT_EQ(paged, want) << to_string(c);
    }
    // The three counts at once, as 总览 asks for them.
    std::size_t want[3] = {0, 0, 0};
    for (const auto& m : *all)
      ++want[static_cast<int>(colours.of(m))];
    MeasureFilter f;
    f.colour = colours.filter(Colour::red);
    auto n = store_->count_colours(f);
    ASSERT_TRUE(n) << n.error().message;
    EXPECT_EQ(n->green, want[static_cast<int>(Colour::green)]);
    EXPECT_EQ(n->yellow, want[static_cast<int>(Colour::yellow)]);
    EXPECT_EQ(n->red, want[static_cast<int>(Colour::red)]);
  }
};

TEST_F(ColourFilterTest, EachColourIsWhatTheRuleGivesWithTheUnitsCalendar) {
  fill(11, 400);
  Colouring colours;
  colours.yellow_within_workdays = 3;
  Calendar cal;
  std::vector<CalendarDay> days;
  for (int d = 1; d <= 8; ++d)
    days.push_back({*parse_date("2026-10-0" + std::to_string(d)), true, "国庆节"});
  days.push_back({*parse_date("2026-09-27"), false, "国庆节调休"});
  days.push_back({*parse_date("2026-10-10"), false, "国庆节调休"});
  cal.add_year(2026, days);
  colours.calendar = cal;
  // Before, across and after the October holiday, where three working days reach furthest.
  for (const char* today : {"2026-09-24", "2026-09-29", "2026-09-30", "2026-10-05", "2026-10-12"}) {
    colours.today = *parse_date(today);
    expect_same(colours);
  }
  colours.today = *parse_date("2026-09-30");
  EXPECT_EQ(format_date(colours.yellow_until()), "2026-10-12");
}

TEST_F(ColourFilterTest, WithoutACalendarTheWindowIsCalendarDays) {
  fill(12, 300);
  Colouring colours;
  colours.yellow_within_workdays = 5;
  for (const char* today : {"2026-09-20", "2026-10-01", "2026-10-31"}) {
    colours.today = *parse_date(today);
    expect_same(colours);
  }
  colours.today = *parse_date("2026-10-01");
  EXPECT_EQ(format_date(colours.yellow_until()), "2026-10-06");
}

}  // namespace
}  // namespace rectifyd::store
