#include "fuzz_check.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace rectifyd::fuzz {
namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      out.push_back(text.substr(start));
      return out;
    }
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
}

/// Reads a decimal number at the front of `s`, advancing it.
bool take_number(std::string_view& s, std::size_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc{} || p == s.data())
    return false;
  s.remove_prefix(static_cast<std::size_t>(p - s.data()));
  return true;
}

bool take(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix))
    return false;
  s.remove_prefix(prefix.size());
  return true;
}

}  // namespace

void fail(std::string_view promise, std::string_view detail) {
  std::fprintf(stderr, "\n== broken promise: %.*s\n%.*s\n", static_cast<int>(promise.size()),
               promise.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

std::size_t line_count(std::string_view text) {
  return lines_of(text).size();
}

void require_line_columns(std::string_view message, std::string_view source, std::string_view text,
                          bool file_wide_allowed) {
  const std::vector<std::string_view> lines = lines_of(text);
  require(!message.empty(), "an error says what is wrong");
  for (std::string_view m : lines_of(message)) {
    std::string_view rest = m;
    std::size_t line = 0;
    std::size_t column = 0;
    if (file_wide_allowed && rest.starts_with(source) &&
        rest.substr(source.size()).starts_with(": "))
      continue;
    const bool shaped = take(rest, source) && take(rest, ":") && take_number(rest, line) &&
                        take(rest, ":") && take_number(rest, column) && take(rest, ": ");
    require(shaped, "an error reads source:line:column: …", m);
    require(line >= 1 && line <= lines.size(), "an error's line is a line of the input", m);
    require(column >= 1 && column <= lines[line - 1].size() + 1,
            "an error's column is inside its line", m);
    require(!rest.empty(), "an error says what is wrong", m);
  }
}

void require_csv_rows(std::string_view message, std::string_view source, std::string_view text,
                      bool file_wide_allowed) {
  // A record ends at LF, CRLF or a lone CR, so there are at most this many.
  const std::size_t lines =
      line_count(text) + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\r'));
  require(!message.empty(), "an error says what is wrong");
  for (std::string_view m : lines_of(message)) {
    std::string_view rest = m;
    require(take(rest, source) && take(rest, ": "), "an error names its file", m);
    if (!take(rest, "row ")) {
      require(file_wide_allowed, "an error names its row", m);
      continue;
    }
    std::size_t row = 0;
    require(take_number(rest, row), "an error's row is a number", m);
    require(row >= 1 && row <= lines, "an error's row is a row of the file", m);
  }
}

std::unique_ptr<store::Database> memory_db() {
  auto db = store::Database::open(":memory:");
  if (!db)
    fail("an in-memory store opens", db.error().message);
  return std::move(*db);
}

long long total_changes(store::Database& db) {
  return sqlite3_total_changes64(db.sql().getHandle());
}

}  // namespace rectifyd::fuzz
