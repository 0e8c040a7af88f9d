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

std::string_view action_name(MeetingOverrideAction a) {
  switch (a) {
    case MeetingOverrideAction::move:
      return "move";
    case MeetingOverrideAction::cancel:
      return "cancel";
    case MeetingOverrideAction::add:
      return "add";
  }
  return "cancel";
}

/// Everything a meeting command reads.
struct Setup {
  const config::Config* config = nullptr;
  store::Database* db = nullptr;
  const date::time_zone* zone = nullptr;
  Calendar calendar;
  std::vector<MeetingOverride> overrides;
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
  const auto bad = Error{option + "：应为 \"YYYY-MM-DD HH:MM\"（本单位时区的日期和时间），收到 \"" +
                         text + "\""};
  if (text.size() != 16 || text[10] != ' ' || text[13] != ':')
    return bad;
  auto d = parse_date(text.substr(0, 10));
  if (!d)
    return bad;
  int h = 0;
  int m = 0;
  for (int i : {11, 12, 14, 15}) {
    if (text[static_cast<std::size_t>(i)] < '0' || text[static_cast<std::size_t>(i)] > '9')
      return bad;
  }
  h = (text[11] - '0') * 10 + (text[12] - '0');
  m = (text[14] - '0') * 10 + (text[15] - '0');
  if (h > 23 || m > 59)
    return bad;
  return resolve_local(zone, *d, std::chrono::hours{h} + std::chrono::minutes{m});
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

std::string status_name(const MeetingOccurrence& o) {
  if (o.cancelled)
    return "cancelled";
  if (o.moved)
    return "moved";
  if (o.added)
    return "added";
  return "regular";
}

/// The occurrence a date names: an added meeting on that day, else the week's regular one
/// (moved or not). The error says why there is none.
Result<MeetingOccurrence> find_occurrence(const Setup& s, LocalDate d) {
  const LocalDate monday = d - (date::weekday{d} - date::Monday);
  const auto occs = plan::meeting_occurrences(s.config->meeting, s.calendar, s.zone, s.overrides,
                                              monday, monday + date::days{6});
  for (const auto& o : occs) {
    if (o.added && o.regular == d)
      return o;
  }
  for (const auto& o : occs) {
    if (!o.added)
      return o;
  }
  if (!s.config->meeting.enabled)
    return Error{"推进会已在配置中关闭（[meeting] enabled = false）"};
  return Error{format_date(d) + " 所在的一周（" + format_date(monday) + " 至 " +
               format_date(monday + date::days{6}) +
               "）没有例行推进会；如需开会，请用 meeting add 加开"};
}

json::object occurrence_json(const Setup& s, const MeetingOccurrence& o) {
  json::object j{{"key", o.key},
                 {"uid", o.uid},
                 {"day", format_date(o.day)},
                 {"start", format_instant(o.start, s.zone)},
                 {"end", format_instant(o.end, s.zone)},
                 {"sequence", o.sequence},
                 {"status", status_name(o)},
                 {"note", o.note}};
  json::array phases;
  if (!o.cancelled) {
    for (const auto& p : plan::meeting_phases(s.config->meeting, s.calendar, s.zone, o)) {
      phases.push_back(json::object{{"phase", plan::to_string(p.phase)},
                                    {"at", format_instant(p.at, s.zone)},
                                    {"enabled", p.enabled}});
    }
  }
  j["phases"] = std::move(phases);
  return j;
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
      list.push_back(occurrence_json(*s, o));
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
Result<Id> write_override(Context& ctx, Setup& s, const MeetingOverride& o,
                          const std::string& entity, const json::object& before,
                          const json::object& after) {
  Result<Id> result = Id{0};
  try {
    s.db->write([&] {
      SQLite::Statement st(s.db->sql(),
                           "INSERT INTO meeting_overrides (week_of, action, new_start, note, "
                           "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)");
      st.bind(1, format_date(o.week_of));
      st.bind(2, std::string(action_name(o.action)));
      if (o.new_start)
        st.bind(3, format_instant_utc(*o.new_start));
      else
        st.bind(3);
      st.bind(4, o.note);
      st.bind(5, format_instant_utc(ctx.clock().now()));
      st.bind(6, ctx.actor());
      st.exec();
      const Id id = s.db->sql().getLastInsertRowid();
      AuditEntry e;
      e.at = ctx.clock().now();
      e.actor = ctx.actor();
      e.action = "meeting." + std::string(action_name(o.action));
      e.entity = entity;
      e.before = json::serialize(before);
      json::object a = after;
      a["override_id"] = id;
      e.after = json::serialize(a);
      auto audit = ledger::AuditLog(*s.db).append(e);
      if (!audit) {
        result = audit.error();
        throw std::runtime_error("rollback");
      }
      result = id;
    });
  } catch (const std::exception& e) {
    if (result)
      result = Error{std::string("推进会调整未保存（not stored）：") + e.what()};
  }
  return result;
}

Status report(Context& ctx, const Setup& s, LocalDate any_day_of_week, const std::string& key,
              const std::string& sentence) {
  if (!ctx.json()) {
    std::cout << sentence << "\n";
    return ok_status();
  }
  // Read back what the change produced, so the JSON shows the occurrence as rectifyd sees it.
  const LocalDate monday = any_day_of_week - (date::weekday{any_day_of_week} - date::Monday);
  for (const auto& o : plan::meeting_occurrences(s.config->meeting, s.calendar, s.zone, s.overrides,
                                                 monday, monday + date::days{6})) {
    if (o.key == key) {
      print_json(std::cout, occurrence_json(s, o));
      return ok_status();
    }
  }
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
