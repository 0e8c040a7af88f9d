#include "time/calendar_import.h"

#include <fstream>
#include <map>
#include <sstream>

#include <boost/json.hpp>

#include "core/dates.h"

namespace rectifyd {
namespace {

namespace json = boost::json;

/// "line:column" (1-based) of a byte offset.
std::string position(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;  // count characters, not UTF-8 continuation bytes
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

Error at(const std::string& source, const std::string& pointer, const std::string& what) {
  return Error{source + ": " + pointer + ": " + what};
}

int year_of(LocalDate d) {
  return static_cast<int>(date::year_month_day{d}.year());
}
unsigned month_of(LocalDate d) {
  return static_cast<unsigned>(date::year_month_day{d}.month());
}

}  // namespace

Result<PublishedYear> parse_calendar_json(std::string_view text, const std::string& source) {
  json::stream_parser parser;
  boost::system::error_code ec;
  const std::size_t used = parser.write(text.data(), text.size(), ec);
  if (!ec)
    parser.finish(ec);
  if (ec)
    return Error{source + ":" + position(text, used) + ": invalid JSON (" + ec.message() + ")"};
  const json::value root = parser.release();

  const auto* obj = root.if_object();
  if (obj == nullptr)
    return at(source, "/", "expected an object {year, papers, days}");

  PublishedYear out;
  const auto* year = obj->if_contains("year");
  if (year == nullptr)
    return at(source, "/year", "missing");
  if (!year->is_int64() || year->as_int64() < 1900 || year->as_int64() > 9999)
    return at(source, "/year", "expected a year such as 2027");
  out.year = static_cast<int>(year->as_int64());

  if (const auto* papers = obj->if_contains("papers")) {
    const auto* list = papers->if_array();
    if (list == nullptr)
      return at(source, "/papers", "expected an array of strings");
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (!(*list)[i].is_string())
        return at(source, "/papers/" + std::to_string(i), "expected a string");
    }
  }

  const auto* days_value = obj->if_contains("days");
  if (days_value == nullptr)
    return at(source, "/days", "missing");
  const auto* days = days_value->if_array();
  if (days == nullptr)
    return at(source, "/days", "expected an array");
  if (days->empty()) {
    return at(source, "/days",
              "empty: the " + std::to_string(out.year) +
                  " schedule is not published yet, nothing to import");
  }

  std::map<LocalDate, std::size_t> seen;
  for (std::size_t i = 0; i < days->size(); ++i) {
    const std::string here = "/days/" + std::to_string(i);
    const auto* entry = (*days)[i].if_object();
    if (entry == nullptr)
      return at(source, here, "expected an object {name, date, isOffDay}");

    const auto* name = entry->if_contains("name");
    if (name == nullptr || !name->is_string())
      return at(source, here + "/name", "expected a string such as \"春节\"");
    const auto* date_text = entry->if_contains("date");
    if (date_text == nullptr || !date_text->is_string())
      return at(source, here + "/date", "expected YYYY-MM-DD");
    const auto day = parse_date(std::string_view(date_text->as_string()));
    if (!day)
      return at(source, here + "/date", "expected YYYY-MM-DD");
    const bool in_year = year_of(*day) == out.year;
    const bool previous_december = year_of(*day) == out.year - 1 && month_of(*day) == 12;
    if (!in_year && !previous_december) {
      return at(source, here + "/date",
                format_date(*day) + " is outside " + std::to_string(out.year) + " (only December " +
                    std::to_string(out.year - 1) + " may precede it)");
    }
    const auto [it, fresh] = seen.emplace(*day, i);
    if (!fresh) {
      return at(
          source, here + "/date",
          format_date(*day) + " is listed twice (also /days/" + std::to_string(it->second) + ")");
    }
    const auto* off = entry->if_contains("isOffDay");
    if (off == nullptr || !off->is_bool())
      return at(source, here + "/isOffDay", "expected true or false");

    out.days.push_back(CalendarDay{*day, off->as_bool(), std::string(name->as_string())});
  }
  return out;
}

Result<PublishedYear> read_calendar_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{path + ": cannot be read"};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return Error{path + ": cannot be read"};
  return parse_calendar_json(text.str(), path);
}

Calendar merge_calendar(bool builtin_holidays, const std::vector<PublishedYear>& imported,
                        const std::vector<LocalDate>& extra_days_off,
                        const std::vector<LocalDate>& extra_workdays) {
  Calendar cal = builtin_holidays ? Calendar::with_builtin_holidays() : Calendar();
  for (const auto& y : imported)
    cal.add_year(y.year, y.days);
  cal.set_extra(extra_days_off, extra_workdays);
  return cal;
}

}  // namespace rectifyd
