#include "render/meeting_text.h"

#include <cmath>
#include <cstdio>

#include "core/dates.h"

namespace rectifyd::render {
namespace {

constexpr std::size_t kTextChars = 24;

/// The first n code points of a UTF-8 string, with "…" when cut.
std::string shorten(const std::string& s, std::size_t n) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (points == n)
        return s.substr(0, i) + "…";
      ++points;
    }
  }
  return s;
}

std::string hh_mm(const date::time_zone* zone, Instant t) {
  const auto local = date::make_zoned(zone, t).get_local_time();
  return date::format("%H:%M", local);
}

LocalDate local_day(const date::time_zone* zone, Instant t) {
  return date::floor<date::days>(date::make_zoned(zone, t).get_local_time());
}

std::string month_day(LocalDate d) {
  const date::year_month_day ymd{d};
  return std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(ymd.day())) + "日";
}

std::string one_decimal(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  std::string s(buf);
  if (s.size() > 2 && s.ends_with(".0"))
    s.resize(s.size() - 2);
  return s;
}

/// True when the last meeting ended within the last eight days: "上周" reads right.
bool last_week(const Agenda& a) {
  if (!a.since)
    return true;
  const auto today = date::sys_days{a.today.time_since_epoch()};
  return *a.since >= today - date::days{8};
}

/// "问题3 措施二（张三）：建立借阅登记制度，逾期 4 个工作日"
std::string item_line(std::size_t n, const MessageItem& m) {
  std::string line = "  " + std::to_string(n) + ". " + m.label;
  if (!m.owner.empty())
    line += "（" + m.owner + "）";
  if (!m.text.empty())
    line += "：" + shorten(m.text, kTextChars);
  if (!m.note.empty())
    line += (m.text.empty() ? "：" : "，") + m.note;
  return line;
}

void section(std::string& out, const std::string& title, const AgendaSection& s) {
  if (s.count == 0) {
    out += title + "：无\n";
    return;
  }
  // "（红灯）3 项" but "销号 3 项": a full-width bracket needs no space after it.
  out += title + (title.ends_with("）") ? "" : " ") + std::to_string(s.count) + " 项：\n";
  std::size_t n = 0;
  for (const auto& m : s.items)
    out += item_line(++n, m) + "\n";
  if (static_cast<std::int64_t>(s.items.size()) < s.count) {
    out += "  …另有 " + std::to_string(s.count - static_cast<std::int64_t>(s.items.size())) +
           " 项，详见台账\n";
  }
}

std::string rate_line(const Agenda& a) {
  if (a.total == 0)
    return "办结率 —（台账中暂无整改措施）";
  std::string s = "办结率 " + percent_zh(a.rate) + "（已办结 " + std::to_string(a.done) + "/" +
                  std::to_string(a.total) + " 项";
  if (a.rate_change) {
    const std::string since = last_week(a) ? "较上周" : "较上次推进会";
    const double d = *a.rate_change;
    if (d == 0)
      s += "，与" + since.substr(std::string("较").size()) + "持平";
    else
      s += "，" + since + " " + (d > 0 ? "+" : "") + one_decimal(d) + " 个百分点";
  }
  return s + "）";
}

std::string item_list(const std::vector<MessageItem>& items, std::size_t total) {
  std::string out;
  std::size_t n = 0;
  for (const auto& m : items)
    out += item_line(++n, m) + "\n";
  if (items.size() < total)
    out += "  …另有 " + std::to_string(total - items.size()) + " 项，详见台账\n";
  return out;
}

std::string trim_newline(std::string s) {
  while (!s.empty() && s.back() == '\n')
    s.pop_back();
  return s;
}

}  // namespace

std::string percent_zh(double rate) {
  return one_decimal(rate) + "%";
}

std::string meeting_time_zh(const MeetingOccurrence& occ, const date::time_zone* zone) {
  return format_date_zh(local_day(zone, occ.start)) + hh_mm(zone, occ.start) + "–" +
         hh_mm(zone, occ.end);
}

