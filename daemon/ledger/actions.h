#pragma once
// The ledger operations rectifyctl and the admin API call. Each is one transaction: read the
// current value, check it with lifecycle.h, write the change and an audit row (actor, time,
// action, before and after as JSON). On any error nothing is written. The time is the Clock's.

#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"
#include "ledger/ledger_store.h"
#include "ledger/lifecycle.h"
#include "store/database.h"
#include "time/clock.h"

namespace rectifyd::ledger {

class Actions {
 public:
  Actions(store::Database& db, const Clock& clock) : db_(db), store_(db), clock_(clock) {}

  /// audit action "person.add"; returns the person with its id.
  Result<Person> add_person(const Person& p, std::string_view actor);
  /// Writes every field over person p.id; audit "person.update".
  Result<Person> update_person(const Person& p, std::string_view actor);

  /// audit "measure.assign"; the owner must exist.
  Result<Measure> assign_owner(Id measure, Id owner, std::string_view actor);
  /// audit "measure.due".
  Result<Measure> set_due(Id measure, LocalDate due, std::string_view actor);
  /// Also appends a progress update; audit "measure.progress".
  Result<Measure> record_progress(Id measure, int progress, std::string_view note,
                                  std::string_view actor);
  /// Also appends a progress update (100, the evidence as note); audit "measure.done".
  Result<Measure> report_done(Id measure, std::string_view evidence, std::string_view actor);
  /// audit "measure.close".
  Result<Measure> close(Id measure, std::string_view actor);
  /// audit "measure.ongoing".
  Result<Measure> close_ongoing(Id measure, std::string_view actor);
  /// audit "measure.reopen"; the reason is kept in the audit row.
  Result<Measure> reopen(Id measure, std::string_view reason, std::string_view actor);
  /// audit "measure.na".
  Result<Measure> mark_not_applicable(Id measure, std::string_view reason, std::string_view actor);

  /// `today` is the unit's local date (see lifecycle.h); audit "extension.request".
  Result<Extension> request_extension(Id measure, LocalDate new_due, std::string_view reason,
                                      std::string_view actor, LocalDate today);
  /// audit "extension.approve" (the measure's due date moves).
  Result<ExtensionDecision> approve_extension(Id extension, std::string_view actor);
  /// audit "extension.reject".
  Result<ExtensionDecision> reject_extension(Id extension, std::string_view actor);

 private:
  template <class T, class F>
  Result<T> transact(F&& f);
  Result<Measure> load_measure(Id id);
  template <class F>
  Result<Measure> change_measure(Id id, std::string_view action, std::string_view actor, F&& f);
  Status audit(std::string_view action, std::string entity, std::string before, std::string after,
               std::string_view actor);

  store::Database& db_;
  LedgerStore store_;
  const Clock& clock_;
};

}  // namespace rectifyd::ledger
