// /api/v1/meetings: the coming weekly progress meetings with their phases, and the office's
// changes to single occurrences (moved, cancelled, added: rows of meeting_overrides with their
// audit rows, as rectifyctl meeting writes them). The planner picks a change up on the run the
// write triggers: an announced meeting that moved or was cancelled is re-announced at once.
// POST /meetings/{date}/notice sends the agenda to the group channels now.

#include <stdexcept>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "admin/routes.h"
#include "core/dates.h"
#include "core/message.h"
#include "ledger/audit.h"
#include "plan/agenda.h"
#include "plan/engine.h"
#include "plan/meeting_overrides.h"
#include "plan/meetings.h"
#include "plan/routing.h"
#include "render/meeting_text.h"
#include "store/outbox.h"
#include "time/calendar_import.h"
#include "time/zone.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

using plan::load_meeting_overrides;
using plan::MeetingOccurrence;
using plan::MeetingOverride;
using plan::MeetingOverrideAction;
using plan::override_week_of;

struct Setup {
  config::Snapshot config;
  const date::time_zone* zone = nullptr;
  Calendar calendar;
  std::vector<MeetingOverride> overrides;

  plan::MeetingWeek week() const { return {config->meeting, calendar, zone, overrides}; }
};

Result<Setup> setup(ApiEnv& env) {
  Setup s;
  s.config = env.config();
  s.zone = unit_zone(*s.config);
  auto cal = try_load_calendar(env.db, s.config->calendar);
  if (!cal)
    return cal.error();
  s.calendar = std::move(*cal);
  auto overrides = load_meeting_overrides(env.db);
  if (!overrides)
    return overrides.error();
  s.overrides = std::move(*overrides);
  return s;
}

json::object occurrence_json(const Setup& s, const MeetingOccurrence& o) {
  json::object j = s.week().to_json(o);
  j["time_zh"] = render::meeting_time_zh(o, s.zone);
  return j;
}

/// "YYYY-MM-DD HH:MM" in the unit's zone, or an ISO instant with offset → instant.
std::optional<Instant> parse_start(const Setup& s, const std::string& text) {
  if (auto t = parse_instant(text))
    return t;
  return plan::parse_local_minute(s.zone, text);
}

/// Stores the change with its audit row; a failure reaches the client as a 500.
Id write_override(ApiEnv& env, const Call& c, const MeetingOverride& o, std::string entity,
                  json::object before, json::object after) {
  auto id = plan::store_meeting_change(env.db, {o, std::move(entity), std::move(before),
                                                std::move(after), c.actor, env.clock.now()});
  if (!id)
    throw std::runtime_error(id.error().message);
  return *id;
}

/// The occurrence named by the path's date, or the reply saying why there is none.
std::optional<Reply> occurrence_of(const Setup& s, const Call& c, MeetingOccurrence& out) {
  auto day = parse_date(c.params.at(0));
  if (!day)
    return error(http::status::not_found,
                 "会议日期应为 YYYY-MM-DD，收到“" + c.params.at(0) + "”（no such meeting）",
                 c.path);
  auto occ = s.week().named_by(*day);
  if (!occ)
    return error(http::status::not_found,
                 format_date(*day) + " 所在的一周没有推进会（no meeting that week）", c.path);
  out = *occ;
  return std::nullopt;
}

/// The occurrence as the planner now sees it, after a change.
Reply changed(ApiEnv& env, LocalDate any_day, const std::string& key, http::status status) {
  auto s = setup(env);
  if (!s)
    return error(http::status::internal_server_error, s.error().message);
  if (auto o = s->week().with_key(any_day, key)) {
    Reply r = ok(occurrence_json(*s, *o));
    r.status = status;
    return r;
  }
  Reply r = ok(json::object{{"key", key}});
  r.status = status;
  return r;
}

