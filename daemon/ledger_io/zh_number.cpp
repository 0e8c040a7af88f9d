#include "ledger_io/zh_number.h"

#include <array>

namespace rectifyd::ledger_io {
namespace {

constexpr std::array<std::string_view, 10> kDigits = {"零", "一", "二", "三", "四",
                                                      "五", "六", "七", "八", "九"};

/// The digit 0..9 at the start of `s` (两 is 2), with its length.
std::optional<int> digit_at(std::string_view s, std::size_t& len) {
  for (std::size_t d = 0; d < kDigits.size(); ++d) {
    if (s.starts_with(kDigits[d])) {
      len = kDigits[d].size();
      return static_cast<int>(d);
    }
  }
  if (s.starts_with("两")) {
    len = std::string_view("两").size();
    return 2;
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> read_zh_number(std::string_view s, std::size_t& consumed) {
  consumed = 0;
  std::size_t at = 0;
  int total = 0;
  int pending = -1;  // a digit not yet given its place
  bool any = false;
  bool zero_seen = false;
  for (;;) {
    std::size_t len = 0;
    const std::string_view rest = s.substr(at);
    if (auto d = digit_at(rest, len)) {
      if (pending >= 0)
        break;  // two digits in a row: "一二" is not a number
      if (*d == 0) {
        if (!any || zero_seen)
          break;
        zero_seen = true;
        at += len;
        continue;
      }
      pending = *d;
      at += len;
      any = true;
    } else if (rest.starts_with("百")) {
      if (pending <= 0 || total != 0)
        break;
      total += pending * 100;
      pending = -1;
      at += std::string_view("百").size();
      any = true;
    } else if (rest.starts_with("十")) {
      if (total % 100 >= 10)
        break;
      total += (pending < 0 ? 1 : pending) * 10;
      pending = -1;
      at += std::string_view("十").size();
      any = true;
    } else {
      break;
    }
  }
  if (pending > 0)
    total += pending;
  if (!any || total <= 0 || total > 999)
    return std::nullopt;
  consumed = at;
  return total;
}

std::optional<int> read_digits(std::string_view s, std::size_t& consumed) {
  consumed = 0;
  int value = 0;
  std::size_t at = 0;
  while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
    if (at == 6)
      return std::nullopt;
    value = value * 10 + (s[at] - '0');
    ++at;
  }
  if (at == 0)
    return std::nullopt;
  consumed = at;
  return value;
}

std::optional<int> read_circled(std::string_view s, std::size_t& consumed) {
  consumed = 0;
  // U+2460 … U+2473 are E2 91 A0 … E2 91 B3.
  if (s.size() < 3 || static_cast<unsigned char>(s[0]) != 0xE2 ||
      static_cast<unsigned char>(s[1]) != 0x91)
    return std::nullopt;
  const auto b = static_cast<unsigned char>(s[2]);
  if (b < 0xA0 || b > 0xB3)
    return std::nullopt;
  consumed = 3;
  return b - 0xA0 + 1;
}

std::string zh_number(int n) {
  if (n <= 0 || n > 999)
    return std::to_string(n);
  auto digit = [](int d) { return std::string(kDigits[static_cast<std::size_t>(d)]); };
  std::string out;
  const int hundreds = n / 100;
  const int tens = n / 10 % 10;
  const int ones = n % 10;
  if (hundreds > 0)
    out += digit(hundreds) + "百";
  if (tens > 0) {
    if (hundreds > 0 || tens > 1)
      out += digit(tens);
    out += "十";
  } else if (hundreds > 0 && ones > 0) {
    out += "零";
  }
  if (ones > 0)
    out += digit(ones);
  return out;
}

std::string circled_number(int n) {
  if (n < 1 || n > 20)
    return std::to_string(n);
  std::string s = "\xE2\x91";
  s += static_cast<char>(0xA0 + n - 1);
  return s;
}

}  // namespace rectifyd::ledger_io
