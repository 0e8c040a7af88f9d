#include "plan/planner.h"

#include <algorithm>
#include <cassert>
#include <deque>
#include <span>
#include <utility>

#include <date/iso_week.h>

#include "core/dates.h"
#include "plan/colour.h"
#include "plan/deadlines.h"
#include "plan/meetings.h"
#include "plan/obligations.h"
#include "plan/routing.h"
#include "plan/working_hours.h"
#include "render/deadline_text.h"
#include "time/zone.h"

namespace rectifyd::plan {
namespace {

using render::DeadlineLine;

/// A message planned this much before the run that sends it is marked late (【补发】).
constexpr std::chrono::minutes kLateAfter{10};

std::optional<Instant> state_instant(const ScheduleState& state, const std::string& key) {
  auto it = state.find(key);
  if (it == state.end())
    return std::nullopt;
  return parse_instant(it->second);
}

std::string iso_week_of(LocalDate d) {
  const iso_week::year_weeknum_weekday w{d};
  const auto week = static_cast<unsigned>(w.weeknum());
  return std::to_string(static_cast<int>(w.year())) + "-W" + (week < 10 ? "0" : "") +
         std::to_string(week);
}

bool alerts_owner(const DeadlineItem& item) {
  // done_reported: the owner says it is done and the office verifies it; the owner is not
  // alerted any more, the agenda keeps listing it.
  return item.status == MeasureStatus::open || item.status == MeasureStatus::in_progress;
}

/// One person's (or the office's) share of a run.
struct Digest {
  std::vector<std::pair<const DeadlineItem*, render::DeadlineEntry>> entries;
  Instant planned_max{};
  std::optional<Instant> late_since;  ///< the earliest late entry's planned instant
};

/// The deadline events as one zone's clock sees them: the unit's, or that of people with
/// their own zone. Each pass delivers only to recipients in its zone.
struct ZonePass {
  const date::time_zone* zone = nullptr;
  Window window;
  NextEvent next;
  bool done = false;  ///< no later due date can fire or wake anything in this zone
};

class DeadlinePlanner {
 public:
  DeadlinePlanner(const PlanInput& in, Instant from) : in_(in), rule_(deadline_rule(in.config)) {
    passes_.push_back(ZonePass{in.zone, make_window(in.zone, from, in.now), {}, false});
    for (const auto& name : in.ledger.person_zones) {
      auto zone = find_zone(name);
      if (!zone || *zone == in.zone ||
          std::any_of(passes_.begin(), passes_.end(),
                      [&](const ZonePass& p) { return p.zone == *zone; }))
        continue;
      passes_.push_back(ZonePass{*zone, make_window(*zone, from, in.now), {}, false});
    }
  }

  void run() {
    for (const auto& [due, items] : in_.ledger.open_by_due) {
      bool any = false;
      for (auto& pass : passes_) {
        if (pass.done)
          continue;
        if (due >= pass.window.to_day) {
          // Future due dates: their first event is their first reminder, later for later dates.
          const LocalDate first = first_reminder_day(rule_, in_.calendar, due);
          if (first > pass.window.to_day && !pass.next.could_improve(first, rule_.reminder_at)) {
            pass.done = true;
            continue;
          }
        }
        any = true;
        group_items(due, {items.data(), items.size()}, rule_, pass);
      }
      if (!any)
        break;
    }
    const LocalDate first =
        std::min_element(passes_.begin(), passes_.end(), [](const auto& a, const auto& b) {
          return a.window.from_day < b.window.from_day;
        })->window.from_day;
    const LocalDate last =
        std::max_element(passes_.begin(), passes_.end(), [](const auto& a, const auto& b) {
          return a.window.to_day < b.window.to_day;
        })->window.to_day;
    // Obligations: each occurrence is reminded on its own lead time and on its due day. The
    // events of one due date and lead time are found once for all the rules that share them,
    // and an occurrence becomes a deadline item only when one of them falls in the window.
    obligations_ = obligations_due(in_.ledger, in_.calendar, first - kObligationFollowUp, last);
    obligation_items_.assign(obligations_.size(), {});
    for (auto& pass : passes_) {
      for (std::size_t g = 0; g < obligations_.size(); ++g) {
        const ObligationsDue& group = obligations_[g];
        lead_hits_.clear();
        for (std::size_t i = 0; i < group.rules.size(); ++i) {
          const LeadHits& lead = hits_for(group.rules[i]->lead_workdays, group.due, pass);
          if (lead.hits.empty())
            continue;
          auto& items = obligation_items_[g];
          if (items.empty()) {
            items.reserve(group.rules.size());
            for (const ObligationRule* ob : group.rules)
              items.push_back(obligation_item(*ob, group.due));
          }
          for (const auto& hit : lead.hits)
            deliver(items[i], group.due, hit, lead.rule, pass.zone);
        }
      }
    }
    finish();
  }

