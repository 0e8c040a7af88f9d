#include "papers/weekly_report.h"

#include <cmath>
#include <cstdio>
#include <map>

#include <date/tz.h>

#include "core/dates.h"
#include "core/names.h"
#include "ledger/label.h"
#include "papers/final_report.h"
#include "papers/tally.h"
#include "store/paper_ledger.h"

namespace rectifyd::papers {
namespace {

/// At most `chars` characters of UTF-8 text, with "…" when cut.
std::string shorten(const std::string& s, std::size_t chars) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == chars)
      return s.substr(0, i) + "…";
  }
  return s;
}

struct Item {
  const ProblemRow* problem;
  const MeasureRow* measure;
  std::string label() const {
    return ledger::measure_label(problem->problem.number, measure->measure.ordinal);
  }
  std::string what() const { return label() + "：" + shorten(measure->measure.text, 30); }
};

std::string points(double now, double before) {
  const double d = std::round((now - before) * 1000.0) / 10.0;
  if (d == 0.0)
    return "与上周持平";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%.1f个百分点", d > 0 ? "较上周提高" : "较上周下降",
                std::fabs(d));
  return buf;
}

Table tally_table(const char* first, const std::vector<NamedTally>& rows) {
  Table t;
  t.header = {first, "措施数", "已办结", "逾期", "办结率"};
  for (const auto& r : rows) {
    t.rows.push_back({r.name, std::to_string(r.tally.measures), std::to_string(r.tally.finished),
                      std::to_string(r.tally.overdue),
                      percent_text(r.tally.rate(), r.tally.measures)});
  }
  return t;
}

void list_or_none(Paper& p, Table t, const char* none) {
  if (t.rows.empty())
    p.para(Style::body, none);
  else
    p.table(std::move(t));
}

}  // namespace

Paper weekly_report(const WeeklyReportInput& in) {
  const LocalDate day = in.day;
  const LocalDate week_start = day - date::days{7};
  const LocalDate next = in.next_meeting.value_or(day + date::days{7});
  const Tally all = tally_all(in.ledger, day);

  std::vector<Item> items;
  std::map<Id, Item> by_id;
  std::int64_t finished_before = 0;
  for (const auto& c : in.ledger.categories) {
    for (const auto& p : c.problems) {
      for (const auto& m : p.measures) {
        items.push_back(Item{&p, &m});
        by_id.emplace(m.measure.id, Item{&p, &m});
        if (m.finished() && (!m.closed_on || *m.closed_on <= week_start))
          ++finished_before;
      }
    }
  }

  Paper paper;
  paper.title = "巡察整改工作进展情况通报";
  paper.para(Style::title, paper.title);
  paper.para(Style::subtitle, in.issuer + "　" + date_zh(day));

  paper.para(Style::heading1, "一、总体进展");
  const double rate = all.rate();
  const double before =
      all.measures == 0 ? 0.0
                        : static_cast<double>(finished_before) / static_cast<double>(all.measures);
  paper.para(Style::body, "截至" + date_zh(day) + "，巡察反馈" + std::to_string(all.problems) +
                              "个问题共" + std::to_string(all.measures) + "项整改措施，已办结" +
                              std::to_string(all.finished) + "项，办结率" +
                              percent_text(rate, all.measures) + "，" + points(rate, before) +
                              "；按期办结率" + percent_text(all.on_time_rate(), all.finished) +
                              "；逾期未完成" + std::to_string(all.overdue) + "项。");

  paper.para(Style::heading1, "二、各责任领导分管事项进展");
  paper.table(tally_table("责任领导", tally_by_leader(in.ledger, day)));
  paper.para(Style::heading1, "三、各部门整改进展");
  paper.table(tally_table("责任部门", tally_by_department(in.ledger, day)));

  paper.para(Style::heading1, "四、逾期事项（红灯）");
  {
    Table t;
    t.header = {"整改措施", "责任人", "完成时限", "逾期天数"};
    for (const auto& it : items) {
      const Measure& m = it.measure->measure;
      if (it.measure->finished() || !m.due || *m.due >= day)
        continue;
      t.rows.push_back({it.what(), it.measure->owner.empty() ? "未指定" : it.measure->owner,
                        format_date(*m.due), std::to_string((day - *m.due).count()) + "天"});
    }
    list_or_none(paper, std::move(t), "本周无逾期事项。");
  }

  paper.para(Style::heading1, "五、本周办结事项");
  {
    Table t;
    t.header = {"整改措施", "责任人", "办结日期", "状态"};
    for (const auto& it : items) {
      const auto& on = it.measure->closed_on;
      if (!it.measure->finished() || !on || *on <= week_start || *on > day)
        continue;
      t.rows.push_back({it.what(), it.measure->owner, format_date(*on),
                        std::string(label_zh(it.measure->measure.status))});
    }
    list_or_none(paper, std::move(t), "本周无办结事项。");
  }

  paper.para(Style::heading1, "六、下次推进会（" + date_zh(next) + "）前到期事项");
  {
    Table t;
    t.header = {"整改措施", "责任人", "完成时限", "进度"};
    for (const auto& it : items) {
      const Measure& m = it.measure->measure;
      if (it.measure->finished() || !m.due || *m.due < day || *m.due > next)
        continue;
      t.rows.push_back({it.what(), it.measure->owner.empty() ? "未指定" : it.measure->owner,
                        format_date(*m.due), std::to_string(m.progress) + "%"});
    }
    list_or_none(paper, std::move(t), "下次推进会前无到期事项。");
  }

  paper.para(Style::heading1, "七、延期申请及决定");
  {
    Table t;
    t.header = {"整改措施", "原定时限", "申请时限", "决定"};
    for (const auto& e : in.extensions) {
      auto it = by_id.find(e.measure_id);
      if (it == by_id.end())
        continue;
      const char* decision = e.state == ExtensionState::approved   ? "同意延期"
                             : e.state == ExtensionState::rejected ? "不同意延期"
                                                                   : "待审批";
      t.rows.push_back(
          {it->second.what(), format_date(e.old_due), format_date(e.new_due), decision});
    }
    list_or_none(paper, std::move(t), "本周无延期申请。");
  }
  paper.para(Style::body,
             "请各责任领导、责任人对照逾期和即将到期事项，于下次推进会前完成整改并报送佐证材料；"
             "确需延期的，须在完成时限前提出申请。");
  return paper;
}

Result<std::vector<Extension>> week_extensions(store::Database& db, LocalDate day,
                                               const date::time_zone* zone) {
  // The week's bounds as instants in the unit's zone.
  auto start_of = [&](LocalDate d) -> Instant {
    if (zone == nullptr)
      return Instant{date::sys_days{d.time_since_epoch()}};
    return std::chrono::floor<std::chrono::seconds>(
        zone->to_sys(date::local_seconds{d.time_since_epoch()}, date::choose::earliest));
  };
  return store::pending_or_decided_extensions(db, start_of(day - date::days{6}),
                                              start_of(day + date::days{1}));
}

}  // namespace rectifyd::papers
