#pragma once
// The planner: a pure function of (config snapshot, calendar, ledger view, schedule state, now)
// → intents (what to tell whom), state changes, and the next wake time. No I/O, no clock:
// preview and tests run months of schedule with the same code the daemon uses.
//
// Model: every rule yields occurrences, each with a planned instant and a stable key. A run
// covers the window (state.last_run, now]: occurrences planned inside it fire; those older than
// the grace window are recorded as missed and summarised to the office; those late but within
// the grace window are sent once, marked late. Digest: one message per recipient per run.
//
// First start (no last_run: a fresh database): the window begins at midnight of today in the
// unit's zone, as if the daemon had been down since then. Every kind follows the same rule:
// today's reminders, alerts, escalations and meeting phases already past are sent once, marked
// late (within schedule.catch_up_grace; older ones are summarised to the office); nothing of
// earlier days is sent. A meeting notice for a meeting still ahead is sent whenever it has not
// been announced, first start or not.
//
// People with their own time zone (Person::time_zone): their deadline messages are planned at
// the configured local time of day in their zone, and deferred into working hours by their
// clock; the working days stay the unit's calendar. Everyone else, the office and the group
// channels follow the unit's zone.
//
// Deadlines (plan/deadlines.h) are reminded to the owner, alerted when overdue and escalated to
// the leader, then the chiefs and the office; obligations (plan/obligations.h) the same way;
// meetings (plan/meetings.h) add their phases. Messages outside working hours are deferred
// (Intent.not_before), never dropped.
//
// State keys written here: "last_run" (UTC instant, never moved backwards) and
// "calendar_warning.week" (the ISO week, "2026-W45", of the last calendar coverage warning).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "config/config.h"
#include "core/message.h"
#include "core/model.h"
#include "time/calendar.h"

namespace rectifyd::plan {

/// Something with a deadline: a measure, or one occurrence of a recurring obligation.
struct DeadlineItem {
  enum class Source { measure, obligation };
  Source source = Source::measure;
  Id measure_id = 0;
  Id recurrence_id = 0;  ///< obligation only
  LocalDate due{};       ///< the occurrence's due date for obligations
  std::string label;     ///< "问题3 措施二"
  std::string text;
  Id problem_id = 0;
  std::optional<Id> owner_id;
  std::optional<Id> leader_id;
  MeasureStatus status = MeasureStatus::open;
  int progress = 0;
  int planned_progress = 0;
  std::optional<Instant> last_progress_at;
  /// Obligations: their own lead time in working days (reminded then and on the due day);
  /// nullopt: the configured reminder lead times.
  std::optional<int> lead_workdays;
  bool operator==(const DeadlineItem&) const = default;
};

/// A recurring obligation rule attached to a measure (table recurrences).
struct ObligationRule {
  Id id = 0;
  Id measure_id = 0;
  std::string rule;  ///< grammar of plan/recurrence.h
  int lead_workdays = 3;
  std::string title;
  std::optional<LocalDate> starts;
  /// Of the measure it belongs to: who is reminded and who is told when it is overdue.
  std::string label;  ///< "问题3 措施二"
  Id problem_id = 0;
  std::optional<Id> owner_id;
  std::optional<Id> leader_id;
  bool operator==(const ObligationRule&) const = default;
};

enum class MeetingOverrideAction { move, cancel, add };

struct MeetingOverride {
  Id id = 0;
  LocalDate week_of{};  ///< the regular occurrence's date (move, cancel) or the added day
  MeetingOverrideAction action = MeetingOverrideAction::cancel;
  std::optional<Instant> new_start;
  std::string note;
  bool operator==(const MeetingOverride&) const = default;
};

/// What the planner reads of the ledger. Read by store/ledger_view_reader.h, kept between runs by
/// engine/ledger_view_cache.h.
struct LedgerView {
  std::map<Id, Person> people;
  /// The distinct non-empty Person::time_zone values of `people`, sorted (person_zones_of).
  /// The planner follows the clocks of these zones besides the unit's without walking the
  /// people; load_ledger_view fills it, a view built by hand must too.
  std::vector<std::string> person_zones;
  /// Open deadline items (status open, in_progress, done_reported) by due date: the planner
  /// touches due-date groups, not every measure, so a quiet wake costs little.
  std::map<LocalDate, std::vector<DeadlineItem>> open_by_due;
  /// Open items that have no due date (they get no reminders; the agenda lists them).
  std::vector<DeadlineItem> undated;
  std::vector<ObligationRule> obligations;
  /// Completed obligation occurrences: (recurrence id, due).
  std::vector<std::pair<Id, LocalDate>> completed_occurrences;
  std::vector<Extension> pending_extensions;
  std::vector<MeetingOverride> meeting_overrides;
  /// Measures closed (销号), with when: for "closed since the last meeting".
  std::vector<std::pair<Id, Instant>> closed_recently;
  /// Counts for the agenda's completion rate.
  std::int64_t measures_total = 0;
  std::int64_t measures_done = 0;            ///< closed + ongoing + not_applicable
  std::map<Id, std::string> measure_labels;  ///< labels for closed_recently and extensions
  /// Field for field: a view kept in memory must equal a fresh read (engine/ledger_view_cache.h).
  bool operator==(const LedgerView&) const = default;
};

/// The value of LedgerView::person_zones for these people.
std::vector<std::string> person_zones_of(const std::map<Id, Person>& people);

/// The planner's memory between runs, persisted as key → text in the schedule_state table.
using ScheduleState = std::map<std::string, std::string>;

inline constexpr std::string_view kLastRunKey = "last_run";
inline constexpr std::string_view kCalendarWarningKey = "calendar_warning.week";

struct PlanInput {
  const config::Config& config;
  const Calendar& calendar;
  const date::time_zone* zone;  ///< the unit's zone
  const LedgerView& ledger;
  const ScheduleState& state;
  Instant now;
};

enum class RecipientKind { person, group, office };

/// One decision: tell this recipient this message, on these channels, not before `not_before`.
struct Intent {
  std::string rule;        ///< "deadline", "meeting.notice", "calendar_warning"…
  std::string occurrence;  ///< which firing, e.g. "2026-12-04T01:00:00Z"
  RecipientKind recipient_kind = RecipientKind::person;
  std::optional<Id> person_id;
  std::string recipient;  ///< person name, "group" or "office"
  std::vector<std::string> channels;
  Instant planned{};     ///< when the rule meant it to go
  Instant not_before{};  ///< planned, deferred into working hours
  Message message;       ///< kind, subject, text, items…
};

struct PlanOutput {
  std::vector<Intent> intents;
  ScheduleState state_changes;  ///< keys to write (empty value: delete)
  std::optional<Instant> next_wake;
};

/// The recipient part of a key: "p<person id>", "group" or "office". Ids, not names: a
/// rename must not change the key of a message planned for the same person.
std::string recipient_key(const Intent& intent);

/// The idempotency key of one intent on one channel: rule/occurrence/recipient/channel, e.g.
/// "deadline/2026-12-04T01:00:00Z/p7/hook". Always printable ASCII (anything else in a part is
/// written %XX), since it is sent as the webhook-id and Idempotency-Key headers. Rows already
/// in the outbox keep the key they were written with.
std::string idempotency_key(const Intent& intent, const std::string& channel);

/// Where the window of the first run ever begins: just before midnight of `now`'s day in
/// `zone` (so an occurrence at 00:00 is inside it).
Instant first_start_from(const date::time_zone* zone, Instant now);

PlanOutput plan(const PlanInput& in);

}  // namespace rectifyd::plan
