#include "papers/meetings_held.h"

#include "plan/meetings.h"
#include "store/meeting_overrides.h"

namespace rectifyd::papers {

Result<std::vector<LocalDate>> meetings_held(store::Database& db, const config::MeetingConfig& cfg,
                                             const Calendar& calendar, const date::time_zone* zone,
                                             LocalDate first, LocalDate last, Instant now) {
  auto overrides = store::load_meeting_overrides(db);
  if (!overrides)
    return overrides.error();
  std::vector<LocalDate> days;
  if (!cfg.enabled || last < first)
    return days;
  for (const auto& o : plan::meeting_occurrences(cfg, calendar, zone, *overrides, first, last)) {
    if (!o.cancelled && o.end <= now && o.day >= first && o.day <= last)
      days.push_back(o.day);
  }
  return days;
}

}  // namespace rectifyd::papers
