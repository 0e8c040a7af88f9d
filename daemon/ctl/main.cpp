// rectifyctl: the office's command-line tool for the rectification ledger.

#include <CLI/CLI.hpp>

#include "ctl/commands.h"
#include "ctl/context.h"

int main(int argc, char** argv) {
  using namespace rectifyd::ctl;
  CLI::App app{"rectifyctl — 巡察整改台账管理 (rectification ledger tool)"};
  app.require_subcommand(1);
  // Global options may also follow the subcommand: `rectifyctl --db F stats --json`.
  app.fallthrough();
  Context ctx;
  // Global options first, so every group can use them. With --url (or RECTIFYD_URL) the
  // commands a running rectifyd can serve go through its admin API (Context::backend).
  ctx.add_global_options(app);
  // One line per command group.
  register_init_commands(app, ctx);
  register_people_commands(app, ctx);
  register_ledger_commands(app, ctx);
  register_measure_commands(app, ctx);
  register_stats_commands(app, ctx);
  register_config_commands(app, ctx);
  register_io_commands(app, ctx);
  register_calendar_commands(app, ctx);
  register_meeting_commands(app, ctx);
  register_preview_commands(app, ctx);
  register_obligation_commands(app, ctx);
  register_backup_commands(app, ctx);
  register_paper_commands(app, ctx);
  register_user_commands(app, ctx);
  register_link_commands(app, ctx);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
