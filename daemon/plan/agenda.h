#pragma once
// The agenda of a progress meeting, built from the ledger view at the moment it is sent. Pure:
// no I/O, no clock. Each section holds its full count and only its first `limit` items, most
// urgent first, so a ledger of a million measures costs one pass over the open items and a
// message stays readable.
//
// Colours as the agenda uses them, on `today`:
//   red     an open item whose due date has passed
//   yellow  not red, and due within `yellow_within_workdays` working days, or behind the
//           progress the plan expects (progress < planned_progress)
// "Due before the next meeting" lists items due up to and including the next meeting's day
// that are neither red nor yellow.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "core/meeting.h"
#include "core/message.h"
#include "core/model.h"
#include "plan/planner.h"
#include "time/calendar.h"

namespace rectifyd::plan {

using rectifyd::AgendaSection;

struct AgendaInput {
  const LedgerView& ledger;
  const Calendar& calendar;
  const date::time_zone* zone = nullptr;  ///< the unit's zone; UTC when null
  LocalDate today{};
  std::optional<LocalDate> next_meeting;  ///< the day of the meeting after this one
  std::optional<double> last_rate;        ///< completion rate (percent) at the last meeting
  std::optional<Instant> last_at;         ///< when the last meeting ended
  int yellow_within_workdays = 3;
  std::size_t limit = 20;
};

using rectifyd::Agenda;

Agenda build_agenda(const AgendaInput& in);

/// done / total in percent, unrounded; 0 when total is 0.
double completion_rate(std::int64_t done, std::int64_t total);

/// Rounds half away from zero to one decimal.
double round_one_decimal(double x);

/// The owners of open measures (open, in progress; not those reported done), each with their
/// items in order of due date (undated last). Obligation occurrences are not included: they
/// have no progress to update.
struct OwnerItems {
  Id owner_id = 0;
  std::vector<const DeadlineItem*> items;
};
std::vector<OwnerItems> open_items_by_owner(const LedgerView& ledger);

/// A MessageItem for one deadline item, with its owner's name and due date; no note.
MessageItem message_item(const DeadlineItem& item, const LedgerView& ledger);

}  // namespace rectifyd::plan
