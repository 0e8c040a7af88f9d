#pragma once
// Numbers as rectification plans write them: Chinese numerals (三, 十六, 二十三, 一百零八, 两),
// ASCII digits, and circled numbers (① … ⑳).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rectifyd::ledger_io {

/// Reads a Chinese numeral 1..999 at the start of `s` (一 二 … 十 百 零 两). `consumed` is set
/// to the bytes read, 0 when there is none.
std::optional<int> read_zh_number(std::string_view s, std::size_t& consumed);

/// Reads ASCII decimal digits (at most six) at the start of `s`.
std::optional<int> read_digits(std::string_view s, std::size_t& consumed);

/// Reads ① … ⑳ (U+2460 … U+2473) at the start of `s`.
std::optional<int> read_circled(std::string_view s, std::size_t& consumed);

/// 16 → "十六", 3 → "三", 108 → "一百零八".
std::string zh_number(int n);

/// 3 → "③" for 1..20; the digits otherwise.
std::string circled_number(int n);

}  // namespace rectifyd::ledger_io
