#include "app/planner_hook.h"

#include <memory>

#include <spdlog/spdlog.h>

#include "store/calendar_days.h"

namespace rectifyd::app {

LedgerChange ledger_change_of(const office::Change& c) {
  LedgerChange out;
  out.measures = c.measures;
  out.people = c.people;
  out.problems = c.problems;
  out.meetings = c.meetings;
  out.all_obligations = c.obligations;
  out.everything = c.everything;
  // calendar and outbox are not part of the ledger view: the hook reads the calendar on every
  // run, and delivery looks at the outbox itself.
  return out;
}

PlanHook make_planner_hook(store::Database& db, std::shared_ptr<engine::Engine> engine) {
  return [&db, engine](const config::Config& config, Instant now) -> Result<std::optional<Wake>> {
    Result<Calendar> calendar = try_load_calendar(db, config.calendar);
    if (!calendar)
      return calendar.error();
    Result<engine::EngineRun> run = engine->run(config, *calendar, now);
    if (!run)
      return run.error();
    spdlog::debug(
        "planner: {} intent(s), {} new outbox row(s); load {} µs ({}), plan {} µs, write {} µs",
        run->intents, run->rows_added, run->load_time.count(),
        run->full_read ? "whole ledger" : std::to_string(run->rows_read) + " row(s) re-read",
        run->plan_time.count(), run->write_time.count());
    if (run->rows_added > 0)
      spdlog::info("planner: {} notification(s) queued", run->rows_added);
    if (!run->next_wake)
      return std::optional<Wake>{};
    return std::optional<Wake>{Wake{*run->next_wake, ""}};
  };
}

}  // namespace rectifyd::app
