#include "ctl/lookup.h"

#include <cstdio>

#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "ctl/context.h"
#include "store/calendar_days.h"

namespace rectifyd::ctl {

Result<ledger::Colouring> colouring(Context& ctx) {
  auto cfg = ctx.config();
  if (!cfg)
    return cfg.error();
  auto today = ctx.today();
  if (!today)
    return today.error();
  auto db = ctx.db();
  if (!db)
    return db.error();
  ledger::Colouring c;
  c.today = *today;
  c.yellow_within_workdays = (*cfg)->deadlines.yellow_within_workdays;
  if (auto cal = try_load_calendar(**db, (*cfg)->calendar))
    c.calendar = std::move(*cal);
  return c;
}

Result<Id> person_id(store::LedgerStore& store, const std::string& name,
                     const std::string& option) {
  auto p = store.person_by_name(name);
  if (!p)
    return p.error();
  if (!*p)
    return no_person(name, option);
  return (*p)->id;
}

Error no_person(const std::string& name, const std::string& option) {
  return Error{option + "：没有名为“" + name + "”的人员，可用 rectifyctl people list 查看（" +
               option + ": no person named \"" + name + "\"）"};
}

Result<LocalDate> parse_date_arg(const std::string& text, const std::string& what) {
  auto d = parse_date(text);
  if (!d) {
    return Error{what + "：日期应写作 2026-03-14 的形式，收到“" + text + "”（" + what +
                 ": expected a date YYYY-MM-DD, got \"" + text + "\"）"};
  }
  return *d;
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
