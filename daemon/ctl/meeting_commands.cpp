// rectifyctl meeting list|move|cancel|add: the weekly progress meeting's coming occurrences with
// their phases, and the office's changes to single occurrences (table meeting_overrides, each
// with its audit row). rectifyd picks the change up on its next run: a moved or cancelled
// meeting that was already announced gets an updated invitation or a cancellation at once.

#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>

#include "core/dates.h"
#include "ctl/commands.h"
#include "ctl/table.h"
#include "ledger/audit.h"
#include "plan/meeting_overrides.h"
#include "plan/meetings.h"
#include "render/meeting_text.h"
#include "time/calendar_import.h"
#include "time/zone.h"

namespace rectifyd::ctl {
namespace {

namespace json = boost::json;
using plan::load_meeting_overrides;
using plan::MeetingOccurrence;
using plan::MeetingOverride;
using plan::MeetingOverrideAction;
using plan::override_week_of;

/// Everything a meeting command reads.
struct Setup {
  const config::Config* config = nullptr;
  store::Database* db = nullptr;
  const date::time_zone* zone = nullptr;
  Calendar calendar;
  std::vector<MeetingOverride> overrides;

  plan::MeetingWeek week() const { return {config->meeting, calendar, zone, overrides}; }
};

Result<Setup> setup(Context& ctx) {
  Setup s;
  auto cfg = ctx.config();
  if (!cfg)
    return cfg.error();
  s.config = *cfg;
  auto db = ctx.db();
  if (!db)
    return db.error();
  s.db = *db;
  auto zone = find_zone(s.config->unit.time_zone);
  if (!zone)
    return zone.error();
  s.zone = *zone;
  auto cal = try_load_calendar(*s.db, s.config->calendar);
  if (!cal)
    return cal.error();
  s.calendar = std::move(*cal);
  auto ov = load_meeting_overrides(*s.db);
  if (!ov)
    return ov.error();
  s.overrides = std::move(*ov);
  return s;
}

/// "2026-12-04 15:00" in the unit's zone.
std::string local_text(const date::time_zone* zone, Instant t) {
  return format_date(local_date(zone, t)) + " " +
         date::format("%H:%M", date::make_zoned(zone, t).get_local_time());
}

/// "YYYY-MM-DD HH:MM" in the unit's zone → instant; the error names the option.
Result<Instant> parse_local(const date::time_zone* zone, const std::string& option,
                            const std::string& text) {
  if (auto t = plan::parse_local_minute(zone, text))
    return *t;
  return Error{option + "：应为 \"YYYY-MM-DD HH:MM\"（本单位时区的日期和时间），收到 \"" + text +
               "\""};
}

Result<LocalDate> parse_day(const std::string& option, const std::string& text) {
  auto d = parse_date(text);
  if (!d)
    return Error{option + "：应为 \"YYYY-MM-DD\"，收到 \"" + text + "\""};
  return *d;
}

std::string status_zh(const MeetingOccurrence& o) {
  if (o.cancelled)
    return "已取消";
  if (o.moved)
    return "已改期";
  if (o.added)
    return "加开";
  return "例会";
}

/// The occurrence a date names (plan::MeetingWeek::named_by); the error says why there is none.
Result<MeetingOccurrence> find_occurrence(const Setup& s, LocalDate d) {
  if (auto o = s.week().named_by(d))
    return *o;
  const LocalDate monday = d - (date::weekday{d} - date::Monday);
  if (!s.config->meeting.enabled)
    return Error{"推进会已在配置中关闭（[meeting] enabled = false）"};
  return Error{format_date(d) + " 所在的一周（" + format_date(monday) + " 至 " +
               format_date(monday + date::days{6}) +
               "）没有例行推进会；如需开会，请用 meeting add 加开"};
}

Status run_list(Context& ctx, int weeks, bool json_flag) {
  if (weeks < 1 || weeks > 104)
    return Error{"--weeks：应在 1 到 104 之间，收到 " + std::to_string(weeks)};
  auto s = setup(ctx);
  if (!s)
    return s.error();
  const Instant now = ctx.clock().now();
  const LocalDate today = local_date(s->zone, now);
  auto occs = plan::meeting_occurrences(s->config->meeting, s->calendar, s->zone, s->overrides,
                                        today - date::days{7}, today + date::days{7 * weeks});
  std::erase_if(occs, [&](const MeetingOccurrence& o) {
    return o.end < now || o.day > today + date::days{7 * weeks};
  });

  if (ctx.json() || json_flag) {
    json::array list;
    for (const auto& o : occs)
      list.push_back(s->week().to_json(o));
    print_json(std::cout, json::object{{"time_zone", s->config->unit.time_zone},
                                       {"meetings", std::move(list)}});
    return ok_status();
  }
  if (occs.empty()) {
    std::cout << "今后 " << weeks << " 周没有推进会。\n";
    return ok_status();
  }
  auto phase_cell = [&](const MeetingOccurrence& o, plan::MeetingPhase ph) -> std::string {
    if (o.cancelled)
      return "—";
    for (const auto& p : plan::meeting_phases(s->config->meeting, s->calendar, s->zone, o)) {
      if (p.phase == ph)
        return p.enabled ? local_text(s->zone, p.at).substr(5) : "（关闭）";
    }
    return "—";
  };
  Table t({"会议", "时间", "状态", "更新提醒", "督促", "会议通知", "会后小结", "说明"});
  for (const auto& o : occs) {
    t.add_row({o.key, render::meeting_time_zh(o, s->zone), status_zh(o),
               phase_cell(o, plan::MeetingPhase::update_request),
               phase_cell(o, plan::MeetingPhase::nudge), phase_cell(o, plan::MeetingPhase::notice),
               phase_cell(o, plan::MeetingPhase::summary), o.note});
  }
  std::cout << s->config->meeting.title << "（" << s->config->meeting.location << "，时区 "
            << s->config->unit.time_zone << "）：\n";
  t.print(std::cout);
  return ok_status();
}

/// Inserts the override and its audit row together, or neither.
Result<Id> write_override(Context& ctx, Setup& s, const MeetingOverride& o, std::string entity,
                          json::object before, json::object after) {
  return plan::store_meeting_change(*s.db, {o, std::move(entity), std::move(before),
                                            std::move(after), ctx.actor(), ctx.clock().now()});
}

Status report(Context& ctx, const Setup& s, LocalDate any_day_of_week, const std::string& key,
              const std::string& sentence) {
  if (!ctx.json()) {
    std::cout << sentence << "\n";
    return ok_status();
  }
  // Read back what the change produced, so the JSON shows the occurrence as rectifyd sees it.
  if (auto o = s.week().with_key(any_day_of_week, key))
    print_json(std::cout, s.week().to_json(*o));
  else
    print_json(std::cout, json::object{{"key", key}});
  return ok_status();
}

Status run_move(Context& ctx, const std::string& day_text, const std::string& to_text,
                const std::string& note) {
  auto day = parse_day("DATE", day_text);
  if (!day)
    return day.error();
  auto s = setup(ctx);
  if (!s)
    return s.error();
  auto to = parse_local(s->zone, "--to", to_text);
  if (!to)
    return to.error();
  auto occ = find_occurrence(*s, *day);
  if (!occ)
    return occ.error();
  const Instant now = ctx.clock().now();
  if (*to <= now)
    return Error{"--to：" + to_text + " 已经过去，不能改到过去的时间"};
  if (occ->end <= now && !occ->cancelled)
    return Error{format_date(occ->day) + " 的推进会已经开过，不能改期"};
  const LocalDate new_day = local_date(s->zone, *to);
  if (!s->calendar.is_workday(new_day))
    std::cerr << "rectifyctl: 注意：" << format_date_zh(new_day) << "不是工作日。\n";

  MeetingOverride o;
  o.week_of = override_week_of(s->overrides, *occ);
  o.action = MeetingOverrideAction::move;
  o.new_start = *to;
  o.note = note;
  const std::string was = render::meeting_time_zh(*occ, s->zone);
  auto id = write_override(ctx, *s, o, "meeting:" + occ->key,
                           json::object{{"start", format_instant(occ->start, s->zone)}},
                           json::object{{"start", format_instant(*to, s->zone)}, {"note", note}});
  if (!id)
    return id.error();
  o.id = *id;
  s->overrides.push_back(o);
  MeetingOccurrence moved = *occ;
  moved.start = *to;
  moved.end = *to + s->config->meeting.duration;
  return report(ctx, *s, occ->regular, occ->key,
                "已将原定" + was + "的推进会改到" + render::meeting_time_zh(moved, s->zone) +
                    "。已发过通知的，rectifyd 会立即发送改期通知。");
}

Status run_cancel(Context& ctx, const std::string& day_text, const std::string& note) {
  auto day = parse_day("DATE", day_text);
  if (!day)
    return day.error();
  auto s = setup(ctx);
  if (!s)
    return s.error();
  auto occ = find_occurrence(*s, *day);
  if (!occ)
    return occ.error();
  if (occ->cancelled)
    return Error{format_date(occ->day) + " 的推进会已经取消"};
  if (occ->end <= ctx.clock().now())
    return Error{format_date(occ->day) + " 的推进会已经开过，不能取消"};
  MeetingOverride o;
  o.week_of = override_week_of(s->overrides, *occ);
  o.action = MeetingOverrideAction::cancel;
  o.note = note;
  auto id = write_override(ctx, *s, o, "meeting:" + occ->key,
                           json::object{{"start", format_instant(occ->start, s->zone)}},
                           json::object{{"cancelled", true}, {"note", note}});
  if (!id)
    return id.error();
  o.id = *id;
  s->overrides.push_back(o);
  return report(ctx, *s, occ->regular, occ->key,
                "已取消" + render::meeting_time_zh(*occ, s->zone) +
                    "的推进会。已发过通知的，rectifyd 会立即发送取消通知。");
}

Status run_add(Context& ctx, const std::string& at_text, const std::string& note) {
  auto s = setup(ctx);
  if (!s)
    return s.error();
  auto start = parse_local(s->zone, "START", at_text);
  if (!start)
    return start.error();
  if (*start <= ctx.clock().now())
    return Error{"START：" + at_text + " 已经过去，不能加开过去的推进会"};
  const LocalDate day = local_date(s->zone, *start);
  if (!s->calendar.is_workday(day))
    std::cerr << "rectifyctl: 注意：" << format_date_zh(day) << "不是工作日。\n";
  MeetingOverride o;
  o.week_of = day;
  o.action = MeetingOverrideAction::add;
  o.new_start = *start;
  o.note = note;
  auto id =
      write_override(ctx, *s, o, "meeting:add", json::object{},
                     json::object{{"start", format_instant(*start, s->zone)}, {"note", note}});
  if (!id)
    return id.error();
  o.id = *id;
  s->overrides.push_back(o);
  MeetingOccurrence shown;
  shown.start = *start;
  shown.end = *start + s->config->meeting.duration;
  return report(ctx, *s, day, "add-" + std::to_string(*id),
                "已加开推进会：" + render::meeting_time_zh(shown, s->zone) + "（add-" +
                    std::to_string(*id) + "）。");
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
}

}  // namespace rectifyd::ctl
