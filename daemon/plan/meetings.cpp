#include "plan/meetings.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <set>

#include "core/dates.h"
#include "plan/agenda.h"
#include "plan/routing.h"
#include "render/deadline_text.h"
#include "render/meeting_text.h"
#include "time/zone.h"

namespace rectifyd::plan {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kAnnounced = "meeting.announced.";
constexpr std::size_t kPersonItems = 30;  ///< items listed in one owner's message
/// Far enough around now to hold every phase of every occurrence that can fire or wake us.
constexpr date::days kLookBehind{42};
constexpr date::days kLookAhead{42};
/// A message sent this much after its planned time is marked late, as the planner does.
constexpr std::chrono::minutes kLateAfter{10};
/// Announcement records older than this are dropped from the state.
constexpr auto kForgetAfter = date::days{60};

LocalDate monday_of(LocalDate d) {
  return d - (date::weekday{d} - date::Monday);
}

struct Announced {
  int sequence = 0;
  Instant start{};
  Instant end{};
  bool cancelled = false;
};

std::string encode(const Announced& a) {
  return std::to_string(a.sequence) + "|" + format_instant_utc(a.start) + "|" +
         format_instant_utc(a.end) + "|" + (a.cancelled ? "1" : "0");
}

std::optional<Announced> decode(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (true) {
    const auto bar = s.find('|', pos);
    parts.push_back(s.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos));
    if (bar == std::string::npos)
      break;
    pos = bar + 1;
  }
  if (parts.size() != 4)
    return std::nullopt;
  Announced a;
  const auto [p, ec] =
      std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), a.sequence);
  auto start = parse_instant(parts[1]);
  auto end = parse_instant(parts[2]);
  if (ec != std::errc{} || p != parts[0].data() + parts[0].size() || !start || !end)
    return std::nullopt;
  a.start = *start;
  a.end = *end;
  a.cancelled = parts[3] == "1";
  return a;
}

std::optional<std::string> state_value(const ScheduleState& state, const std::string& key) {
  auto it = state.find(key);
  if (it == state.end() || it->second.empty())
    return std::nullopt;
  return it->second;
}

}  // namespace

std::string notice_request_key(const std::string& key) {
  return "meeting.notice_now." + key;
}

bool is_announced(const ScheduleState& state, const MeetingOccurrence& occ) {
  auto v = state_value(state, std::string(kAnnounced) + occ.key);
  if (!v)
    return false;
  auto was = decode(*v);
  return was && !was->cancelled && was->sequence == occ.sequence && was->start == occ.start &&
         was->end == occ.end;
}

namespace {

std::optional<double> state_rate(const ScheduleState& state) {
  auto v = state_value(state, "meeting.last_rate");
  if (!v)
    return std::nullopt;
  char* end = nullptr;
  const double r = std::strtod(v->c_str(), &end);
  if (end == v->c_str() || *end != '\0')
    return std::nullopt;
  return r;
}

/// Active people holding one of the participant roles, and the named participants; by id.
std::vector<const Person*> participants(const config::MeetingConfig& cfg,
                                        const LedgerView& ledger) {
  const std::set<std::string> named(cfg.participants.begin(), cfg.participants.end());
  std::vector<const Person*> out;
  for (const auto& [id, p] : ledger.people) {
    if (!p.active)
      continue;
    bool in = named.contains(p.name);
    for (Role r : cfg.participant_roles)
      in = in || p.roles.has(r);
    if (in)
      out.push_back(&p);
  }
  return out;
}

/// How a zone is named to the reader: 北京时间 for China's zone, else its abbreviation at t
/// ("CET", "CEST"), or the UTC offset when the zone has only a numeric one ("+04").
std::string zone_label(const date::time_zone* zone, Instant t) {
  const auto info = zone->get_info(t);
  if (info.offset == std::chrono::hours{8} &&
      (zone->name() == "Asia/Shanghai" || zone->name() == "Asia/Chongqing" ||
       zone->name() == "Asia/Harbin" || zone->name() == "PRC"))
    return "北京时间";
  if (!info.abbrev.empty() && (info.abbrev[0] == '+' || info.abbrev[0] == '-'))
    return "UTC" + info.abbrev;
  return info.abbrev;
}

/// "会议时间为北京时间；您所在时区（CET）为12月4日（周五）08:00–09:00。"
std::string zone_note(const MeetingOccurrence& occ, const date::time_zone* unit,
                      const date::time_zone* reader) {
  return "以上会议时间为" + zone_label(unit, occ.start) + "；您所在时区（" +
         zone_label(reader, occ.start) + "）为" + format_date_zh(local_date(reader, occ.start)) +
         render::format_time_of_day(local_time_of_day(reader, occ.start)) + "–" +
         render::format_time_of_day(local_time_of_day(reader, occ.end)) + "。";
}

/// One run of plan_meetings: the input, the output and what every intent shares.
class Run {
 public:
  Run(const PlanInput& in, Instant from, PlanOutput& out)
      : in_(in), cfg_(in.config.meeting), from_(from), out_(out) {
    organizer_.name = in_.config.unit.name;
    for (const auto& c : in_.config.channels) {
      if (c.type == config::ChannelType::smtp && !c.from_address.empty()) {
        organizer_.email = c.from_address;
        break;
      }
    }
  }

