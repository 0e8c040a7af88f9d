#include "store/calendar_days.h"

#include <string>

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <spdlog/spdlog.h>

#include "core/dates.h"

namespace rectifyd::store {

Status store_calendar_year(Database& db, const PublishedYear& year) {
  try {
    db.write([&] {
      SQLite::Statement erase(db.sql(), "DELETE FROM calendar_days WHERE year = ?");
      erase.bind(1, year.year);
      erase.exec();
      // A December day may already belong to the previous year's import; the newer
      // schedule takes it over, as in Calendar.
      SQLite::Statement insert(
          db.sql(), "INSERT OR REPLACE INTO calendar_days(day, off, name, year) VALUES(?,?,?,?)");
      for (const auto& d : year.days) {
        insert.bind(1, format_date(d.day));
        insert.bind(2, d.off ? 1 : 0);
        insert.bind(3, d.name);
        insert.bind(4, year.year);
        insert.exec();
        insert.reset();
      }
    });
  } catch (const SQLite::Exception& e) {
    return Error{"calendar " + std::to_string(year.year) + ": not stored (" + e.what() + ")"};
  }
  return ok_status();
}

Result<std::vector<PublishedYear>> load_imported_years(Database& db) {
  std::vector<PublishedYear> out;
  try {
    SQLite::Statement q(db.sql(),
                        "SELECT day, off, name, year FROM calendar_days ORDER BY year, day");
    while (q.executeStep()) {
      const std::string text = q.getColumn(0).getString();
      const auto day = parse_date(text);
      if (!day)
        return Error{"calendar_days: bad day \"" + text + "\""};
      const int year = q.getColumn(3).getInt();
      if (out.empty() || out.back().year != year)
        out.push_back(PublishedYear{year, {}});
      out.back().days.push_back(
          CalendarDay{*day, q.getColumn(1).getInt() != 0, q.getColumn(2).getString()});
    }
  } catch (const SQLite::Exception& e) {
    return Error{std::string("calendar_days: cannot be read (") + e.what() + ")"};
  }
  return out;
}

Result<Calendar> try_load_calendar(Database& db, const config::CalendarConfig& cfg) {
  auto imported = load_imported_years(db);
  if (!imported)
    return imported.error();
  return merge_calendar(cfg.builtin_holidays, *imported, cfg.extra_days_off, cfg.extra_workdays);
}

Calendar load_calendar(Database& db, const config::CalendarConfig& cfg) {
  auto cal = try_load_calendar(db, cfg);
  if (cal)
    return std::move(cal).value();
  spdlog::error("calendar.load_failed error=\"{}\"", cal.error().message);
  return merge_calendar(cfg.builtin_holidays, {}, cfg.extra_days_off, cfg.extra_workdays);
}

}  // namespace rectifyd::store