  /// The earliest deadline event after now, in any zone.
  std::optional<Instant> next_wake() const {
    std::optional<Instant> best;
    for (const auto& pass : passes_) {
      if (auto t = pass.next.instant(pass.zone); t && (!best || *t < *best))
        best = t;
    }
    return best;
  }

  std::map<Id, Digest>& person_digests() { return persons_; }
  Digest& office_digest() { return office_; }
  std::vector<render::MissedEntry>& missed() { return missed_; }

 private:
  void group_items(LocalDate due, std::span<const DeadlineItem> items, const DeadlineRule& rule,
                   ZonePass& pass) {
    if (std::none_of(items.begin(), items.end(), alerts_owner))
      return;
    hits_.clear();
    deadline_events(rule, in_.calendar, pass.zone, due, pass.window, hits_, pass.next);
    for (const auto& hit : hits_) {
      for (const auto& item : items) {
        if (alerts_owner(item))
          deliver(item, due, hit, rule, pass.zone);
      }
    }
  }

  /// An obligation lead time's rule and its events for one due date in one pass.
  struct LeadHits {
    int lead = 0;
    DeadlineRule rule;
    std::vector<DeadlineHit> hits;
  };

  /// The events of `lead` for `due` in this pass, found on first use (lead_hits_ holds the
  /// lead times of the due date in hand).
  const LeadHits& hits_for(int lead, LocalDate due, ZonePass& pass) {
    for (const auto& l : lead_hits_) {
      if (l.lead == lead)
        return l;
    }
    LeadHits& l = lead_hits_.emplace_back();
    l.lead = lead;
    l.rule = with_leads(rule_, {lead, 0});
    deadline_events(l.rule, in_.calendar, pass.zone, due, pass.window, l.hits, pass.next);
    return l;
  }

  /// The chiefs, looked up once per run (on the first escalation to them).
  const std::vector<const Person*>& chiefs() {
    if (!chiefs_)
      chiefs_ = people_with_role(in_.ledger.people, Role::chief);
    return *chiefs_;
  }

  const Person* person(std::optional<Id> id) const {
    if (!id)
      return nullptr;
    auto it = in_.ledger.people.find(*id);
    if (it == in_.ledger.people.end() || !it->second.active)
      return nullptr;
    return &it->second;
  }

  /// True when `p`'s messages follow `zone` (the office's, p null, follow the unit's).
  bool in_zone(const Person* p, const date::time_zone* zone) const {
    if (p == nullptr || p->time_zone.empty())
      return zone == in_.zone;
    return zone_of(*p, in_.zone) == zone;
  }