  void go();

 private:
  bool in_window(Instant t) const { return t > from_ && t <= in_.now; }
  /// Planned in this run's window and not older than the catch-up grace: after downtime a
  /// phase is sent once, marked late; an older one is skipped.
  bool due(Instant t) const {
    return in_window(t) && t >= in_.now - in_.config.schedule.catch_up_grace;
  }
  void wake_at(Instant t) {
    if (t > in_.now && (!out_.next_wake || t < *out_.next_wake))
      out_.next_wake = t;
  }

  std::optional<MeetingOccurrence> next_after(const MeetingOccurrence& occ) const {
    for (const auto& o : occs_) {
      if (!o.cancelled && o.start > occ.end)
        return o;
    }
    return std::nullopt;
  }

  Agenda agenda_for(const MeetingOccurrence& occ) const {
    const auto next = next_after(occ);
    const auto last_at = state_value(in_.state, "meeting.last_at");
    AgendaInput ai{
        .ledger = in_.ledger,
        .calendar = in_.calendar,
        .zone = in_.zone,
        .today = local_date(in_.zone, in_.now),
        .next_meeting = next ? std::optional<LocalDate>(next->day) : std::nullopt,
        .last_rate = state_rate(in_.state),
        .last_at = last_at ? parse_instant(*last_at) : std::nullopt,
        .yellow_within_workdays = in_.config.deadlines.yellow_within_workdays,
        .limit = 20,
    };
    return build_agenda(ai);
  }

  MeetingInfo info(const MeetingOccurrence& occ) const {
    MeetingInfo m;
    m.uid = occ.uid;
    m.sequence = occ.sequence;
    m.cancelled = occ.cancelled;
    m.start = occ.start;
    m.end = occ.end;
    m.time_zone = in_.zone->name();
    m.title = cfg_.title;
    m.location = cfg_.location;
    m.organizer = organizer_;
    for (const Person* p : attendees())
      m.attendees.push_back(addressee_of(*p));
    return m;
  }

  Intent intent(std::string rule, std::string occurrence, Instant planned, Message msg) const {
    Intent i;
    i.rule = std::move(rule);
    i.occurrence = std::move(occurrence);
    i.planned = planned;
    i.not_before = planned;
    i.message = std::move(msg);
    i.message.late = in_.now - planned > kLateAfter;
    return i;
  }

  /// The group channels and every participant on their own channels.
  /// The group channels and every participant; `shown` is the meeting whose time the text
  /// gives (none: no time in it).
  void to_everyone(const std::string& rule, const std::string& occurrence, Instant planned,
                   const Message& msg, const MeetingOccurrence* shown) {
    Intent group = intent(rule, occurrence, planned, msg);
    group.recipient_kind = RecipientKind::group;
    group.recipient = "group";
    group.channels = route(in_.config.routing, RecipientKind::group, {});
    out_.intents.push_back(std::move(group));
    for (const Person* p : attendees()) {
      Message personal = msg;
      personal.to = {addressee_of(*p)};
      out_.intents.push_back(to_person(rule, occurrence, planned, *p, std::move(personal), shown));
    }
  }

