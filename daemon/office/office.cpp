#include "office/office.h"

#include <utility>

#include "store/audit.h"
#include "time/zone.h"

namespace rectifyd::office {

Office::Office(store::Database& db, const Clock& clock, std::function<config::Snapshot()> config,
               std::function<void(const Change&)> changed)
    : db_(db), clock_(clock), config_(std::move(config)), changed_(std::move(changed)) {}

const date::time_zone* Office::zone() const {
  auto z = find_zone(config()->unit.time_zone);
  return z ? *z : date::locate_zone("UTC");
}

LocalDate Office::today() const {
  return local_date(zone(), clock_.now());
}

Error not_found(std::string message, std::string location) {
  return Error{std::move(message), ErrorKind::not_found, std::move(location)};
}

Error conflict(std::string message, std::string location) {
  return Error{std::move(message), ErrorKind::conflict, std::move(location)};
}

Error invalid(std::string message, std::string location) {
  return Error{std::move(message), ErrorKind::invalid, std::move(location)};
}

Error internal(std::string message) {
  return Error{"数据库操作失败（" + std::move(message) + "）", ErrorKind::internal};
}

Status audit(Office& o, const Actor& actor, std::string_view action, std::string entity,
             std::string before, std::string after) {
  AuditEntry e;
  e.at = o.clock().now();
  e.actor = actor.name;
  e.action = std::string(action);
  e.entity = std::move(entity);
  e.before = std::move(before);
  e.after = std::move(after);
  auto r = store::AuditLog(o.db()).append(e);
  if (!r)
    return Error{r.error().message, ErrorKind::internal};
  return ok_status();
}

}  // namespace rectifyd::office
