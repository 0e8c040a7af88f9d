#include "plan/routing.h"

#include "time/zone.h"

namespace rectifyd::plan {

std::vector<std::string> route(const config::RoutingConfig& routing, RecipientKind kind,
                               const std::string& person_name) {
  switch (kind) {
    case RecipientKind::person:
      if (auto it = routing.person.find(person_name); it != routing.person.end())
        return it->second;
      return routing.personal;
    case RecipientKind::group:
      return routing.group;
    case RecipientKind::office:
      break;
  }
  return routing.office;
}

Addressee addressee_of(const Person& p) {
  return Addressee{p.name, p.email, p.mobile, p.wecom_id, p.dingtalk_id, p.feishu_id};
}

const date::time_zone* zone_of(const Person& p, const date::time_zone* unit) {
  if (p.time_zone.empty() || p.time_zone == unit->name())
    return unit;
  auto zone = find_zone(p.time_zone);
  return zone ? *zone : unit;
}

std::vector<const Person*> people_with_role(const std::map<Id, Person>& people, Role role) {
  std::vector<const Person*> out;
  for (const auto& [id, p] : people) {
    if (p.active && p.roles.has(role))
      out.push_back(&p);
  }
  return out;
}

}  // namespace rectifyd::plan