std::string agenda_lines(const Agenda& a) {
  std::string out = "一、总体进度：" + rate_line(a) + "\n";
  section(out, "二、已逾期（红灯）", a.red);
  section(out, "三、即将到期（黄灯）", a.yellow);
  const std::string next = a.next_meeting
                               ? "四、下次推进会（" + month_day(*a.next_meeting) + "）前到期"
                               : "四、下次推进会前到期";
  section(out, next, a.due_before_next);
  section(out, last_week(a) ? "五、本周销号" : "五、上次推进会以来销号", a.closed_since);
  section(out, "六、待审批延期申请", a.pending_extensions);
  if (a.undated.count > 0)
    section(out, "七、未定时限", a.undated);
  return trim_newline(out);
}

MeetingText notice_text(const Agenda& agenda, const MeetingOccurrence& occ,
                        const config::MeetingConfig& cfg, const date::time_zone* zone) {
  const std::string when = meeting_time_zh(occ, zone);
  std::string heading = occ.added ? "临时推进会" : "本周推进会";
  if (occ.moved)
    heading += "（时间已调整）";
  MeetingText t;
  t.subject = (occ.moved ? "推进会改期通知：" : "推进会通知：") + when;
  t.text = heading + "：" + when + "，" + cfg.location + "。\n" + agenda_lines(agenda);
  if (!occ.note.empty())
    t.text += "\n说明：" + occ.note;
  return t;
}

MeetingText update_request_text(const std::string& owner, const std::vector<MessageItem>& items,
                                std::size_t total, const MeetingOccurrence& occ, LocalDate sent_on,
                                const date::time_zone* zone) {
  const LocalDate day = local_day(zone, occ.start);
  const std::string when = (day == sent_on + date::days{1}
                                ? "明天（" + month_day(day) + " " + hh_mm(zone, occ.start) + "）"
                                : format_date_zh(day) + hh_mm(zone, occ.start));
  MeetingText t;
  t.subject = "请更新整改进度（" + month_day(day) + "推进会）";
  t.text = owner + "：请于" + when + "推进会前在台账中更新以下事项的进度：\n" +
           trim_newline(item_list(items, total));
  return t;
}

MeetingText nudge_text(const std::string& owner, const std::vector<MessageItem>& items,
                       std::size_t total, const MeetingOccurrence& occ,
                       const date::time_zone* zone) {
  MeetingText t;
  t.subject = "提醒：推进会前请更新整改进度";
  t.text = owner + "：以下事项自昨日提醒后尚未更新进度，请在今天 " + hh_mm(zone, occ.start) +
           "推进会前完成更新：\n" + trim_newline(item_list(items, total));
  return t;
}

MeetingText summary_text(const Agenda& a, const MeetingOccurrence& occ,
                         const std::optional<MeetingOccurrence>& next,
                         const date::time_zone* zone) {
  const std::string day = format_date_zh(local_day(zone, occ.start));
  MeetingText t;
  t.subject = "推进会小结：" + day;
  std::string out = day + "推进会已召开。" +
                    (a.since ? std::string("自上次推进会以来：\n") : std::string("本周情况：\n"));
  out += "一、" + rate_line(a) + "\n";
  section(out, "二、销号", a.closed_since);
  if (a.red.count > 0) {
    section(out, "三、仍逾期（红灯）", a.red);
    out += "  请以上事项责任人抓紧整改，尽快报送佐证材料。\n";
  } else {
    out += "三、仍逾期（红灯）：无\n";
  }
  out += "四、待审批延期申请：" +
         (a.pending_extensions.count > 0 ? std::to_string(a.pending_extensions.count) + " 项"
                                         : std::string("无")) +
         "\n";
  if (next)
    out += "下次推进会：" + meeting_time_zh(*next, zone) + "。";
  t.text = trim_newline(out);
  return t;
}

MeetingText cancellation_text(const MeetingOccurrence& occ, const config::MeetingConfig& cfg,
                              const date::time_zone* zone) {
  const std::string when = meeting_time_zh(occ, zone);
  MeetingText t;
  t.subject = "推进会取消：" + when;
  t.text = "原定" + when + "在" + cfg.location + "召开的推进会取消";
  t.text += occ.note.empty() ? "。" : "：" + occ.note + "。";
  t.text += "请照常在台账中更新整改进度。";
  return t;
}

}  // namespace rectifyd::render