  Intent to_person(const std::string& rule, const std::string& occurrence, Instant planned,
                   const Person& p, Message msg, const MeetingOccurrence* shown) const {
    // Someone in another zone reads the meeting's time in theirs as well.
    if (const date::time_zone* own = zone_of(p, in_.zone); shown && own != in_.zone)
      msg.text += "\n" + zone_note(*shown, in_.zone, own);
    Intent i = intent(rule, occurrence, planned, std::move(msg));
    i.recipient_kind = RecipientKind::person;
    i.person_id = p.id;
    i.recipient = p.name;
    i.channels = route(in_.config.routing, RecipientKind::person, p.name);
    if (i.message.to.empty())
      i.message.to = {addressee_of(p)};
    return i;
  }

  /// The participants, looked up on the first message to them: a run that sends nothing
  /// never walks the people.
  const std::vector<const Person*>& attendees() const {
    if (!attendees_)
      attendees_ = participants(cfg_, in_.ledger);
    return *attendees_;
  }

  void update_request(const MeetingOccurrence& occ, Instant at);
  void nudge(const MeetingOccurrence& occ, Instant requested, Instant at);
  void notice(const MeetingOccurrence& occ, Instant at);
  void summary(const MeetingOccurrence& occ, Instant at, bool enabled);
  void cancellation(const MeetingOccurrence& occ, const Announced& was, Instant planned);

  const PlanInput& in_;
  const config::MeetingConfig& cfg_;
  Instant from_;
  PlanOutput& out_;
  mutable std::optional<std::vector<const Person*>> attendees_;
  Addressee organizer_;
  std::vector<MeetingOccurrence> occs_;
};

void Run::update_request(const MeetingOccurrence& occ, Instant at) {
  const std::string occurrence = occ.key + "/" + format_instant_utc(at);
  const LocalDate sent_on = local_date(in_.zone, at);
  for (const auto& owner : open_items_by_owner(in_.ledger)) {
    auto person = in_.ledger.people.find(owner.owner_id);
    if (person == in_.ledger.people.end() || !person->second.active)
      continue;
    std::vector<MessageItem> items;
    for (const DeadlineItem* item : owner.items) {
      if (items.size() == kPersonItems)
        break;
      items.push_back(message_item(*item, in_.ledger));
    }
    auto text = render::update_request_text(person->second.name, items, owner.items.size(), occ,
                                            sent_on, in_.zone);
    Message msg;
    msg.kind = "update_request";
    msg.subject = std::move(text.subject);
    msg.text = std::move(text.text);
    msg.items = std::move(items);
    out_.intents.push_back(
        to_person("meeting.update_request", occurrence, at, person->second, std::move(msg), &occ));
  }
}

void Run::nudge(const MeetingOccurrence& occ, Instant requested, Instant at) {
  const std::string occurrence = occ.key + "/" + format_instant_utc(at);
  for (const auto& owner : open_items_by_owner(in_.ledger)) {
    auto person = in_.ledger.people.find(owner.owner_id);
    if (person == in_.ledger.people.end() || !person->second.active)
      continue;
    std::vector<MessageItem> items;
    std::size_t total = 0;
    for (const DeadlineItem* item : owner.items) {
      if (item->last_progress_at && *item->last_progress_at >= requested)
        continue;
      ++total;
      if (items.size() < kPersonItems)
        items.push_back(message_item(*item, in_.ledger));
    }
    if (total == 0)
      continue;
    auto text = render::nudge_text(person->second.name, items, total, occ, in_.zone);
    Message msg;
    msg.kind = "nudge";
    msg.subject = std::move(text.subject);
    msg.text = std::move(text.text);
    msg.items = std::move(items);
    out_.intents.push_back(
        to_person("meeting.nudge", occurrence, at, person->second, std::move(msg), &occ));
  }
}

void Run::notice(const MeetingOccurrence& occ, Instant at) {
  const auto agenda = agenda_for(occ);
  auto text = render::notice_text(agenda, occ, cfg_, in_.zone);
  Message msg;
  msg.kind = "meeting_notice";
  msg.subject = std::move(text.subject);
  msg.text = std::move(text.text);
  msg.items = agenda.red.items;
  msg.items.insert(msg.items.end(), agenda.yellow.items.begin(), agenda.yellow.items.end());
  msg.meeting = info(occ);
  to_everyone("meeting.notice", occ.key + "/seq" + std::to_string(occ.sequence), at, msg, &occ);
  out_.state_changes[std::string(kAnnounced) + occ.key] =
      encode(Announced{occ.sequence, occ.start, occ.end, false});
}

void Run::summary(const MeetingOccurrence& occ, Instant at, bool enabled) {
  if (state_value(in_.state, "meeting.last_key") == occ.key)
    return;
  if (enabled) {
    const auto agenda = agenda_for(occ);
    auto text = render::summary_text(agenda, occ, next_after(occ), in_.zone);
    Message msg;
    msg.kind = "meeting_summary";
    msg.subject = std::move(text.subject);
    msg.text = std::move(text.text);
    msg.items = agenda.closed_since.items;
    const auto next = next_after(occ);
    to_everyone("meeting.summary", occ.key, at, msg, next ? &*next : nullptr);
  }
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.6f",
                completion_rate(in_.ledger.measures_done, in_.ledger.measures_total));
  out_.state_changes["meeting.last_rate"] = rate;
  out_.state_changes["meeting.last_at"] = format_instant_utc(occ.end);
  out_.state_changes["meeting.last_key"] = occ.key;
}