  void deliver(const DeadlineItem& item, LocalDate due, const DeadlineHit& hit,
               const DeadlineRule& rule, const date::time_zone* zone) {
    const Person* owner = person(item.owner_id);
    const Person* leader = person(item.leader_id);
    DeadlineLine kind = DeadlineLine::upcoming;
    switch (hit.event) {
      case DeadlineEvent::reminder:
        kind = hit.day == due ? DeadlineLine::due_today : DeadlineLine::upcoming;
        break;
      case DeadlineEvent::overdue:
        kind = DeadlineLine::overdue;
        break;
      case DeadlineEvent::escalate_leader:
        kind = DeadlineLine::escalate_leader;
        break;
      case DeadlineEvent::escalate_chief:
        kind = DeadlineLine::escalate_chief;
        break;
    }

    // Who is told, in this zone; the office (null) is told in the unit's zone.
    targets_.clear();
    auto tell = [&](const Person* p) {
      if (in_zone(p, zone))
        targets_.push_back(p);
    };
    switch (kind) {
      case DeadlineLine::upcoming:
      case DeadlineLine::due_today:
      case DeadlineLine::overdue:
        tell(owner);
        break;
      case DeadlineLine::escalate_leader:
        if (leader == nullptr)
          tell(nullptr);  // no leader on record: the office is told instead
        else if (leader != owner)
          tell(leader);
        break;
      case DeadlineLine::escalate_chief:
        for (const Person* chief : chiefs()) {
          if (chief != owner)
            tell(chief);
        }
        tell(nullptr);
        break;
    }
    if (targets_.empty())
      return;

    render::DeadlineEntry e;
    e.kind = kind;
    e.measure_id = item.measure_id;
    e.label = item.label;
    e.text = item.text;
    if (owner)
      e.owner = owner->name;
    if (leader)
      e.leader = leader->name;
    e.due = due;
    e.workdays = hit.workdays;
    e.colour = std::string(
        to_string(colour_of(in_.calendar, due, hit.day, in_.config.deadlines.yellow_within_workdays,
                            item.progress, item.planned_progress)));
    if (e.kind == DeadlineLine::escalate_leader || e.kind == DeadlineLine::escalate_chief) {
      e.owner_told = first_overdue_day(in_.calendar, due);
      if (e.kind == DeadlineLine::escalate_chief)
        e.leader_told = leader_told_day(rule, in_.calendar, due);
    }
    for (const Person* p : targets_)
      to(p, item, hit, e);
  }

  /// Adds the entry to a person's digest (the office's when `p` is null), or records it as
  /// missed when it was planned longer ago than the catch-up grace.
  void to(const Person* p, const DeadlineItem& item, const DeadlineHit& hit,
          const render::DeadlineEntry& e) {
    if (hit.at < in_.now - in_.config.schedule.catch_up_grace) {
      // The office reads the summary in the unit's zone, whoever's clock the entry followed.
      missed_.push_back({local_date(in_.zone, hit.at), local_time_of_day(in_.zone, hit.at),
                         p ? p->name : std::string("领导小组办公室"), e.kind, e.label, e.text});
      return;
    }
    Digest& d = p ? persons_[p->id] : office_;
    d.entries.emplace_back(&item, e);
    d.planned_max = std::max(d.planned_max, hit.at);
    if (in_.now - hit.at > kLateAfter && (!d.late_since || hit.at < *d.late_since))
      d.late_since = hit.at;
  }

  /// One entry per item and digest: the most pressing (a catch-up window may hold several
  /// events of one item), listed by due date within its section.
  static void settle(Digest& d) {
    auto& v = d.entries;
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      if (a.first != b.first)
        return a.first < b.first;
      return a.second.kind < b.second.kind;
    });
    v.erase(std::unique(v.begin(), v.end(),
                        [](const auto& a, const auto& b) { return a.first == b.first; }),
            v.end());
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      if (a.second.kind != b.second.kind)
        return a.second.kind < b.second.kind;
      if (a.second.due != b.second.due)
        return a.second.due < b.second.due;
      if (a.second.label != b.second.label)
        return a.second.label < b.second.label;
      return a.second.text < b.second.text;
    });
  }

  void finish() {
    for (auto& [id, d] : persons_)
      settle(d);
    settle(office_);
  }

  const PlanInput& in_;
  DeadlineRule rule_;
  std::vector<ZonePass> passes_;
  std::vector<DeadlineHit> hits_;
  std::vector<ObligationsDue> obligations_;
  /// The deadline items of obligations_[g], made when one of them has an event; the digests
  /// point into them.
  std::vector<std::vector<DeadlineItem>> obligation_items_;
  std::deque<LeadHits> lead_hits_;
  std::vector<const Person*> targets_;
  std::map<Id, Digest> persons_;
  Digest office_;
  std::vector<render::MissedEntry> missed_;
  std::optional<std::vector<const Person*>> chiefs_;
};

std::vector<Addressee> office_addressees(const LedgerView& ledger) {
  std::vector<Addressee> to;
  for (const Person* p : people_with_role(ledger.people, Role::office))
    to.push_back(addressee_of(*p));
  return to;
}

class IntentBuilder {
 public:
  IntentBuilder(const PlanInput& in, PlanOutput& out) : in_(in), out_(out) {}

