#pragma once
// Text folded for matching: full-width ASCII forms (（ ） ： ． ， ； ０–９ Ａ–Ｚ) become their
// ASCII letters, and white space (ASCII, ideographic, no-break, a stray BOM) is dropped, so that
// "（ 一 ）"、"(一)" and "（一）" read alike. Each folded byte keeps its place in the original,
// so what is found can be cut from the text as written and named by its column.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rectifyd::ledger_io {

class FoldedText {
 public:
  explicit FoldedText(std::string_view original);

  const std::string& text() const { return folded_; }
  std::string_view original() const { return original_; }
  /// The original byte offset of folded byte `i`; `i == text().size()` gives the end.
  std::size_t original_at(std::size_t i) const { return at_[i]; }
  /// The original text of folded bytes [from, to), trimmed of white space.
  std::string_view original_span(std::size_t from, std::size_t to) const;
  /// 1-based column, in characters of the original, of folded byte `i`.
  std::size_t column(std::size_t i) const;

 private:
  std::string_view original_;
  std::string folded_;
  std::vector<std::size_t> at_;
};

}  // namespace rectifyd::ledger_io