void Run::cancellation(const MeetingOccurrence& occ, const Announced& was, Instant planned) {
  MeetingOccurrence shown = occ;
  shown.start = was.start;
  shown.end = was.end;
  shown.cancelled = true;
  shown.sequence = std::max(occ.sequence, was.sequence + 1);
  auto text = render::cancellation_text(shown, cfg_, in_.zone);
  Message msg;
  msg.kind = "meeting_cancelled";
  msg.subject = std::move(text.subject);
  msg.text = std::move(text.text);
  msg.meeting = info(shown);
  to_everyone("meeting.cancel", occ.key + "/cancel", planned, msg, &shown);
  out_.state_changes[std::string(kAnnounced) + occ.key] =
      encode(Announced{shown.sequence, was.start, was.end, true});
}

void Run::go() {
  const Instant now = in_.now;
  const Instant earliest = std::max(from_, now - date::days{400});
  LocalDate lo = local_date(in_.zone, earliest) - kLookBehind;
  LocalDate hi = local_date(in_.zone, now) + kLookAhead;
  // A meeting moved into the range from a week outside it still belongs to its week.
  const LocalDate lo0 = lo;
  const LocalDate hi0 = hi;
  for (const auto& o : in_.ledger.meeting_overrides) {
    if (!o.new_start)
      continue;
    const LocalDate d = local_date(in_.zone, *o.new_start);
    if (d >= lo0 && d <= hi0) {
      lo = std::min(lo, o.week_of - date::days{7});
      hi = std::max(hi, o.week_of + date::days{7});
    }
  }
  occs_ = meeting_occurrences(cfg_, in_.calendar, in_.zone, in_.ledger.meeting_overrides, lo, hi);

  std::set<std::string> seen;
  for (const auto& occ : occs_) {
    seen.insert(occ.key);
    const auto was = [&]() -> std::optional<Announced> {
      auto v = state_value(in_.state, std::string(kAnnounced) + occ.key);
      return v ? decode(*v) : std::nullopt;
    }();

    if (occ.cancelled) {
      if (was && !was->cancelled && now < was->start)
        cancellation(occ, *was, now);
      continue;
    }

    const auto phases = meeting_phases(cfg_, in_.calendar, in_.zone, occ);
    Instant requested = occ.start;
    for (const auto& ph : phases) {
      switch (ph.phase) {
        case MeetingPhase::update_request:
          requested = ph.at;
          if (ph.enabled && due(ph.at) && now < occ.start)
            update_request(occ, ph.at);
          break;
        case MeetingPhase::nudge:
          if (ph.enabled && due(ph.at) && now < occ.start)
            nudge(occ, requested, ph.at);
          break;
        case MeetingPhase::notice: {
          const std::string request = notice_request_key(occ.key);
          const bool asked_now = state_value(in_.state, request).has_value();
          if (asked_now)
            out_.state_changes[request] = "";
          if ((!ph.enabled && !asked_now) || now >= occ.start)
            break;
          if (was && (was->cancelled || was->sequence != occ.sequence || was->start != occ.start ||
                      was->end != occ.end)) {
            notice(occ, now);  // changed after it was announced: tell everyone at once
          } else if (!was && ph.at <= now) {
            notice(occ, ph.at);
          } else if (!was && asked_now) {
            notice(occ, now);  // the office asked for it now
          }
          break;
        }
        case MeetingPhase::summary:
          if (in_window(ph.at))
            summary(occ, ph.at, ph.enabled && due(ph.at));
          break;
      }
      if (ph.enabled || ph.phase == MeetingPhase::summary)
        wake_at(ph.at);
    }
  }

  // Announced occurrences that no longer exist (the calendar changed, meetings were switched
  // off): cancel those still ahead, forget old records.
  for (auto it = in_.state.lower_bound(std::string(kAnnounced));
       it != in_.state.end() && it->first.starts_with(kAnnounced); ++it) {
    const std::string key = it->first.substr(kAnnounced.size());
    const auto was = decode(it->second);
    if (!was || was->end < now - kForgetAfter) {
      if (!it->second.empty())
        out_.state_changes[it->first] = "";
      continue;
    }
    if (seen.contains(key) || was->cancelled || now >= was->start)
      continue;
    MeetingOccurrence gone;
    gone.key = key;
    gone.uid = "meeting-" + key + "@rectifyd";
    gone.day = local_date(in_.zone, was->start);
    gone.regular = gone.day;
    gone.start = was->start;
    gone.end = was->end;
    gone.sequence = was->sequence + 1;
    gone.cancelled = true;
    cancellation(gone, *was, now);
  }
}

}  // namespace