Reply list(ApiEnv& env, const Call& c) {
  long long weeks = 4;
  if (auto it = c.query.find("weeks"); it != c.query.end()) {
    try {
      weeks = std::stoll(it->second);
    } catch (const std::exception&) {
      weeks = 0;
    }
    if (weeks < 1 || weeks > 104)
      return error(http::status::bad_request, "weeks 应在 1 到 104 之间，收到“" + it->second + "”",
                   "?weeks");
  }
  Page page;
  if (auto e = read_page(c, page))
    return *e;
  auto s = setup(env);
  if (!s)
    return error(http::status::internal_server_error, s.error().message);
  const Instant now = env.clock.now();
  const LocalDate today = local_date(s->zone, now);
  const LocalDate last = today + date::days{7 * weeks};
  auto occs = plan::meeting_occurrences(s->config->meeting, s->calendar, s->zone, s->overrides,
                                        today - date::days{7}, last);
  std::erase_if(occs, [&](const MeetingOccurrence& o) { return o.end < now || o.day > last; });
  json::array all;
  for (const auto& o : occs)
    all.push_back(occurrence_json(*s, o));
  json::object out = page_of(all, page);
  out["time_zone"] = s->config->unit.time_zone;
  out["title"] = s->config->meeting.title;
  out["location"] = s->config->meeting.location;
  return ok(std::move(out));
}

Reply move(ApiEnv& env, const Call& c) {
  json::object b;
  if (auto e = parse_object(c, b))
    return *e;
  std::string to_text;
  std::string note;
  if (auto e = read_string(b, "to", to_text, true))
    return *e;
  if (auto e = read_string(b, "note", note))
    return *e;
  auto s = setup(env);
  if (!s)
    return error(http::status::internal_server_error, s.error().message);
  MeetingOccurrence occ;
  if (auto e = occurrence_of(*s, c, occ))
    return *e;
  auto to = parse_start(*s, to_text);
  if (!to)
    return error(http::status::unprocessable_entity,
                 "to 应为本单位时区的 \"YYYY-MM-DD HH:MM\"，收到“" + to_text + "”", "/to");
  const Instant now = env.clock.now();
  if (*to <= now)
    return error(http::status::unprocessable_entity,
                 to_text + " 已经过去，不能改到过去的时间（the new start is in the past）", "/to");
  if (occ.cancelled)
    return error(http::status::conflict, format_date(occ.day) + " 的推进会已经取消，不能改期",
                 c.path);
  if (occ.end <= now)
    return error(http::status::conflict, format_date(occ.day) + " 的推进会已经开过，不能改期",
                 c.path);
  MeetingOverride o;
  o.week_of = override_week_of(s->overrides, occ);
  o.action = MeetingOverrideAction::move;
  o.new_start = *to;
  o.note = note;
  write_override(env, c, o, "meeting:" + occ.key,
                 json::object{{"start", format_instant(occ.start, s->zone)}},
                 json::object{{"start", format_instant(*to, s->zone)}, {"note", note}});
  return changed(env, occ.regular, occ.key, http::status::ok);
}

Reply cancel(ApiEnv& env, const Call& c) {
  json::object b;
  if (auto e = parse_object(c, b))
    return *e;
  std::string note;
  if (auto e = read_string(b, "note", note))
    return *e;
  auto s = setup(env);
  if (!s)
    return error(http::status::internal_server_error, s.error().message);
  MeetingOccurrence occ;
  if (auto e = occurrence_of(*s, c, occ))
    return *e;
  if (occ.cancelled)
    return error(http::status::conflict, format_date(occ.day) + " 的推进会已经取消", c.path);
  if (occ.end <= env.clock.now())
    return error(http::status::conflict, format_date(occ.day) + " 的推进会已经开过，不能取消",
                 c.path);
  MeetingOverride o;
  o.week_of = override_week_of(s->overrides, occ);
  o.action = MeetingOverrideAction::cancel;
  o.note = note;
  write_override(env, c, o, "meeting:" + occ.key,
                 json::object{{"start", format_instant(occ.start, s->zone)}},
                 json::object{{"cancelled", true}, {"note", note}});
  return changed(env, occ.regular, occ.key, http::status::ok);
}

