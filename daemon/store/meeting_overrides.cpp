#include "store/meeting_overrides.h"

#include <stdexcept>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "plan/meeting_overrides.h"
#include "store/audit.h"

namespace rectifyd::store {

Result<std::vector<plan::MeetingOverride>> load_meeting_overrides(Database& db) {
  std::vector<plan::MeetingOverride> out;
  try {
    SQLite::Statement st(db.sql(),
                         "SELECT id, week_of, action, new_start, note FROM meeting_overrides "
                         "ORDER BY id");
    while (st.executeStep()) {
      plan::MeetingOverride o;
      o.id = st.getColumn(0).getInt64();
      const std::string week_of = st.getColumn(1).getString();
      const std::string action = st.getColumn(2).getString();
      auto d = parse_date(week_of);
      if (!d)
        return Error{"meeting_overrides row " + std::to_string(o.id) + ": bad week_of \"" +
                     week_of + "\""};
      o.week_of = *d;
      o.action = action == "move"  ? plan::MeetingOverrideAction::move
                 : action == "add" ? plan::MeetingOverrideAction::add
                                   : plan::MeetingOverrideAction::cancel;
      if (!st.getColumn(3).isNull()) {
        auto t = parse_instant(st.getColumn(3).getString());
        if (!t)
          return Error{"meeting_overrides row " + std::to_string(o.id) + ": bad new_start"};
        o.new_start = *t;
      }
      o.note = st.getColumn(4).getString();
      out.push_back(std::move(o));
    }
  } catch (const std::exception& e) {
    return Error{std::string("meeting_overrides: ") + e.what()};
  }
  return out;
}

Result<Id> store_meeting_change(Database& db, const MeetingChange& c) {
  const auto& o = c.change;
  try {
    return db.write([&]() -> Id {
      SQLite::Statement st(db.sql(),
                           "INSERT INTO meeting_overrides (week_of, action, new_start, note, "
                           "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)");
      st.bind(1, format_date(o.week_of));
      st.bind(2, std::string(plan::to_string(o.action)));
      if (o.new_start)
        st.bind(3, format_instant_utc(*o.new_start));
      else
        st.bind(3);
      st.bind(4, o.note);
      st.bind(5, format_instant_utc(c.at));
      st.bind(6, c.actor);
      st.exec();
      const Id id = db.sql().getLastInsertRowid();
      AuditEntry e;
      e.at = c.at;
      e.actor = c.actor;
      e.action = "meeting." + std::string(plan::to_string(o.action));
      e.entity = c.entity;
      e.before = boost::json::serialize(c.before);
      boost::json::object after = c.after;
      after["override_id"] = id;
      e.after = boost::json::serialize(after);
      if (auto a = AuditLog(db).append(e); !a)
        throw std::runtime_error(a.error().message);
      return id;
    });
  } catch (const std::exception& e) {
    return Error{std::string("推进会调整未保存（not stored）：") + e.what()};
  }
}

}  // namespace rectifyd::store