std::string_view to_string(MeetingPhase p) {
  switch (p) {
    case MeetingPhase::update_request:
      return "update_request";
    case MeetingPhase::nudge:
      return "nudge";
    case MeetingPhase::notice:
      return "notice";
    case MeetingPhase::summary:
      return "summary";
  }
  return "notice";
}

std::optional<LocalDate> regular_meeting_day(const config::MeetingConfig& cfg,
                                             const Calendar& calendar, LocalDate any_day) {
  if (!cfg.enabled)
    return std::nullopt;
  const LocalDate monday = monday_of(any_day);
  const LocalDate sunday = monday + date::days{6};
  const LocalDate nominal = monday + (cfg.weekday - date::Monday);
  if (calendar.is_workday(nominal))
    return nominal;
  switch (cfg.non_workday) {
    case config::NonWorkdayRule::previous_workday_same_week:
      for (LocalDate d = nominal; d > monday;) {
        d -= date::days{1};
        if (calendar.is_workday(d))
          return d;
      }
      return std::nullopt;
    case config::NonWorkdayRule::next_workday_same_week:
      for (LocalDate d = nominal; d < sunday;) {
        d += date::days{1};
        if (calendar.is_workday(d))
          return d;
      }
      return std::nullopt;
    case config::NonWorkdayRule::skip:
      return std::nullopt;
  }
  return std::nullopt;
}

