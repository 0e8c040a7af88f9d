#pragma once
// The built-in PRC statutory holiday table (generated into holidays_cn.cpp by
// tools/gen_holidays.py). Calendar::with_builtin_holidays() is the usual way to use it.

#include <cstdint>
#include <span>
#include <string_view>

namespace rectifyd::holidays_cn {

/// One listed day. `published` is the schedule's year; a December date may belong to the next
/// year's schedule.
struct BuiltinDay {
  std::int16_t published;
  std::int16_t year;
  std::uint8_t month;
  std::uint8_t day;
  bool off;
  std::uint8_t name;
};

/// The years whose schedule is built in, ascending.
std::span<const int> covered_years();
/// Every listed day of those years, in published order.
std::span<const BuiltinDay> days();
/// The holiday's name (春节…).
std::string_view name(const BuiltinDay& d);

}  // namespace rectifyd::holidays_cn
