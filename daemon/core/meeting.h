#pragma once
// The plain values of a progress meeting that the planner makes and render/ puts into words:
// one occurrence of the weekly meeting, and its agenda. No rules here: plan/meetings.h and
// plan/agenda.h make them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/message.h"
#include "core/model.h"

namespace rectifyd {

/// One occurrence of the weekly meeting, after holiday moves and the office's changes.
struct MeetingOccurrence {
  std::string key;      ///< "2026-12-04" or "add-7"
  std::string uid;      ///< "meeting-2026-12-04@rectifyd"
  LocalDate regular{};  ///< the regular date of its week, or the added day
  LocalDate day{};      ///< the day it is held, in the unit's zone
  Instant start{};
  Instant end{};
  int sequence = 0;
  bool moved = false;
  bool added = false;
  bool cancelled = false;
  std::string note;  ///< the latest override's note
  bool operator==(const MeetingOccurrence&) const = default;
};

struct AgendaSection {
  std::int64_t count = 0;          ///< every item that belongs here
  std::vector<MessageItem> items;  ///< the first `limit` of them
  bool operator==(const AgendaSection&) const = default;
};

/// A meeting's agenda as plan::build_agenda makes it.
struct Agenda {
  LocalDate today{};
  std::optional<LocalDate> next_meeting;
  std::int64_t total = 0;
  std::int64_t done = 0;
  double rate = 0;                    ///< percent, rounded to one decimal
  std::optional<double> rate_change;  ///< percentage points since the last meeting, one decimal
  std::optional<Instant> since;       ///< the last meeting's end, when known
  AgendaSection red;
  AgendaSection yellow;
  AgendaSection due_before_next;
  AgendaSection closed_since;
  AgendaSection pending_extensions;
  AgendaSection undated;
  bool operator==(const Agenda&) const = default;
};

}  // namespace rectifyd
