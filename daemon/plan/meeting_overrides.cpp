#include "plan/meeting_overrides.h"

#include <string>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"

namespace rectifyd::plan {

Result<std::vector<MeetingOverride>> load_meeting_overrides(store::Database& db) {
  std::vector<MeetingOverride> out;
  try {
    SQLite::Statement st(db.sql(),
                         "SELECT id, week_of, action, new_start, note FROM meeting_overrides "
                         "ORDER BY id");
    while (st.executeStep()) {
      MeetingOverride o;
      o.id = st.getColumn(0).getInt64();
      const std::string week_of = st.getColumn(1).getString();
      const std::string action = st.getColumn(2).getString();
      auto d = parse_date(week_of);
      if (!d)
        return Error{"meeting_overrides row " + std::to_string(o.id) + ": bad week_of \"" +
                     week_of + "\""};
      o.week_of = *d;
      o.action = action == "move"  ? MeetingOverrideAction::move
                 : action == "add" ? MeetingOverrideAction::add
                                   : MeetingOverrideAction::cancel;
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

LocalDate override_week_of(const std::vector<MeetingOverride>& overrides,
                           const MeetingOccurrence& o) {
  if (o.added)
    return o.regular;
  auto taken = [&](LocalDate d) {
    for (const auto& ov : overrides) {
      if (ov.action == MeetingOverrideAction::add && ov.week_of == d)
        return true;
    }
    return false;
  };
  if (!taken(o.regular))
    return o.regular;
  const LocalDate monday = o.regular - (date::weekday{o.regular} - date::Monday);
  for (int i = 0; i < 7; ++i) {
    if (!taken(monday + date::days{i}))
      return monday + date::days{i};
  }
  return o.regular;
}

}  // namespace rectifyd::plan
