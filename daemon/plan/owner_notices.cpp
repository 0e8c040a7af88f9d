#include "plan/owner_notices.h"

#include "ledger/label.h"
#include "plan/routing.h"
#include "plan/working_hours.h"
#include "render/owner_notice_text.h"

namespace rectifyd::plan {

std::vector<Intent> owner_notice_intents(const std::vector<OwnerNoticeRow>& notices,
                                         const std::map<Id, Person>& people,
                                         const config::Config& config, const Calendar& calendar,
                                         const date::time_zone* zone, Instant now) {
  std::vector<Intent> out;
  for (const auto& n : notices) {
    auto p = people.find(n.person_id);
    if (p == people.end() || !p->second.active)
      continue;
    const Person& person = p->second;
    render::OwnerNotice notice;
    notice.measure_id = n.measure_id;
    notice.kind = n.kind;
    notice.owner = person.name;
    notice.label = ledger::measure_label(n.problem_number, n.ordinal);
    notice.text = n.measure_text;
    notice.reason = n.reason;
    notice.new_due = n.new_due;
    notice.due = n.due;
    notice.unit_name = config.unit.name;
    Intent intent;
    intent.rule = "owner_notice";
    intent.occurrence = std::to_string(n.id);
    intent.recipient_kind = RecipientKind::person;
    intent.person_id = person.id;
    intent.recipient = person.name;
    intent.channels = route(config.routing, RecipientKind::person, person.name);
    intent.planned = now;
    intent.not_before =
        defer_into_working_hours(config.working_hours, calendar, zone_of(person, zone), now);
    intent.message = render::render_owner_notice(notice);
    intent.message.to.push_back(addressee_of(person));
    out.push_back(std::move(intent));
  }
  return out;
}

}  // namespace rectifyd::plan
