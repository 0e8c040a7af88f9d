#include "render/deadline_text.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/dates.h"

namespace rectifyd::render {
namespace {

constexpr std::size_t kTextChars = 20;     ///< measure text shown in a line
constexpr std::size_t kMissedLines = 100;  ///< lines listed in the missed summary

std::string item_head(const DeadlineEntry& e) {
  std::string s = "· " + e.label;
  if (!e.text.empty())
    s += "「" + shorten(e.text, kTextChars) + "」";
  return s;
}

std::string owner_name(const DeadlineEntry& e) {
  return e.owner.empty() ? std::string("（未指定）") : e.owner;
}

std::string line_for(const DeadlineEntry& e) {
  const std::string due = format_date_zh(e.due);
  const std::string n = std::to_string(e.workdays);
  std::string s = item_head(e);
  switch (e.kind) {
    case DeadlineLine::upcoming:
      if (e.workdays > 0) {
        s += " 时限" + due + "，还剩" + n + "个工作日。请按期完成并在台账中更新进度。";
      } else {
        s += " 时限" + due + "，今天是时限前最后一个工作日。请按期完成并在台账中更新进度。";
      }
      return s;
    case DeadlineLine::due_today:
      return s + " 时限为今天" + due + "。请今日完成并在台账中更新进度。";
    case DeadlineLine::overdue:
      return s + " 时限" + due + "，已逾期" + n +
             "个工作日，请立即办理；确需延期的，请向领导小组办公室申请。";
    case DeadlineLine::escalate_leader:
    case DeadlineLine::escalate_chief:
      break;
  }
  s += " 责任人" + owner_name(e) + "，时限" + due + "，已逾期" + n + "个工作日。";
  std::string told;
  if (e.owner_told && !e.owner.empty())
    told = "已于" + format_date_zh(*e.owner_told) + "提醒责任人" + e.owner;
  if (e.kind == DeadlineLine::escalate_chief && e.leader_told && !e.leader.empty()) {
    told += told.empty() ? "已于" : "，";
    told += format_date_zh(*e.leader_told) + "告知分管领导" + e.leader;
  }
  if (!told.empty())
    s += told + "。";
  if (e.owner.empty())
    s += "请尽快明确责任人并督促办理。";
  else
    s += "请督促办理。";
  return s;
}

std::string section_title(DeadlineLine k, std::size_t count) {
  const std::string n = std::to_string(count);
  switch (k) {
    case DeadlineLine::escalate_chief:
      return "【逾期升级】以下" + n + "项措施逾期未办结：";
    case DeadlineLine::escalate_leader:
      return "【逾期督办】您分管的以下" + n + "项措施已逾期：";
    case DeadlineLine::overdue:
      return "【已逾期】" + n + "项";
    case DeadlineLine::due_today:
      return "【今日到期】" + n + "项";
    case DeadlineLine::upcoming:
      break;
  }
  return "【即将到期】" + n + "项";
}

std::string signature(const std::string& unit_name) {
  return "—— " + unit_name;
}

}  // namespace

std::string shorten(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80)
      continue;  // continuation byte
    if (chars == max_chars)
      return std::string(text.substr(0, i)) + "…";
    ++chars;
  }
  return std::string(text);
}

std::string format_time_of_day(std::chrono::minutes t) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(t.count() / 60 % 24),
                static_cast<int>(t.count() % 60));
  return buf;
}

std::string_view kind_label_zh(DeadlineLine kind) {
  switch (kind) {
    case DeadlineLine::escalate_chief:
      return "逾期升级";
    case DeadlineLine::escalate_leader:
      return "逾期督办";
    case DeadlineLine::overdue:
      return "逾期提醒";
    case DeadlineLine::due_today:
      return "今日到期";
    case DeadlineLine::upcoming:
      break;
  }
  return "到期提醒";
}

