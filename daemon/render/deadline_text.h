#pragma once
// The texts of deadline messages: reminders, overdue alerts, escalations, the catch-up summary
// of missed reminders and the calendar coverage warning. Chinese, short, each line saying what
// to do and by when. Pure functions of plain values: the planner decides, this only words it.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.h"
#include "core/model.h"

namespace rectifyd::render {

/// What one line of a digest tells its reader, in the order the digest lists the sections.
enum class DeadlineLine { escalate_chief, escalate_leader, overdue, due_today, upcoming };

/// One item named in a digest.
struct DeadlineEntry {
  DeadlineLine kind = DeadlineLine::upcoming;
  Id measure_id = 0;
  std::string label;  ///< "问题3 措施二"
  std::string text;   ///< the measure or obligation, shortened here
  std::string owner;  ///< empty: no owner assigned
  std::string leader;
  LocalDate due{};
  /// upcoming: working days left in (today, due]; overdue and escalations: working days overdue.
  int workdays = 0;
  std::string colour;  ///< green, yellow, red
  /// Escalations: when the owner was first alerted, and (chief) when the leader was told.
  std::optional<LocalDate> owner_told;
  std::optional<LocalDate> leader_told;
};

struct DeadlineDigest {
  std::string recipient;  ///< a person's name, or empty for the office
  std::vector<DeadlineEntry> entries;
  std::string unit_name;  ///< the signature
  /// Sent later than planned after downtime: the subject is prefixed "【补发】".
  bool late = false;
  LocalDate planned_day{};
  std::chrono::minutes planned_at{0};
};

/// The whole message (kind, subject, text, items); `to` is left for the caller.
/// kind: "escalation" when any escalation line, else "overdue" when any overdue line, else
/// "reminder".
Message render_deadline_digest(const DeadlineDigest& digest);

/// One reminder that was not sent because it was planned longer ago than the catch-up grace.
struct MissedEntry {
  LocalDate day{};
  std::chrono::minutes at{0};
  std::string recipient;
  DeadlineLine kind = DeadlineLine::upcoming;
  std::string label;
  std::string text;
};

/// The one message that tells the office which reminders the downtime swallowed.
/// `down_from` / `down_until` are local date and time texts ("11月30日（周一）18:00").
Message render_missed_summary(const std::vector<MissedEntry>& missed, const std::string& down_from,
                              const std::string& down_until, std::chrono::seconds grace,
                              const std::string& unit_name);

/// The weekly warning that the working-day calendar ends soon.
Message render_calendar_warning(LocalDate first_uncovered, const std::string& unit_name);

/// The first `max_chars` characters (UTF-8 code points) of text, with "…" when cut.
std::string shorten(std::string_view text, std::size_t max_chars);
/// "09:00".
std::string format_time_of_day(std::chrono::minutes t);
/// The Chinese name of a line kind: 到期提醒, 今日到期, 逾期提醒, 逾期督办, 逾期升级.
std::string_view kind_label_zh(DeadlineLine kind);

}  // namespace rectifyd::render