  /// The office's people as addressees, looked up once per run.
  const std::vector<Addressee>& office() {
    if (!office_)
      office_ = office_addressees(in_.ledger);
    return *office_;
  }

  void deadline_digest(const Person* p, Digest& d) {
    if (d.entries.empty())
      return;
    render::DeadlineDigest digest;
    digest.recipient = p ? p->name : std::string();
    digest.unit_name = in_.config.unit.name;
    digest.entries.reserve(d.entries.size());
    for (auto& [item, e] : d.entries)
      digest.entries.push_back(std::move(e));
    if (d.late_since) {
      digest.late = true;
      const date::time_zone* zone = p ? zone_of(*p, in_.zone) : in_.zone;
      digest.planned_day = local_date(zone, *d.late_since);
      digest.planned_at = local_time_of_day(zone, *d.late_since);
    }
    Intent intent;
    intent.rule = "deadline";
    intent.occurrence = format_instant_utc(d.planned_max);
    intent.planned = d.planned_max;
    intent.message = render::render_deadline_digest(digest);
    if (p) {
      intent.message.to.push_back(addressee_of(*p));
      add(std::move(intent), RecipientKind::person, p);
    } else {
      intent.message.to = office();
      add(std::move(intent), RecipientKind::office, nullptr);
    }
  }

  /// Fills in recipient, channels and the send time, and appends the intent.
  void add(Intent intent, RecipientKind kind, const Person* p) {
    intent.recipient_kind = kind;
    if (p) {
      intent.person_id = p->id;
      intent.recipient = p->name;
    } else {
      intent.recipient = kind == RecipientKind::group ? "group" : "office";
    }
    intent.channels = route(in_.config.routing, kind, intent.recipient);
    // Working hours by the reader's clock, on the unit's working days.
    intent.not_before = defer_into_working_hours(in_.config.working_hours, in_.calendar,
                                                 p ? zone_of(*p, in_.zone) : in_.zone,
                                                 std::max(intent.planned, in_.now));
    out_.intents.push_back(std::move(intent));
  }

 private:
  const PlanInput& in_;
  PlanOutput& out_;
  std::optional<std::vector<Addressee>> office_;
};

std::string local_text(const date::time_zone* zone, Instant t) {
  return format_date_zh(local_date(zone, t)) +
         render::format_time_of_day(local_time_of_day(zone, t));
}

void missed_summary(const PlanInput& in, const Window& window,
                    std::vector<render::MissedEntry>& missed, IntentBuilder& builder) {
  if (missed.empty())
    return;
  std::stable_sort(missed.begin(), missed.end(), [](const auto& a, const auto& b) {
    return std::pair{a.day, a.at} < std::pair{b.day, b.at};
  });
  Intent intent;
  intent.rule = "missed";
  intent.occurrence = format_instant_utc(window.from);
  intent.planned = in.now;
  intent.message = render::render_missed_summary(
      missed, local_text(in.zone, window.from), local_text(in.zone, in.now),
      in.config.schedule.catch_up_grace, in.config.unit.name);
  intent.message.to = builder.office();
  builder.add(std::move(intent), RecipientKind::office, nullptr);
}

/// Tells the office once a week, on the first working day at reminder_at, that the calendar
/// ends within the warning period.
void calendar_warning(const PlanInput& in, const Window& window, IntentBuilder& builder,
                      PlanOutput& out, NextEvent& next) {
  const LocalDate today = window.to_day;
  const int days = in.config.calendar.coverage_warning_days;
  const auto at = in.config.deadlines.reminder_at;
  const auto uncovered = in.calendar.first_uncovered(today, days);
  if (!uncovered) {
    // Wake when the end of the calendar comes within the warning period.
    if (auto later = in.calendar.first_uncovered(today, days + 400))
      next.offer(in.calendar.next_workday(*later - date::days{days - 1}), at);
    return;
  }
  const std::string week = iso_week_of(today);
  if (auto it = in.state.find(std::string(kCalendarWarningKey));
      it != in.state.end() && it->second == week) {
    const LocalDate next_monday =
        today + date::days{8 - date::weekday{today}.iso_encoding()};  // Monday of next week
    next.offer(in.calendar.next_workday(next_monday), at);
    return;
  }
  const LocalDate day = in.calendar.next_workday(today);
  const Instant planned = resolve_local(in.zone, day, at);
  if (day != today || planned > in.now) {
    next.offer(planned);
    return;
  }
  Intent intent;
  intent.rule = "calendar_warning";
  intent.occurrence = week;
  intent.planned = planned;
  intent.message = render::render_calendar_warning(*uncovered, in.config.unit.name);
  intent.message.to = builder.office();
  builder.add(std::move(intent), RecipientKind::office, nullptr);
  out.state_changes[std::string(kCalendarWarningKey)] = week;
  const LocalDate next_monday = today + date::days{8 - date::weekday{today}.iso_encoding()};
  next.offer(in.calendar.next_workday(next_monday), at);
}

}  // namespace

