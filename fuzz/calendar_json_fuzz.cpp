// The holiday calendar import: any bytes give a year or an error that names a line:column of
// the text (syntax) or a JSON pointer whose parent is in the document (content); an accepted
// year is stored and read back unchanged.

#include <cstdint>
#include <set>

#include <boost/json.hpp>

#include "fuzz_check.h"
#include "store/calendar_days.h"

using namespace rectifyd;

namespace {

void require_pointer_inside(std::string_view message, std::string_view text) {
  std::string_view rest = message.substr(std::string_view("cal.json: ").size());
  const std::size_t end = rest.find(": ");
  fuzz::require(end != std::string_view::npos, "a content error reads pointer: what", message);
  std::string pointer(rest.substr(0, end));
  if (pointer == "/")
    return;  // the document itself
  boost::system::error_code ec;
  const boost::json::value doc = boost::json::parse(text, ec);
  fuzz::require(!ec, "a content error is about a document that parses", message);
  const std::string parent = pointer.substr(0, pointer.rfind('/'));
  fuzz::require(parent.empty() || doc.find_pointer(parent, ec) != nullptr,
                "a content error's pointer names a place in the document", message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  auto year = parse_calendar_json(text, "cal.json");
  if (!year) {
    const std::string& m = year.error().message;
    if (m.starts_with("cal.json: "))
      require_pointer_inside(m, text);
    else
      fuzz::require_line_columns(m, "cal.json", text);
    return 0;
  }
  fuzz::require(!year->days.empty(), "an accepted year has days");
  std::set<LocalDate> seen;
  for (const auto& d : year->days)
    fuzz::require(seen.insert(d.day).second, "an accepted year lists each day once");

  auto db = fuzz::memory_db();
  Status stored = store_calendar_year(*db, *year);
  fuzz::require(stored.ok(), "an accepted year is stored", stored ? "" : stored.error().message);
  auto back = load_imported_years(*db);
  fuzz::require(back.ok() && back->size() == 1, "a stored year reads back",
                back ? "" : back.error().message);
  const PublishedYear& b = back->front();
  fuzz::require(b.year == year->year && b.days.size() == year->days.size(),
                "a stored year reads back whole");
  std::set<LocalDate> read;
  for (const auto& d : b.days)
    read.insert(d.day);
  fuzz::require(read == seen, "a stored year reads back the same days");
  return 0;
}
