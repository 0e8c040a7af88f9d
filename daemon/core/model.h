#pragma once
// The ledger's vocabulary: the four lists (problems, measures, owners, deadlines) and the people.
// Plain values; the store reads and writes them, the planner reads them.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

namespace rectifyd {

using Id = std::int64_t;
using LocalDate = date::local_days;        ///< a calendar date in the unit's zone
using Instant = std::chrono::sys_seconds;  ///< a moment, UTC
/// A moment to the millisecond, where whole seconds are too coarse: when a receiver answered,
/// so that "retry after 2 s" is counted from the answer, not from the start of its second.
using PreciseInstant = std::chrono::sys_time<std::chrono::milliseconds>;

enum class Role : unsigned { owner = 1, leader = 2, chief = 4, office = 8 };

/// A set of roles; a person may hold several (a leader is usually also an owner).
struct Roles {
  unsigned bits = 0;
  bool has(Role r) const { return (bits & static_cast<unsigned>(r)) != 0; }
  void add(Role r) { bits |= static_cast<unsigned>(r); }
  bool operator==(const Roles&) const = default;
};

struct Person {
  Id id = 0;
  std::string name;
  std::string title;
  std::string department;
  std::string email;
  std::string mobile;
  std::string wecom_id;
  std::string dingtalk_id;
  std::string feishu_id;
  Roles roles;
  std::string time_zone;  ///< empty: the unit's zone
  bool active = true;
  bool operator==(const Person&) const = default;
};

/// One inspection and the feedback that starts the rectification.
struct Round {
  Id id = 0;
  std::string name;
  std::optional<LocalDate> feedback_date;
  std::optional<LocalDate> plan_due;
  std::optional<LocalDate> report_due;
};

struct Category {
  Id id = 0;
  Id round_id = 0;
  int ordinal = 0;  ///< （一）→ 1
  std::string title;
};

struct Problem {
  Id id = 0;
  Id category_id = 0;
  int number = 0;  ///< 问题N
  std::string title;
  std::optional<Id> leader_id;
};

enum class MeasureStatus { open, in_progress, done_reported, closed, ongoing, not_applicable };

struct Measure {
  Id id = 0;
  Id problem_id = 0;
  int ordinal = 0;  ///< 一是 → 1
  std::string text;
  std::optional<Id> owner_id;
  std::optional<LocalDate> due;
  std::optional<LocalDate> original_due;  ///< set when an extension first moves the due date
  MeasureStatus status = MeasureStatus::open;
  std::string evidence;
  std::string na_reason;
  int planned_progress = 0;             ///< percent the plan expects by now, set by the office
  int progress = 0;                     ///< percent the owner reports
  int talks = 0;                        ///< 约谈 (person-times)
  int regulations = 0;                  ///< 制度 made or revised
  std::int64_t funds_returned_fen = 0;  ///< 清退资金, in fen (0.01 yuan)
  std::optional<Instant> last_progress_at;
  std::optional<Instant> closed_at;
  /// The unit's local day of closed_at: what 按期办结 compares with the due date.
  std::optional<LocalDate> closed_on;
};

struct ProgressUpdate {
  Id id = 0;
  Id measure_id = 0;
  Instant at{};
  std::string actor;
  int progress = 0;
  std::string note;
};

enum class ExtensionState { pending, approved, rejected };

struct Extension {
  Id id = 0;
  Id measure_id = 0;
  Instant requested_at{};
  std::string requested_by;
  LocalDate old_due{};
  LocalDate new_due{};
  std::string reason;
  ExtensionState state = ExtensionState::pending;
  std::optional<Instant> decided_at;
  std::string decided_by;
  bool operator==(const Extension&) const = default;
};

struct AuditEntry {
  Id id = 0;
  Instant at{};
  std::string actor;
  std::string action;  ///< e.g. "measure.close", "config.reload"
  std::string entity;  ///< e.g. "measure:12"
  std::string before;  ///< JSON or text, never a secret
  std::string after;
};

}  // namespace rectifyd
