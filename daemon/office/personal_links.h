#pragma once
// Owners' personal links as the application sees them (the tokens: store/link_tokens.h): the
// person a link opens the page of, the office revoking a person's links (rectifyctl, the
// console; deactivating a person revokes them too), and the name an owner acting through their
// link has in the audit log.

#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"
#include "office/office.h"

namespace rectifyd::office {

/// The token of a page address's path segment, checked: the person it opens the page of when
/// it is one this daemon made, not expired, not revoked, and its person active. A wrong,
/// expired or revoked token is the same nullopt.
Result<std::optional<Person>> person_of_link(Office& o, std::string_view token);

/// The stored key of a token (store::link_key).
std::string link_key(std::string_view token);

/// Revokes every live link of the person; audit "links.revoke" with the count. not_found for
/// an unknown person.
Result<int> revoke_links(Office& o, const Actor& a, Id person);

/// The audit log's name for an owner acting through their link: "张三（个人链接）".
Actor link_actor(const Person& p);

}  // namespace rectifyd::office
