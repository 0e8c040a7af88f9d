#pragma once
// People of the ledger: added, edited and deactivated by the office. One set of rules for every
// front end: a name is required and unique (conflict), a time zone must be a known IANA zone, an
// email address must look like one; each change is audited ("person.add", "person.update",
// "person.deactivate").

#include "core/model.h"
#include "core/result.h"
#include "office/office.h"

namespace rectifyd::office {

/// Returns the person with its id.
Result<Person> add_person(Office& o, const Actor& a, const Person& p);
/// Writes every field of p over person p.id.
Result<Person> edit_person(Office& o, const Actor& a, const Person& p);
/// Marks the person inactive: no messages go to them, they cannot be made an owner.
Result<Person> deactivate_person(Office& o, const Actor& a, Id person);

/// The field rules alone (name, time zone, email), for a front end that checks a form before
/// sending it; the actions apply them too. Errors are located by field ("/time_zone").
Status check_person(const Person& p);

}  // namespace rectifyd::office
