#include "plan/agenda.h"

#include <cmath>
#include <map>

#include "core/dates.h"
#include "plan/colour.h"
#include "time/zone.h"

namespace rectifyd::plan {
namespace {

bool is_open(MeasureStatus s) {
  return s == MeasureStatus::open || s == MeasureStatus::in_progress ||
         s == MeasureStatus::done_reported;
}

std::string owner_name(const DeadlineItem& item, const LedgerView& ledger) {
  if (!item.owner_id)
    return {};
  auto it = ledger.people.find(*item.owner_id);
  return it == ledger.people.end() ? std::string{} : it->second.name;
}

std::string label_of(Id measure_id, const LedgerView& ledger) {
  auto it = ledger.measure_labels.find(measure_id);
  return it == ledger.measure_labels.end() ? "措施 #" + std::to_string(measure_id) : it->second;
}

void add(AgendaSection& section, std::size_t limit, MessageItem item) {
  ++section.count;
  if (section.items.size() < limit)
    section.items.push_back(std::move(item));
}

std::string date_zh_short(LocalDate d) {
  const date::year_month_day ymd{d};
  return std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(ymd.day())) + "日";
}

}  // namespace

double completion_rate(std::int64_t done, std::int64_t total) {
  if (total <= 0)
    return 0;
  return 100.0 * static_cast<double>(done) / static_cast<double>(total);
}

double round_one_decimal(double x) {
  return std::round(x * 10.0) / 10.0;
}

MessageItem message_item(const DeadlineItem& item, const LedgerView& ledger) {
  MessageItem m;
  m.measure_id = item.measure_id;
  m.label = item.label;
  m.text = item.text;
  m.owner = owner_name(item, ledger);
  if (item.due != LocalDate{})
    m.due = format_date(item.due);
  return m;
}

Agenda build_agenda(const AgendaInput& in) {
  Agenda a;
  a.today = in.today;
  a.next_meeting = in.next_meeting;
  a.total = in.ledger.measures_total;
  a.done = in.ledger.measures_done;
  const double exact = completion_rate(a.done, a.total);
  a.rate = round_one_decimal(exact);
  if (in.last_rate)
    a.rate_change = round_one_decimal(exact - *in.last_rate);
  a.since = in.last_at;

  const LocalDate horizon = in.next_meeting ? *in.next_meeting : in.today + date::days{7};
  const auto& cal = in.calendar;

  // open_by_due is ordered by due date, so the most overdue come first and each section's
  // first items are its most urgent.
  for (const auto& [due, items] : in.ledger.open_by_due) {
    if (due < in.today) {
      const int late = cal.workdays_between(due, in.today);
      const std::string note =
          late > 0 ? "逾期 " + std::to_string(late) + " 个工作日" : std::string("已逾期");
      for (const auto& item : items) {
        if (!is_open(item.status))
          continue;
        ++a.red.count;
        if (a.red.items.size() < in.limit) {
          auto m = message_item(item, in.ledger);
          m.colour = "red";
          m.note = note;
          a.red.items.push_back(std::move(m));
        }
      }
      continue;
    }
    const int left = cal.workdays_between(in.today, due);
    // The date part of the colour rule once per due date; progress per item.
    const bool due_soon =
        colour_of(cal, due, in.today, in.yellow_within_workdays, 0, 0) == Colour::yellow;
    for (const auto& item : items) {
      if (!is_open(item.status))
        continue;
      const bool behind = item.progress < item.planned_progress;
      if (due_soon || behind) {
        ++a.yellow.count;
        if (a.yellow.items.size() < in.limit) {
          auto m = message_item(item, in.ledger);
          m.colour = "yellow";
          std::string note = due == in.today ? "今天到期"
                                             : date_zh_short(due) + "到期，还剩 " +
                                                   std::to_string(left) + " 个工作日";
          if (behind) {
            note += "；进度 " + std::to_string(item.progress) + "%（计划 " +
                    std::to_string(item.planned_progress) + "%）";
          }
          m.note = std::move(note);
          a.yellow.items.push_back(std::move(m));
        }
      } else if (due <= horizon) {
        ++a.due_before_next.count;
        if (a.due_before_next.items.size() < in.limit) {
          auto m = message_item(item, in.ledger);
          m.colour = "green";
          m.note = date_zh_short(due) + "到期";
          a.due_before_next.items.push_back(std::move(m));
        }
      }
    }
  }

  for (const auto& item : in.ledger.undated) {
    if (!is_open(item.status))
      continue;
    auto m = message_item(item, in.ledger);
    m.note = "未定时限";
    add(a.undated, in.limit, std::move(m));
  }

  // Closed since the last meeting; without one, in the last seven days.
  const Instant since = in.last_at
                            ? *in.last_at
                            : std::chrono::time_point_cast<std::chrono::seconds>(
                                  date::sys_days{in.today.time_since_epoch()} - date::days{7});
  std::multimap<Instant, Id> closed;
  for (const auto& [id, at] : in.ledger.closed_recently) {
    if (at > since)
      closed.emplace(at, id);
  }
  for (const auto& [at, id] : closed) {
    MessageItem m;
    m.measure_id = id;
    m.label = label_of(id, in.ledger);
    m.colour = "green";
    m.note = date_zh_short(in.zone ? local_date(in.zone, at)
                                   : LocalDate{date::floor<date::days>(at).time_since_epoch()}) +
             "销号";
    add(a.closed_since, in.limit, std::move(m));
  }

  for (const auto& ext : in.ledger.pending_extensions) {
    if (ext.state != ExtensionState::pending)
      continue;
    MessageItem m;
    m.measure_id = ext.measure_id;
    m.label = label_of(ext.measure_id, in.ledger);
    m.owner = ext.requested_by;
    m.due = format_date(ext.old_due);
    m.note = "申请延期至" + date_zh_short(ext.new_due) + "（原" + date_zh_short(ext.old_due) + "）";
    if (!ext.reason.empty())
      m.note += "，理由：" + ext.reason;
    add(a.pending_extensions, in.limit, std::move(m));
  }
  return a;
}

std::vector<OwnerItems> open_items_by_owner(const LedgerView& ledger) {
  std::map<Id, std::vector<const DeadlineItem*>> by_owner;
  auto take = [&](const DeadlineItem& item) {
    if (item.source != DeadlineItem::Source::measure || !item.owner_id)
      return;
    if (item.status != MeasureStatus::open && item.status != MeasureStatus::in_progress)
      return;
    by_owner[*item.owner_id].push_back(&item);
  };
  for (const auto& [due, items] : ledger.open_by_due) {
    for (const auto& item : items)
      take(item);
  }
  for (const auto& item : ledger.undated)
    take(item);
  std::vector<OwnerItems> out;
  out.reserve(by_owner.size());
  for (auto& [id, items] : by_owner)
    out.push_back(OwnerItems{id, std::move(items)});
  return out;
}

}  // namespace rectifyd::plan
