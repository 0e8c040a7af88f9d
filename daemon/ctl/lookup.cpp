#include "ctl/lookup.h"

#include <cstdio>

#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "ctl/context.h"
#include "ledger/colour.h"
#include "ledger/label.h"
#include "ledger/ledger_json.h"

namespace rectifyd::ctl {

std::string Names::person(std::optional<Id> id) const {
  if (!id)
    return "";
  auto it = people.find(*id);
  return it == people.end() ? "#" + std::to_string(*id) : it->second.name;
}

std::string Names::label(const Measure& m) const {
  auto it = problems.find(m.problem_id);
  int number = it == problems.end() ? 0 : it->second.number;
  return ledger::measure_label(number, m.ordinal);
}

std::optional<Id> Names::leader_of(const Measure& m) const {
  auto it = problems.find(m.problem_id);
  return it == problems.end() ? std::nullopt : it->second.leader_id;
}

Result<Names> load_names(ledger::LedgerStore& store) {
  Names n;
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

Result<Id> person_id(ledger::LedgerStore& store, const std::string& name,
                     const std::string& option) {
  auto p = store.person_by_name(name);
  if (!p)
    return p.error();
  if (!*p) {
    return Error{option + "：没有名为“" + name + "”的人员，可用 rectifyctl people list 查看（" +
                 option + ": no person named \"" + name + "\"）"};
  }
  return (*p)->id;
}

Result<LocalDate> parse_date_arg(const std::string& text, const std::string& what) {
  auto d = parse_date(text);
  if (!d) {
    return Error{what + "：日期应写作 2026-03-14 的形式，收到“" + text + "”（" + what +
                 ": expected a date YYYY-MM-DD, got \"" + text + "\"）"};
  }
  return *d;
}

boost::json::object measure_json(const Measure& m, const Names& names, LocalDate today) {
  boost::json::object o = ledger::to_json(m).as_object();
  o["label"] = names.label(m);
  auto it = names.problems.find(m.problem_id);
  o["problem_number"] = it == names.problems.end() ? 0 : it->second.number;
  o["owner"] = names.person(m.owner_id);
  auto leader = names.leader_of(m);
  o["leader_id"] = leader ? boost::json::value(*leader) : boost::json::value(nullptr);
  o["leader"] = names.person(leader);
  o["status_zh"] = label_zh(m.status);
  o["colour"] = to_string(ledger::colour_of(m, today, kYellowWithinDays));
  return o;
}

std::string format_yuan(std::int64_t fen) {
  bool negative = fen < 0;
  std::uint64_t abs =
      negative ? static_cast<std::uint64_t>(-(fen + 1)) + 1 : static_cast<std::uint64_t>(fen);
  char cents[3];
  std::snprintf(cents, sizeof cents, "%02u", static_cast<unsigned>(abs % 100));
  return (negative ? "-" : "") + std::to_string(abs / 100) + "." + cents;
}

}  // namespace rectifyd::ctl
