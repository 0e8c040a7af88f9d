#include "store/ledger_names.h"

#include <utility>

namespace rectifyd::store {

Result<ledger::Names> load_names(LedgerStore& store) {
  ledger::Names n;
  auto people = store.people();
  if (!people)
    return people.error();
  for (auto& p : *people)
    n.people.emplace(p.id, std::move(p));
  auto problems = store.problems();
  if (!problems)
    return problems.error();
  for (auto& p : *problems)
    n.problems.emplace(p.id, std::move(p));
  return n;
}

}  // namespace rectifyd::store
