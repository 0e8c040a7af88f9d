#include "ledger_io/folded_text.h"

#include <algorithm>

#include "ledger_io/utf8.h"

namespace rectifyd::ledger_io {
namespace {

/// Length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0)
    return 4;
  if (lead >= 0xE0)
    return 3;
  if (lead >= 0xC0)
    return 2;
  return 1;
}

}  // namespace

FoldedText::FoldedText(std::string_view original) : original_(original) {
  folded_.reserve(original.size());
  at_.reserve(original.size() + 1);
  std::size_t i = 0;
  while (i < original.size()) {
    const auto lead = static_cast<unsigned char>(original[i]);
    const std::size_t len = std::min(sequence_length(lead), original.size() - i);
    const std::string_view ch = original.substr(i, len);
    if (trim(ch).empty()) {
      i += len;
      continue;
    }
    // U+FF01 … U+FF5E are EF BC 81 … EF BD 9E; each is U+0021 … U+007E shifted by 0xFEE0.
    if (len == 3 && lead == 0xEF) {
      const auto b1 = static_cast<unsigned char>(ch[1]);
      const auto b2 = static_cast<unsigned char>(ch[2]);
      const unsigned code = 0xF000u | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (code >= 0xFF01 && code <= 0xFF5E) {
        folded_ += static_cast<char>(code - 0xFEE0);
        at_.push_back(i);
        i += len;
        continue;
      }
    }
    for (std::size_t k = 0; k < len; ++k) {
      folded_ += ch[k];
      at_.push_back(i + k);
    }
    i += len;
  }
  at_.push_back(original.size());
}

std::string_view FoldedText::original_span(std::size_t from, std::size_t to) const {
  const std::size_t a = at_[from];
  const std::size_t b = at_[to];
  return trim(original_.substr(a, b - a));
}

std::size_t FoldedText::column(std::size_t i) const {
  return char_column(original_, at_[i]);
}

}  // namespace rectifyd::ledger_io