std::vector<MeetingOccurrence> meeting_occurrences(const config::MeetingConfig& cfg,
                                                   const Calendar& calendar,
                                                   const date::time_zone* zone,
                                                   const std::vector<MeetingOverride>& overrides,
                                                   LocalDate first, LocalDate last) {
  std::vector<MeetingOccurrence> occs;
  if (!cfg.enabled || last < first)
    return occs;
  for (LocalDate monday = monday_of(first); monday <= last; monday += date::days{7}) {
    const auto day = regular_meeting_day(cfg, calendar, monday);
    if (!day || *day < first || *day > last)
      continue;
    MeetingOccurrence o;
    o.key = format_date(*day);
    o.uid = "meeting-" + o.key + "@rectifyd";
    o.regular = *day;
    o.day = *day;
    o.start = resolve_local(zone, *day, cfg.start);
    o.end = o.start + cfg.duration;
    occs.push_back(std::move(o));
  }

  std::vector<const MeetingOverride*> ordered;
  for (const auto& o : overrides)
    ordered.push_back(&o);
  std::sort(ordered.begin(), ordered.end(),
            [](const MeetingOverride* a, const MeetingOverride* b) { return a->id < b->id; });

  std::vector<MeetingOccurrence> added;
  for (const MeetingOverride* o : ordered) {
    if (o->action != MeetingOverrideAction::add || !o->new_start)
      continue;
    if (o->week_of < first || o->week_of > last)
      continue;
    MeetingOccurrence a;
    a.key = "add-" + std::to_string(o->id);
    a.uid = "meeting-" + a.key + "@rectifyd";
    a.regular = o->week_of;
    a.start = *o->new_start;
    a.end = a.start + cfg.duration;
    a.added = true;
    a.note = o->note;
    added.push_back(std::move(a));
  }

  for (const MeetingOverride* o : ordered) {
    if (o->action == MeetingOverrideAction::add)
      continue;
    MeetingOccurrence* target = nullptr;
    for (auto& a : added) {
      if (a.regular == o->week_of)
        target = &a;
    }
    if (!target) {
      const LocalDate monday = monday_of(o->week_of);
      for (auto& r : occs) {
        if (monday_of(r.regular) == monday)
          target = &r;
      }
    }
    if (!target)
      continue;
    if (o->action == MeetingOverrideAction::move) {
      if (!o->new_start)
        continue;
      target->start = *o->new_start;
      target->end = target->start + cfg.duration;
      target->moved = true;
      target->cancelled = false;
    } else {
      target->cancelled = true;
    }
    ++target->sequence;
    target->note = o->note;
  }

  occs.insert(occs.end(), std::make_move_iterator(added.begin()),
              std::make_move_iterator(added.end()));
  for (auto& o : occs)
    o.day = local_date(zone, o.start);
  std::stable_sort(
      occs.begin(), occs.end(),
      [](const MeetingOccurrence& a, const MeetingOccurrence& b) { return a.start < b.start; });
  return occs;
}

std::vector<PhaseTime> meeting_phases(const config::MeetingConfig& cfg, const Calendar& calendar,
                                      const date::time_zone* zone, const MeetingOccurrence& occ) {
  std::vector<PhaseTime> out;
  const LocalDate request_day = calendar.add_workdays(occ.day, -cfg.update_request.workdays_before);
  const Instant request = resolve_local(zone, request_day, cfg.update_request.at);
  if (request < occ.start)
    out.push_back(PhaseTime{MeetingPhase::update_request, request, cfg.update_request.enabled});
  const Instant nudge = resolve_local(zone, occ.day, cfg.nudge.at);
  if (nudge < occ.start && nudge > request)
    out.push_back(PhaseTime{MeetingPhase::nudge, nudge, cfg.nudge.enabled});
  out.push_back(PhaseTime{MeetingPhase::notice, occ.start - cfg.notice.before, cfg.notice.enabled});
  out.push_back(
      PhaseTime{MeetingPhase::summary, occ.end + cfg.summary.after_end, cfg.summary.enabled});
  return out;
}

void plan_meetings(const PlanInput& in, Instant from, PlanOutput& out) {
  Run(in, from, out).go();
}

}  // namespace rectifyd::plan
