#include "office/meetings.h"

#include <utility>

#include <boost/json.hpp>

#include "core/dates.h"
#include "render/meeting_text.h"
#include "store/calendar_days.h"
#include "store/meeting_overrides.h"
#include "store/schedule_state.h"
#include "time/zone.h"

namespace rectifyd::office {
namespace json = boost::json;
using plan::MeetingOccurrence;
using plan::MeetingOverride;
using plan::MeetingOverrideAction;

json::object MeetingSetup::to_json(const MeetingOccurrence& o) const {
  json::object j = week().to_json(o);
  j["time_zh"] = render::meeting_time_zh(o, zone);
  return j;
}

Result<MeetingSetup> meeting_setup(Office& o) {
  MeetingSetup s;
  s.config = o.config();
  s.zone = o.zone();
  auto cal = try_load_calendar(o.db(), s.config->calendar);
  if (!cal)
    return Error{cal.error().message, ErrorKind::internal};
  s.calendar = std::move(*cal);
  auto ov = store::load_meeting_overrides(o.db());
  if (!ov)
    return Error{ov.error().message, ErrorKind::internal};
  s.overrides = std::move(*ov);
  return s;
}

Result<std::vector<MeetingOccurrence>> upcoming_meetings(Office& o, const MeetingSetup& s,
                                                         int weeks) {
  if (weeks < 1 || weeks > 104)
    return invalid("周数应在 1 到 104 之间，收到 " + std::to_string(weeks), "?weeks");
  const Instant now = o.clock().now();
  const LocalDate today = local_date(s.zone, now);
  const LocalDate last = today + date::days{7 * weeks};
  auto occs = plan::meeting_occurrences(s.config->meeting, s.calendar, s.zone, s.overrides,
                                        today - date::days{7}, last);
  std::erase_if(occs, [&](const MeetingOccurrence& m) { return m.end < now || m.day > last; });
  return occs;
}

namespace {

/// The occurrence a date names, or why there is none.
Result<MeetingOccurrence> find_occurrence(const MeetingSetup& s, LocalDate d) {
  if (auto occ = s.week().named_by(d))
    return *occ;
  if (!s.config->meeting.enabled)
    return not_found("推进会已在配置中关闭（[meeting] enabled = false）");
  const LocalDate monday = d - (date::weekday{d} - date::Monday);
  return not_found(format_date(d) + " 所在的一周（" + format_date(monday) + " 至 " +
                   format_date(monday + date::days{6}) +
                   "）没有推进会；如需开会，请加开一次（no meeting that week）");
}

Result<Instant> parse_start(const MeetingSetup& s, std::string_view text, const char* field) {
  const std::string t(text);
  if (auto i = parse_instant(t))
    return *i;
  if (auto i = plan::parse_local_minute(s.zone, t))
    return *i;
  return invalid("时间应为本单位时区的“YYYY-MM-DD HH:MM”，收到“" + t + "”", field);
}

std::vector<std::string> workday_warnings(const MeetingSetup& s, Instant start) {
  const LocalDate day = local_date(s.zone, start);
  if (s.calendar.is_workday(day))
    return {};
  return {format_date_zh(day) + "不是工作日，请确认参会人员能够到会"};
}

/// The change and its audit row in one transaction; then the planner is told.
Result<Id> store_change(Office& o, const Actor& a, const MeetingOverride& ov, std::string entity,
                        json::object before, json::object after) {
  auto id = store::store_meeting_change(o.db(), {ov, std::move(entity), std::move(before),
                                                 std::move(after), a.name, o.clock().now()});
  if (!id)
    return Error{id.error().message, ErrorKind::internal};
  Change c;
  c.meetings = true;
  o.changed(c);
  return id;
}

/// The occurrence with `key` as the planner sees it now.
Result<MeetingResult> reread(Office& o, LocalDate any_day, const std::string& key,
                             std::string summary, std::vector<std::string> warnings) {
  auto s = meeting_setup(o);
  if (!s)
    return s.error();
  MeetingResult r;
  if (auto occ = s->week().with_key(any_day, key)) {
    r.occurrence = *occ;
    r.json = s->to_json(*occ);
  } else {
    r.occurrence.key = key;
    r.json = json::object{{"key", key}};
  }
  r.summary = std::move(summary);
  r.warnings = std::move(warnings);
  return r;
}

Status check_ahead(const MeetingOccurrence& occ, Instant now, const char* what) {
  if (occ.cancelled)
    return conflict(format_date(occ.day) + " 的推进会已经取消，不能" + what);
  if (occ.end <= now)
    return conflict(format_date(occ.day) + " 的推进会已经开过，不能" + what);
  return ok_status();
}

}  // namespace

Result<MeetingResult> move_meeting(Office& o, const Actor& a, LocalDate day, std::string_view to,
                                   std::string_view note) {
  auto s = meeting_setup(o);
  if (!s)
    return s.error();
  auto start = parse_start(*s, to, "/to");
  if (!start)
    return start.error();
  const Instant now = o.clock().now();
  if (*start <= now)
    return invalid(std::string(to) + " 已经过去，不能改到过去的时间", "/to");
  auto occ = find_occurrence(*s, day);
  if (!occ)
    return occ.error();
  if (auto st = check_ahead(*occ, now, "改期"); !st)
    return st.error();
  MeetingOverride ov;
  ov.week_of = plan::override_week_of(s->overrides, *occ);
  ov.action = MeetingOverrideAction::move;
  ov.new_start = *start;
  ov.note = std::string(note);
  auto id = store_change(o, a, ov, "meeting:" + occ->key,
                         json::object{{"start", format_instant(occ->start, s->zone)}},
                         json::object{{"start", format_instant(*start, s->zone)}, {"note", note}});
  if (!id)
    return id.error();
  MeetingOccurrence moved = *occ;
  moved.start = *start;
  moved.end = *start + s->config->meeting.duration;
  return reread(o, occ->regular, occ->key,
                "已将原定" + render::meeting_time_zh(*occ, s->zone) + "的推进会改到" +
                    render::meeting_time_zh(moved, s->zone) +
                    "。已发过通知的，rectifyd 会立即发送改期通知。",
                workday_warnings(*s, *start));
}

Result<MeetingResult> cancel_meeting(Office& o, const Actor& a, LocalDate day,
                                     std::string_view note) {
  auto s = meeting_setup(o);
  if (!s)
    return s.error();
  auto occ = find_occurrence(*s, day);
  if (!occ)
    return occ.error();
  if (auto st = check_ahead(*occ, o.clock().now(), "取消"); !st)
    return st.error();
  MeetingOverride ov;
  ov.week_of = plan::override_week_of(s->overrides, *occ);
  ov.action = MeetingOverrideAction::cancel;
  ov.note = std::string(note);
  auto id = store_change(o, a, ov, "meeting:" + occ->key,
                         json::object{{"start", format_instant(occ->start, s->zone)}},
                         json::object{{"cancelled", true}, {"note", note}});
  if (!id)
    return id.error();
  return reread(o, occ->regular, occ->key,
                "已取消" + render::meeting_time_zh(*occ, s->zone) +
                    "的推进会。已发过通知的，rectifyd 会立即发送取消通知。",
                {});
}

Result<MeetingResult> add_meeting(Office& o, const Actor& a, std::string_view start_text,
                                  std::string_view note) {
  auto s = meeting_setup(o);
  if (!s)
    return s.error();
  auto start = parse_start(*s, start_text, "/start");
  if (!start)
    return start.error();
  if (*start <= o.clock().now())
    return invalid(std::string(start_text) + " 已经过去，不能加开过去的推进会", "/start");
  MeetingOverride ov;
  ov.week_of = local_date(s->zone, *start);
  ov.action = MeetingOverrideAction::add;
  ov.new_start = *start;
  ov.note = std::string(note);
  auto id = store_change(o, a, ov, "meeting:add", json::object{},
                         json::object{{"start", format_instant(*start, s->zone)}, {"note", note}});
  if (!id)
    return id.error();
  MeetingOccurrence shown;
  shown.start = *start;
  shown.end = *start + s->config->meeting.duration;
  const std::string key = "add-" + std::to_string(*id);
  return reread(o, ov.week_of, key,
                "已加开推进会：" + render::meeting_time_zh(shown, s->zone) + "（" + key + "）。",
                workday_warnings(*s, *start));
}

Result<MeetingResult> send_notice_now(Office& o, const Actor& a, LocalDate day) {
  auto s = meeting_setup(o);
  if (!s)
    return s.error();
  auto occ = find_occurrence(*s, day);
  if (!occ)
    return occ.error();
  const Instant now = o.clock().now();
  if (auto st = check_ahead(*occ, now, "发通知"); !st)
    return st.error();
  if (now >= occ->start)
    return conflict(format_date(occ->day) + " 的推进会已经开始，不再发通知");
  auto done = transact<Ok>(o, [&]() -> Result<Ok> {
    const auto state = store::load_schedule_state(o.db());
    if (plan::is_announced(state, *occ))
      return conflict(format_date(occ->day) +
                      " 的推进会通知已经发出，无需再发（already announced）");
    store::write_schedule_state(o.db(),
                                {{plan::notice_request_key(occ->key), format_instant_utc(now)}});
    if (auto st = audit(o, a, "meeting.notice", "meeting:" + occ->key, "",
                        json::serialize(json::object{{"requested_at", format_instant_utc(now)},
                                                     {"sequence", occ->sequence}}));
        !st)
      return st.error();
    return Ok{};
  });
  if (!done)
    return done.error();
  Change c;
  c.meetings = true;
  o.changed(c);
  MeetingResult r;
  r.occurrence = *occ;
  r.json = s->to_json(*occ);
  r.summary = "已安排立即发送" + render::meeting_time_zh(*occ, s->zone) +
              "推进会的通知（含议程和日历邀请），与按时发送的通知相同，之后不再重复发送。";
  return r;
}

}  // namespace rectifyd::office