std::vector<std::string> person_zones_of(const std::map<Id, Person>& people) {
  std::vector<std::string> zones;
  for (const auto& [id, p] : people) {
    if (!p.time_zone.empty())
      zones.push_back(p.time_zone);
  }
  std::sort(zones.begin(), zones.end());
  zones.erase(std::unique(zones.begin(), zones.end()), zones.end());
  return zones;
}

namespace {
/// Appends `part` with every byte outside printable ASCII, and '%' itself, written as %XX: a
/// key is sent as an HTTP header value, which receivers read as Latin-1 (or reject).
void append_ascii(std::string& out, std::string_view part) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char ch : part) {
    const auto c = static_cast<unsigned char>(ch);
    if (c > 0x20 && c < 0x7f && c != '%') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
}
}  // namespace

std::string recipient_key(const Intent& intent) {
  if (intent.person_id)
    return "p" + std::to_string(*intent.person_id);
  switch (intent.recipient_kind) {
    case RecipientKind::group:
      return "group";
    case RecipientKind::office:
      return "office";
    case RecipientKind::person:
      break;
  }
  return intent.recipient;  // a person without an id (none the planner makes): by name
}

Instant first_start_from(const date::time_zone* zone, Instant now) {
  // One second before midnight, so that something planned at 00:00 is inside (from, now].
  return std::min(now, resolve_local(zone, local_date(zone, now), std::chrono::minutes{0}) -
                           std::chrono::seconds{1});
}

std::string idempotency_key(const Intent& intent, const std::string& channel) {
  std::string key;
  key.reserve(intent.rule.size() + intent.occurrence.size() + channel.size() + 16);
  append_ascii(key, intent.rule);
  key += '/';
  append_ascii(key, intent.occurrence);
  key += '/';
  append_ascii(key, recipient_key(intent));
  key += '/';
  append_ascii(key, channel);
  return key;
}

PlanOutput plan(const PlanInput& in) {
  // A view whose person_zones misses someone's zone would time that person by the unit's
  // clock without a word; debug builds check it.
  assert(in.ledger.person_zones == person_zones_of(in.ledger.people));
  PlanOutput out;
  // The window this run covers: (last run, now]. The first run ever (a fresh database) covers
  // today from midnight in the unit's zone, as if the daemon had been down since then: what
  // today planned before now is caught up like after any downtime. A clock set back covers
  // nothing until it passes the last run again.
  const auto last_run = state_instant(in.state, std::string(kLastRunKey));
  const Instant from = last_run ? std::min(*last_run, in.now) : first_start_from(in.zone, in.now);
  const Window window = make_window(in.zone, from, in.now);
  NextEvent next;

  DeadlinePlanner deadlines(in, from);
  deadlines.run();
  IntentBuilder builder(in, out);
  for (auto& [id, digest] : deadlines.person_digests())
    builder.deadline_digest(&in.ledger.people.at(id), digest);
  builder.deadline_digest(nullptr, deadlines.office_digest());
  missed_summary(in, window, deadlines.missed(), builder);
  calendar_warning(in, window, builder, out, next);

  out.next_wake = next.instant(in.zone);
  if (auto t = deadlines.next_wake(); t && (!out.next_wake || *t < *out.next_wake))
    out.next_wake = *t;
  plan_meetings(in, from, out);

  const Instant advanced = last_run ? std::max(*last_run, in.now) : in.now;
  out.state_changes[std::string(kLastRunKey)] = format_instant_utc(advanced);
  return out;
}

}  // namespace rectifyd::plan
