#include "ledger/colour.h"

#include <gtest/gtest.h>

#include "core/dates.h"

namespace rectifyd::ledger {
namespace {

using S = MeasureStatus;

const LocalDate kToday = *parse_date("2026-03-10");

Colour at(S status, std::optional<int> days_to_due, int planned = 0, int progress = 0) {
  std::optional<LocalDate> due;
  if (days_to_due)
    due = kToday + date::days{*days_to_due};
  return colour_of(ColourInput{status, due, kToday, 3, planned, progress});
}

TEST(Colour, ByDueDate) {
  EXPECT_EQ(at(S::open, -1), Colour::red);
  EXPECT_EQ(at(S::in_progress, -30), Colour::red);
  EXPECT_EQ(at(S::done_reported, -1), Colour::red);
  EXPECT_EQ(at(S::open, 0), Colour::yellow);
  EXPECT_EQ(at(S::open, 3), Colour::yellow);
  EXPECT_EQ(at(S::open, 4), Colour::green);
  EXPECT_EQ(at(S::open, std::nullopt), Colour::green);
}

TEST(Colour, BehindPlanIsYellow) {
  EXPECT_EQ(at(S::in_progress, 30, 60, 40), Colour::yellow);
  EXPECT_EQ(at(S::in_progress, 30, 60, 60), Colour::green);
  EXPECT_EQ(at(S::in_progress, std::nullopt, 50, 10), Colour::yellow);
  EXPECT_EQ(at(S::in_progress, -2, 60, 100), Colour::red);
}

TEST(Colour, FinishedIsGreen) {
  for (S s : {S::closed, S::ongoing, S::not_applicable})
    EXPECT_EQ(at(s, -10, 100, 0), Colour::green);
}

TEST(Colour, WindowIsAParameter) {
  auto due = kToday + date::days{5};
  EXPECT_EQ(colour_of(ColourInput{S::open, due, kToday, 5, 0, 0}), Colour::yellow);
  EXPECT_EQ(colour_of(ColourInput{S::open, due, kToday, 4, 0, 0}), Colour::green);
}

TEST(Colour, Names) {
  for (Colour c : {Colour::green, Colour::yellow, Colour::red})
    EXPECT_EQ(parse_colour(to_string(c)), c);
  EXPECT_FALSE(parse_colour("blue"));
  EXPECT_EQ(label_zh(Colour::red), "红灯");
}

}  // namespace
}  // namespace rectifyd::ledger
