// rectifyctl preview: every message the daemon would send over a period — reminders, overdue
// alerts, escalations, meeting phases — computed by the same engine on a copy of the database.
// Nothing is sent and the database is not changed.

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include <unistd.h>

#include <boost/json.hpp>

#include "core/dates.h"
#include "ctl/commands.h"
#include "ctl/lookup.h"
#include "engine/preview.h"
#include "plan/kind_label.h"
#include "render/deadline_text.h"
#include "store/calendar_days.h"
#include "time/zone.h"

namespace rectifyd::ctl {
namespace {

struct PreviewArgs {
  std::string from;
  int days = 14;
  std::string person;
  bool json = false;
};

/// The first lines of a message's text after the salutation, indented.
std::string first_lines(const std::string& text, int count) {
  std::string out;
  std::size_t pos = text.find('\n');
  for (int n = 0; n < count && pos != std::string::npos; ++n) {
    const std::size_t next = text.find('\n', pos + 1);
    out += "    " + text.substr(pos + 1, next == std::string::npos ? next : next - pos - 1) + "\n";
    pos = next;
  }
  return out;
}

Status run(Context& ctx, const PreviewArgs& args) {
  auto from = parse_date_arg(args.from, "--from");
  if (!from)
    return from.error();
  auto cfg = ctx.config();
  if (!cfg)
    return cfg.error();
  auto db = ctx.db();
  if (!db)
    return db.error();
  auto zone = find_zone((*cfg)->unit.time_zone);
  if (!zone)
    return zone.error();
  auto calendar = try_load_calendar(**db, (*cfg)->calendar);
  if (!calendar)
    return calendar.error();

  engine::PreviewOptions options;
  options.from = *from;
  options.days = args.days;
  if (!args.person.empty())
    options.person = args.person;
  std::string scratch = (std::filesystem::temp_directory_path() / "rectifyctl-preview-XXXXXX");
  if (::mkdtemp(scratch.data()) == nullptr)
    return Error{"preview: cannot create a scratch directory in " +
                 std::filesystem::temp_directory_path().string()};
  auto rows = engine::run_preview(**db, **cfg, *calendar, options, scratch);
  std::error_code ec;
  std::filesystem::remove_all(scratch, ec);
  if (!rows)
    return rows.error();

  if (args.json) {
    for (const auto& r : *rows) {
      boost::json::object o;
      o["at"] = format_instant(r.at, *zone);
      o["kind"] = r.kind;
      o["recipient"] = r.recipient;
      o["channel"] = r.channel;
      o["subject"] = r.subject;
      boost::json::array ids;
      for (Id id : r.measures)
        ids.push_back(id);
      o["measures"] = std::move(ids);
      o["late"] = r.late;
      o["key"] = r.key;
      std::cout << boost::json::serialize(o) << "\n";
    }
    return ok_status();
  }
  std::cout << "预览 " << format_date(*from) << " 起 " << args.days
            << " 天（不发送，不改动数据库）：共 " << rows->size() << " 条\n";
  for (const auto& r : *rows) {
    const LocalDate day = local_date(*zone, r.at);
    std::cout << format_date(day) << " "
              << render::format_time_of_day(local_time_of_day(*zone, r.at)) << "  "
              << plan::kind_label_zh(r.kind) << "  "
              << (r.recipient == "office"  ? std::string("领导小组办公室")
                  : r.recipient == "group" ? std::string("群组")
                                           : r.recipient)
              << "  [" << r.channel << "]  " << r.subject << "\n"
              << first_lines(r.text, 3);
  }
  return ok_status();
}

}  // namespace

void register_preview_commands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<PreviewArgs>();
  auto* preview = app.add_subcommand(
      "preview", "预览一段时间内将发送的提醒和通知，不实际发送 (preview what would be sent)");
  preview->fallthrough();  // --config / --db may follow the subcommand
  preview->add_option("--from", args->from, "起始日期 YYYY-MM-DD (first day)")->required();
  preview->add_option("--days", args->days, "天数 (number of days)")->capture_default_str();
  preview->add_option("--person", args->person, "只看此人的消息 (only this person's messages)");
  preview->add_flag("--json", args->json, "每行一个 JSON 对象 (one JSON object per line)");
  preview->callback([&ctx, args] { ctx.run([&] { return run(ctx, *args); }); });
}

}  // namespace rectifyd::ctl