Reply add(ApiEnv& env, const Call& c) {
  json::object b;
  if (auto e = parse_object(c, b))
    return *e;
  std::string start_text;
  std::string note;
  if (auto e = read_string(b, "start", start_text, true))
    return *e;
  if (auto e = read_string(b, "note", note))
    return *e;
  auto s = setup(env);
  if (!s)
    return error(http::status::internal_server_error, s.error().message);
  auto start = parse_start(*s, start_text);
  if (!start)
    return error(http::status::unprocessable_entity,
                 "start 应为本单位时区的 \"YYYY-MM-DD HH:MM\"，收到“" + start_text + "”", "/start");
  if (*start <= env.clock.now())
    return error(http::status::unprocessable_entity,
                 start_text + " 已经过去，不能加开过去的推进会（the start is in the past）",
                 "/start");
  MeetingOverride o;
  o.week_of = local_date(s->zone, *start);
  o.action = MeetingOverrideAction::add;
  o.new_start = *start;
  o.note = note;
  const Id id =
      write_override(env, c, o, "meeting:add", json::object{},
                     json::object{{"start", format_instant(*start, s->zone)}, {"note", note}});
  return changed(env, o.week_of, "add-" + std::to_string(id), http::status::created);
}

Reply notice_now(ApiEnv& env, const Call& c) {
  auto s = setup(env);
  if (!s)
    return error(http::status::internal_server_error, s.error().message);
  MeetingOccurrence occ;
  if (auto e = occurrence_of(*s, c, occ))
    return *e;
  const Instant now = env.clock.now();
  if (occ.cancelled)
    return error(http::status::conflict, format_date(occ.day) + " 的推进会已经取消，不发通知",
                 c.path);
  if (occ.end <= now)
    return error(http::status::conflict, format_date(occ.day) + " 的推进会已经开过，不发通知",
                 c.path);
  const config::Config& cfg = *s->config;
  const plan::LedgerView view = plan::load_ledger_view(env.db, now);
  plan::AgendaInput in{.ledger = view,
                       .calendar = s->calendar,
                       .zone = s->zone,
                       .today = local_date(s->zone, now),
                       .next_meeting = std::nullopt,
                       .last_rate = std::nullopt,
                       .last_at = std::nullopt,
                       .yellow_within_workdays = cfg.deadlines.yellow_within_workdays,
                       .limit = 20};
  const plan::Agenda agenda = plan::build_agenda(in);
  auto text = render::notice_text(agenda, occ, cfg.meeting, s->zone);
  Message msg;
  msg.kind = "meeting_notice";
  msg.subject = std::move(text.subject);
  msg.text = std::move(text.text);
  msg.items = agenda.red.items;
  msg.items.insert(msg.items.end(), agenda.yellow.items.begin(), agenda.yellow.items.end());
  const std::string payload = json::serialize(to_json(msg));

  const auto channels = plan::route(cfg.routing, plan::RecipientKind::group, "");
  json::array keys;
  env.db.write([&] {
    store::Outbox outbox(env.db);
    for (const auto& ch : channels) {
      store::NewNotification n;
      n.key = "meeting.notice.now/" + occ.key + "@" + format_instant_utc(now) + "/group/" + ch;
      n.kind = "meeting_notice";
      n.channel = ch;
      n.recipient = "group";
      n.subject = msg.subject;
      n.payload = payload;
      n.not_before = now;
      if (outbox.enqueue(n, now))
        keys.push_back(json::string(n.key));
    }
    AuditEntry e;
    e.at = now;
    e.actor = c.actor;
    e.action = "meeting.notice";
    e.entity = "meeting:" + occ.key;
    e.after = json::serialize(json::object{{"channels", keys}});
    if (auto a = ledger::AuditLog(env.db).append(e); !a)
      throw std::runtime_error(a.error().message);
  });
  return Reply{http::status::accepted,
               json::object{{"meeting", occurrence_json(*s, occ)},
                            {"subject", msg.subject},
                            {"queued", std::move(keys)}},
               std::nullopt,
               "application/json",
               {}};
}

}  // namespace

void add_meeting_routes(RouteTable& t) {
  t.add("GET", "/meetings", list);
  t.add("POST", "/meetings", add);
  t.add("POST", "/meetings/{date}/move", move);
  t.add("POST", "/meetings/{date}/cancel", cancel);
  t.add("POST", "/meetings/{date}/notice", notice_now);
}

}  // namespace rectifyd::admin
