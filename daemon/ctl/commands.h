#pragma once
// rectifyctl's command groups. Each group lives in its own file and adds its subcommands to the
// program; main.cpp calls every register_* function once, in the order of --help.

#include <CLI/CLI.hpp>

#include "ctl/context.h"

namespace rectifyd::ctl {

/// init: create or migrate the database.
void register_init_commands(CLI::App& app, Context& ctx);
/// people list|add|edit.
void register_people_commands(CLI::App& app, Context& ctx);
/// ledger list.
void register_ledger_commands(CLI::App& app, Context& ctx);
/// measure show|assign|due|progress|done|close|reopen|na|extend|approve-extension|
/// reject-extension.
void register_measure_commands(CLI::App& app, Context& ctx);
/// stats.
void register_stats_commands(CLI::App& app, Context& ctx);
/// config validate|show|diff|default.
void register_config_commands(CLI::App& app, Context& ctx);
/// import plan|csv|people|demo, export csv|people.
void register_io_commands(CLI::App& app, Context& ctx);
/// calendar import|show|check.
void register_calendar_commands(CLI::App& app, Context& ctx);

/// meeting list|move|cancel|add|notice.
void register_meeting_commands(CLI::App& app, Context& ctx);
/// preview: what would be sent over a period, on a copy of the database.
void register_preview_commands(CLI::App& app, Context& ctx);
/// obligation add|list|done.
void register_obligation_commands(CLI::App& app, Context& ctx);
/// backup FILE, restore FILE.
void register_backup_commands(CLI::App& app, Context& ctx);
/// export xlsx, import xlsx, report weekly|final (after register_io_commands).
void register_paper_commands(CLI::App& app, Context& ctx);
/// user add|passwd|disable: the console's logins.
void register_user_commands(CLI::App& app, Context& ctx);
/// link revoke: owners' personal links.
void register_link_commands(CLI::App& app, Context& ctx);

}  // namespace rectifyd::ctl
