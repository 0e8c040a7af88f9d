#include "office/imports.h"

#include "papers/ledger_xlsx.h"
#include "store/ledger_import.h"
#include "store/ledger_store.h"
#include "store/people_import.h"
#include "store/plan_import.h"

namespace rectifyd::office {
namespace {

/// An importer's Error (every problem, one per line) as an invalid input located at the source.
Error refused(const Error& e, const std::string& source) {
  return Error{e.message, e.kind == ErrorKind::internal ? ErrorKind::internal : ErrorKind::invalid,
               source};
}

void everything_changed(Office& o) {
  // Measures an import writes as finished are dated in the unit's zone, as the actions do; a
  // failure here leaves them to be dated on the next read of 按期办结率.
  (void)store::LedgerStore(o.db()).date_closings(o.zone());
  Change c;
  c.everything = true;
  o.changed(c);
}

}  // namespace

Result<ledger_io::ParsedPlan> preview_plan(std::string_view text, const std::string& source) {
  auto parsed = ledger_io::parse_plan_text(text, source);
  if (!parsed)
    return refused(parsed.error(), source);
  return parsed;
}

namespace {

/// What a ledger import (CSV or workbook) is told of the office acting.
ledger_io::LedgerImportOptions ledger_options(const Office& o, const Actor& a,
                                              const std::string& source) {
  ledger_io::LedgerImportOptions opts;
  opts.source = source;
  opts.today = o.today();
  opts.now = o.clock().now();
  opts.actor = a.name;
  return opts;
}

}  // namespace

Result<ledger_io::PlanImportSummary> import_plan(Office& o, const Actor& a, std::string_view text,
                                                 const std::string& source,
                                                 const std::string& round_name) {
  auto parsed = ledger_io::parse_plan_text(text, source);
  if (!parsed)
    return refused(parsed.error(), source);
  auto s = store::import_plan(o.db(), *parsed, a.name, o.clock().now(), round_name);
  if (!s)
    return refused(s.error(), source);
  everything_changed(o);
  return s;
}

Result<ledger_io::LedgerImportSummary> import_ledger(Office& o, const Actor& a,
                                                     std::string_view text,
                                                     const std::string& source) {
  auto s = store::import_ledger_csv(o.db(), text, ledger_options(o, a, source));
  if (!s)
    return refused(s.error(), source);
  everything_changed(o);
  return s;
}

Result<ledger_io::LedgerImportSummary> import_ledger_xlsx(Office& o, const Actor& a,
                                                          std::string_view bytes,
                                                          const std::string& source) {
  auto s = papers::import_ledger_xlsx(o.db(), bytes, ledger_options(o, a, source));
  if (!s)
    return refused(s.error(), source);
  everything_changed(o);
  return s;
}

Result<ledger_io::PeopleImportSummary> import_people(Office& o, const Actor& a,
                                                     std::string_view text,
                                                     const std::string& source) {
  auto s = store::import_people_csv(
      o.db(), text, ledger_io::PeopleImportOptions{source, a.name, o.clock().now()});
  if (!s)
    return refused(s.error(), source);
  everything_changed(o);
  return s;
}

}  // namespace rectifyd::office
