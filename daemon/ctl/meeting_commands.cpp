// rectifyctl meeting list|move|cancel|add|notice: the weekly progress meeting's coming
// occurrences with their phases, and the office's changes to single occurrences
// (office/meetings.h). rectifyd picks a change up on its next run: a moved or cancelled meeting
// that was already announced gets an updated invitation or a cancellation at once.

#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>

#include "core/dates.h"
#include "ctl/commands.h"
#include "ctl/table.h"

namespace rectifyd::ctl {
namespace {

namespace json = boost::json;

/// "12-04 15:00" of an ISO instant in the unit's zone ("2026-12-04T15:00:00+08:00").
std::string month_day_minute(const std::string& at) {
  if (at.size() < 16)
    return at;
  return at.substr(5, 5) + " " + at.substr(11, 5);
}

Result<LocalDate> parse_day(const std::string& option, const std::string& text) {
  auto d = parse_date(text);
  if (!d)
    return Error{option + "：应为 \"YYYY-MM-DD\"，收到 \"" + text + "\""};
  return *d;
}

std::string status_zh(const MeetingView& o) {
  if (o.status == "cancelled")
    return "已取消";
  if (o.status == "moved")
    return "已改期";
  if (o.status == "added")
    return "加开";
  return "例会";
}

Status run_list(Context& ctx, int weeks, bool json_flag) {
  auto backend = ctx.backend();
  if (!backend)
    return backend.error();
  auto listed = (*backend)->meetings(weeks);
  if (!listed)
    return Error{"--weeks：" + listed.error().message, listed.error().kind};
  const auto& occs = listed->meetings;
  if (ctx.json() || json_flag) {
    json::array list;
    for (const auto& o : occs)
      list.push_back(o.json);
    print_json(std::cout,
               json::object{{"time_zone", listed->time_zone}, {"meetings", std::move(list)}});
    return ok_status();
  }
  if (occs.empty()) {
    std::cout << "今后 " << weeks << " 周没有推进会。\n";
    return ok_status();
  }
  auto phase_cell = [&](const MeetingView& o, const char* phase) -> std::string {
    if (o.status == "cancelled")
      return "—";
    for (const auto& p : o.phases) {
      if (p.phase == phase)
        return p.enabled ? month_day_minute(p.at) : "（关闭）";
    }
    return "—";
  };
  Table t({"会议", "时间", "状态", "更新提醒", "督促", "会议通知", "会后小结", "说明"});
  for (const auto& o : occs) {
    t.add_row({o.key, o.time_zh, status_zh(o), phase_cell(o, "update_request"),
               phase_cell(o, "nudge"), phase_cell(o, "notice"), phase_cell(o, "summary"), o.note});
  }
  std::cout << listed->title << "（" << listed->location << "，时区 " << listed->time_zone
            << "）：\n";
  t.print(std::cout);
  return ok_status();
}

/// Prints what a change did: its sentence (and warnings on stderr), or the occurrence's JSON.
Status report(Context& ctx, const Result<MeetingChangeView>& r) {
  if (!r)
    return r.error();
  for (const auto& w : r->warnings)
    std::cerr << "rectifyctl: 注意：" << w << "\n";
  if (ctx.json()) {
    json::object out = r->json;
    out["summary"] = r->summary;
    json::array warnings;
    for (const auto& w : r->warnings)
      warnings.push_back(json::string(w));
    out["warnings"] = std::move(warnings);
    print_json(std::cout, out);
  } else {
    std::cout << r->summary << "\n";
  }
  return ok_status();
}

using MeetingAction = std::function<Result<MeetingChangeView>(Backend&)>;

Status run_change(Context& ctx, const MeetingAction& act) {
  auto backend = ctx.backend();
  if (!backend)
    return backend.error();
  return report(ctx, act(**backend));
}

Status run_move(Context& ctx, const std::string& day_text, const std::string& to_text,
                const std::string& note) {
  auto day = parse_day("DATE", day_text);
  if (!day)
    return day.error();
  return run_change(ctx, [&](Backend& b) { return b.move_meeting(*day, to_text, note); });
}

Status run_cancel(Context& ctx, const std::string& day_text, const std::string& note) {
  auto day = parse_day("DATE", day_text);
  if (!day)
    return day.error();
  return run_change(ctx, [&](Backend& b) { return b.cancel_meeting(*day, note); });
}

Status run_add(Context& ctx, const std::string& at_text, const std::string& note) {
  return run_change(ctx, [&](Backend& b) { return b.add_meeting(at_text, note); });
}

Status run_notice(Context& ctx, const std::string& day_text) {
  auto day = parse_day("DATE", day_text);
  if (!day)
    return day.error();
  auto st = run_change(ctx, [&](Backend& b) { return b.send_notice(*day); });
  // Through a running rectifyd the notice goes out on the planner's run the request wakes.
  if (st && !ctx.remote())
    std::cerr << "rectifyctl: 注意：通知由 rectifyd 发出。它正在运行时，请改用 rectifyctl --url "
                 "… meeting notice，通知会立即发出；否则在它下次运行时发出。\n";
  return st;
}

}  // namespace

void register_meeting_commands(CLI::App& app, Context& ctx) {
  auto* meeting = app.add_subcommand("meeting", "每周推进会：查看、改期、取消、加开 (meetings)");
  meeting->require_subcommand(1);

  struct Args {
    int weeks = 4;
    bool json = false;
    std::string day;
    std::string to;
    std::string note;
  };
  auto args = std::make_shared<Args>();

  auto* list = meeting->add_subcommand("list", "今后几周的推进会及各环节时间 (upcoming meetings)");
  list->add_option("--weeks", args->weeks, "周数 (weeks ahead)")->capture_default_str();
  list->add_flag("--json", args->json, "输出 JSON (print one JSON document)");
  list->callback([&ctx, args] { ctx.run([&] { return run_list(ctx, args->weeks, args->json); }); });

  auto* move = meeting->add_subcommand("move", "推进会改期 (move one meeting)");
  move->add_option("date", args->day, "该周例会的日期，或加开会议的日期 (YYYY-MM-DD)")->required();
  move->add_option("--to", args->to, "新的开始时间 \"YYYY-MM-DD HH:MM\" (new start)")->required();
  move->add_option("--note", args->note, "说明，写入通知 (note shown in the notice)");
  move->callback(
      [&ctx, args] { ctx.run([&] { return run_move(ctx, args->day, args->to, args->note); }); });

  auto* cancel = meeting->add_subcommand("cancel", "取消一次推进会 (cancel one meeting)");
  cancel->add_option("date", args->day, "该周例会的日期，或加开会议的日期 (YYYY-MM-DD)")
      ->required();
  cancel->add_option("--note", args->note, "取消原因，写入取消通知 (reason)");
  cancel->callback(
      [&ctx, args] { ctx.run([&] { return run_cancel(ctx, args->day, args->note); }); });

  auto* add = meeting->add_subcommand("add", "加开一次推进会 (add a meeting)");
  add->add_option("start", args->day, "开始时间 \"YYYY-MM-DD HH:MM\" (start)")->required();
  add->add_option("--note", args->note, "说明，写入通知 (note shown in the notice)");
  add->callback([&ctx, args] { ctx.run([&] { return run_add(ctx, args->day, args->note); }); });

  auto* notice =
      meeting->add_subcommand("notice", "立即发送会议通知，与按时发送的相同 (send the notice now)");
  notice->add_option("date", args->day, "该周例会的日期，或加开会议的日期 (YYYY-MM-DD)")
      ->required();
  notice->callback([&ctx, args] { ctx.run([&] { return run_notice(ctx, args->day); }); });
}

}  // namespace rectifyd::ctl
