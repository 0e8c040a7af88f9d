// /api/v1/meetings: the coming weekly progress meetings with their phases, and the office's
// changes to single occurrences (office/meetings.h: move, cancel, add, send the notice now).
// A reply carries the occurrence as the planner now sees it, the sentence saying what was
// done, and any warnings (a new day that is not a working day).

#include <stdexcept>

#include <boost/json.hpp>

#include "admin/routes.h"
#include "core/dates.h"
#include "office/meetings.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

/// The occurrence named by the path's date.
std::optional<Reply> day_of(const Call& c, LocalDate& out) {
  auto day = parse_date(c.params.at(0));
  if (!day)
    return error(http::status::not_found,
                 "会议日期应为 YYYY-MM-DD，收到“" + c.params.at(0) + "”（no such meeting）",
                 c.path);
  out = *day;
  return std::nullopt;
}

Reply answer(const Result<office::MeetingResult>& r, const Call& c, http::status status) {
  if (!r)
    return failure(r.error(), c.path);
  json::object out = r->json;
  out["summary"] = r->summary;
  json::array warnings;
  for (const auto& w : r->warnings)
    warnings.push_back(json::string(w));
  out["warnings"] = std::move(warnings);
  Reply reply = ok(std::move(out));
  reply.status = status;
  return reply;
}

Reply list(ApiEnv& env, const Call& c) {
  long long weeks = 4;
  if (auto it = c.query.find("weeks"); it != c.query.end()) {
    try {
      weeks = std::stoll(it->second);
    } catch (const std::exception&) {
      weeks = 0;
    }
  }
  Page page;
  if (auto e = read_page(c, page))
    return *e;
  auto office = office_of(env);
  auto s = office::meeting_setup(office);
  if (!s)
    return failure(s.error());
  auto occs = office::upcoming_meetings(office, *s, static_cast<int>(weeks));
  if (!occs)
    return failure(occs.error());
  json::array all;
  for (const auto& o : *occs)
    all.push_back(s->to_json(o));
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
  std::string to;
  std::string note;
  if (auto e = read_string(b, "to", to, true))
    return *e;
  if (auto e = read_string(b, "note", note))
    return *e;
  LocalDate day{};
  if (auto e = day_of(c, day))
    return *e;
  auto office = office_of(env);
  return answer(office::move_meeting(office, actor_of(c), day, to, note), c, http::status::ok);
}

Reply cancel(ApiEnv& env, const Call& c) {
  json::object b;
  if (auto e = parse_object(c, b))
    return *e;
  std::string note;
  if (auto e = read_string(b, "note", note))
    return *e;
  LocalDate day{};
  if (auto e = day_of(c, day))
    return *e;
  auto office = office_of(env);
  return answer(office::cancel_meeting(office, actor_of(c), day, note), c, http::status::ok);
}

Reply add(ApiEnv& env, const Call& c) {
  json::object b;
  if (auto e = parse_object(c, b))
    return *e;
  std::string start;
  std::string note;
  if (auto e = read_string(b, "start", start, true))
    return *e;
  if (auto e = read_string(b, "note", note))
    return *e;
  auto office = office_of(env);
  return answer(office::add_meeting(office, actor_of(c), start, note), c, http::status::created);
}

Reply notice_now(ApiEnv& env, const Call& c) {
  LocalDate day{};
  if (auto e = day_of(c, day))
    return *e;
  auto office = office_of(env);
  return answer(office::send_notice_now(office, actor_of(c), day), c, http::status::accepted);
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