Message render_deadline_digest(const DeadlineDigest& digest) {
  constexpr std::array<DeadlineLine, 5> kOrder = {
      DeadlineLine::escalate_chief, DeadlineLine::escalate_leader, DeadlineLine::overdue,
      DeadlineLine::due_today, DeadlineLine::upcoming};
  std::array<std::size_t, 5> counts{};
  for (const auto& e : digest.entries)
    ++counts[static_cast<std::size_t>(e.kind)];
  const std::size_t escalations = counts[0] + counts[1];
  const std::size_t overdue = counts[2];

  Message m;
  m.kind = escalations > 0 ? "escalation" : overdue > 0 ? "overdue" : "reminder";
  m.late = digest.late;

  // Subject: the most pressing matter first; "措施" is said once.
  std::vector<std::string> parts;
  if (escalations > 0)
    parts.push_back(std::to_string(escalations) + "项逾期措施需督办");
  if (overdue > 0)
    parts.push_back(std::to_string(overdue) + "项措施已逾期");
  if (counts[3] > 0)
    parts.push_back(std::to_string(counts[3]) + "项措施今日到期");
  if (counts[4] > 0)
    parts.push_back(std::to_string(counts[4]) + "项措施即将到期");
  std::string subject = escalations > 0 ? "逾期升级：" : overdue > 0 ? "整改督办：" : "整改提醒：";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string p = parts[i];
    if (i > 0) {
      if (auto pos = p.find("项措施"); pos != std::string::npos)
        p.erase(pos + 3, 6);  // "措施"
      subject += "，";
    }
    subject += p;
  }
  m.subject = (digest.late ? "【补发】" : "") + subject;

  std::string text =
      digest.recipient.empty() ? "领导小组办公室：\n" : digest.recipient + "同志：\n";
  if (digest.late) {
    text += "（补发：本提醒原定于" + format_date_zh(digest.planned_day) +
            format_time_of_day(digest.planned_at) + "发送，因系统停机延后。）\n";
  }
  for (std::size_t k = 0; k < kOrder.size(); ++k) {
    if (counts[k] == 0)
      continue;
    text += section_title(kOrder[k], counts[k]) + "\n";
    for (const auto& e : digest.entries) {
      if (e.kind != kOrder[k])
        continue;
      text += line_for(e) + "\n";
      MessageItem item;
      item.measure_id = e.measure_id;
      item.label = e.label;
      item.text = shorten(e.text, kTextChars);
      item.owner = e.owner;
      item.due = format_date(e.due);
      item.colour = e.colour;
      if (e.kind == DeadlineLine::upcoming || e.kind == DeadlineLine::due_today)
        item.note = e.kind == DeadlineLine::due_today
                        ? std::string("今日到期")
                        : "还剩" + std::to_string(e.workdays) + "个工作日";
      else
        item.note = "逾期" + std::to_string(e.workdays) + "个工作日";
      m.items.push_back(std::move(item));
    }
  }
  text += signature(digest.unit_name);
  m.text = std::move(text);
  return m;
}

Message render_missed_summary(const std::vector<MissedEntry>& missed, const std::string& down_from,
                              const std::string& down_until, std::chrono::seconds grace,
                              const std::string& unit_name) {
  Message m;
  m.kind = "missed";
  m.subject = "停机期间错过的提醒：共" + std::to_string(missed.size()) + "条，请核实";
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(grace).count();
  std::string text = "领导小组办公室：\n系统于" + down_from + "至" + down_until +
                     "期间未运行，以下" + std::to_string(missed.size()) + "条提醒已超过补发时限（" +
                     std::to_string(hours) + "小时），未再发送。请核实相关事项，必要时当面提醒：\n";
  for (std::size_t i = 0; i < missed.size() && i < kMissedLines; ++i) {
    const auto& e = missed[i];
    text += "· " + format_date_zh(e.day) + format_time_of_day(e.at) + " " + e.recipient + " " +
            std::string(kind_label_zh(e.kind)) + " " + e.label;
    if (!e.text.empty())
      text += "「" + shorten(e.text, kTextChars) + "」";
    text += "\n";
  }
  if (missed.size() > kMissedLines)
    text += "……另有" + std::to_string(missed.size() - kMissedLines) + "条未列出。\n";
  text += signature(unit_name);
  m.text = std::move(text);
  return m;
}

Message render_calendar_warning(LocalDate first_uncovered, const std::string& unit_name) {
  const auto year = static_cast<int>(date::year_month_day{first_uncovered}.year());
  Message m;
  m.kind = "calendar_warning";
  m.subject = "工作日历即将用完：请导入" + std::to_string(year) + "年节假日安排";
  m.text = "领导小组办公室：\n工作日历尚无" + std::to_string(year) + "年的节假日安排，自" +
           format_date(first_uncovered) +
           "起只按周末计算工作日，到期提醒和推进会日期可能不准。请在国务院办公厅公布" +
           std::to_string(year) + "年节假日安排后，用“rectifyctl calendar import 文件”导入。\n" +
           signature(unit_name);
  return m;
}

}  // namespace rectifyd::render
