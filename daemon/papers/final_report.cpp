#include "papers/final_report.h"

#include <algorithm>
#include <set>

#include "core/names.h"
#include "ledger_io/ledger_csv.h"
#include "papers/tally.h"

namespace rectifyd::papers {
namespace {

bool ends_sentence(std::string_view s) {
  for (std::string_view end : {"。", "！", "？", "；", ".", "!", "?", ";"}) {
    if (s.ends_with(end))
      return true;
  }
  return false;
}

std::string sentence(std::string s) {
  if (!s.empty() && !ends_sentence(s))
    s += "。";
  return s;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? "" : std::string(sep)) + parts[i];
  return out;
}

/// 100 % as the seed writes it: "100％", "93.8％".
std::string rate_zh(std::int64_t done, std::int64_t of) {
  if (of == 0)
    return "0％";
  std::string t = percent_text(static_cast<double>(done) / static_cast<double>(of), of);
  t.pop_back();  // '%'
  return t + "％";
}

/// "赵六（馆长）".
std::string with_title(const Person& p) {
  return p.title.empty() ? p.name : p.name + "（" + p.title + "）";
}

/// Adds a paragraph that starts with the ledger's facts and ends with a marked place.
void facts(Paper& paper, Style s, const std::string& lead, const std::string& text,
           const std::string& ask) {
  Paragraph& p = paper.para(s);
  if (!lead.empty())
    p.runs.push_back(Run{lead});
  if (!text.empty())
    p.runs.push_back(Run{text});
  if (!ask.empty())
    p.runs.push_back(Run{"【" + ask + "】", false, true});
}

void opening(Paper& paper, const FinalReportInput& in) {
  Paragraph& p = paper.para(Style::body);
  auto fill = [&](const std::string& value, const char* ask) {
    if (value.empty())
      p.runs.push_back(Run{std::string("【") + ask + "】", false, true});
    else
      p.runs.push_back(Run{value});
  };
  p.runs.push_back(Run{"根据"});
  fill(in.authority, "请填写：部署巡察的党组织，如区委");
  p.runs.push_back(Run{"统一部署，"});
  fill(in.inspection_group, "请填写：巡察组，如区委第一巡察组");
  p.runs.push_back(Run{"于"});
  fill(in.inspection_period, "请填写：巡察起止日期");
  p.runs.push_back(Run{"对我单位进行了巡察。"});
  const auto& round = in.ledger.round;
  if (round && round->feedback_date)
    p.runs.push_back(Run{date_zh(*round->feedback_date) + "，"});
  else
    p.runs.push_back(Run{"【请填写：反馈日期】，", false, true});
  fill(in.inspection_group, "请填写：巡察组");
  p.runs.push_back(Run{
      "向我单位反馈了巡察意见。按照党务公开原则和巡察工作有关要求，现将巡察整改情况报告如下。"});
}

void work_done(Paper& paper, const FinalReportInput& in, const Tally& all) {
  const LedgerView& v = in.ledger;
  paper.para(Style::heading1, "一、巡察整改工作开展情况");
  paper.placeholder(Style::body, "请填写：对巡察整改工作的总体认识和部署");

  // The leading group from the people and their roles.
  std::vector<std::string> chiefs, leaders, offices;
  std::set<std::string> owners;
  for (const auto& p : v.people) {
    if (!p.active)
      continue;
    if (p.roles.has(Role::chief))
      chiefs.push_back(with_title(p));
    if (p.roles.has(Role::office))
      offices.push_back(p.name);
  }
  std::set<std::string> seen_leaders;
  for (const auto& c : v.categories) {
    for (const auto& p : c.problems) {
      if (!p.leader.empty() && seen_leaders.insert(p.leader).second)
        leaders.push_back(p.leader);
      for (const auto& m : p.measures) {
        if (!m.owner.empty())
          owners.insert(m.owner);
      }
    }
  }
  std::string group = "成立巡察整改工作领导小组";
  if (!chiefs.empty())
    group += "，" + join(chiefs, "、") + "为巡察整改工作第一责任人";
  if (!leaders.empty())
    group += "；" + join(leaders, "、") + "为巡察整改问题的责任领导";
  if (!owners.empty())
    group += "；" + std::to_string(owners.size()) + "名部门负责人为问题整改责任人，各负其责";
  group += "。领导小组下设办公室";
  if (!offices.empty())
    group += "（" + join(offices, "、") + "）";
  group += "，具体负责巡察整改工作的统筹安排、综合协调、台账资料收集整理等工作。";
  facts(paper, Style::body, "（一）加强组织领导，压实整改责任。", group,
        "可补充：成立领导小组的日期和文件");

  facts(paper, Style::body, "（二）细化整改措施，明确整改任务。",
        "对巡察反馈的" + number_zh(static_cast<int>(v.categories.size())) + "个方面" +
            std::to_string(all.problems) + "项问题，逐条逐项研究整改措施，共制定整改措施" +
            std::to_string(all.measures) +
            "条，建立了巡察整改问题清单、整改措施清单、责任清单和时限清单，做到领导责任到位、任务分"
            "解到位。",
        "可补充：整改方案印发情况");

  std::string meetings;
  if (!in.meetings_held.empty()) {
    std::vector<std::string> days;
    for (auto d : in.meetings_held)
      days.push_back(date_zh(d));
    meetings = "每周召开整改工作推进会，督促各责任领导和责任人切实履行职责，截至" +
               date_zh(in.today) + "共召开" + std::to_string(in.meetings_held.size()) + "次（" +
               join(days, "、") + "）。";
  } else {
    meetings = "每周召开整改工作推进会，督促各责任领导和责任人切实履行职责。";
  }
  facts(paper, Style::body, "（三）切实抓好落实，确保整改实效。", meetings,
        "可补充：推进会的主要内容和成效");

  facts(paper, Style::body, "（四）坚持严字当头，严肃执纪问责。",
        "在整改过程中共清退资金" + ledger_io::format_yuan(all.funds_returned_fen) +
            "元入财政国库，清收资金" + ledger_io::format_yuan(all.party_fees_fen) +
            "元入党费专户；约谈" + std::to_string(all.talks) + "人次，书面检讨" +
            std::to_string(all.self_criticisms) + "人次。",
        "可补充：责任追究情况");
  facts(paper, Style::body, "（五）坚持标本兼治，形成长效机制。",
        "在整改过程中，共建立完善各类规章制度" + std::to_string(all.regulations) + "项。",
        "可补充：主要制度名称");
}

/// 整改措施及结果：一是…二是…, each measure's text as the ledger has it.
std::string measures_text(const ProblemRow& p) {
  if (p.measures.empty())
    return "整改措施及结果：（略）";
  std::string s = "整改措施及结果：";
  for (const auto& m : p.measures)
    s += number_zh(m.measure.ordinal) + "是" + sentence(m.measure.text);
  return s;
}

void problems_done(Paper& paper, const FinalReportInput& in, const Tally& all) {
  const LedgerView& v = in.ledger;
  paper.para(Style::heading1, "二、巡察反馈问题整改落实情况");
  {
    Paragraph& p = paper.para(Style::body);
    p.runs.push_back(Run{"对照"});
    if (in.inspection_group.empty())
      p.runs.push_back(Run{"【请填写：巡察组】", false, true});
    else
      p.runs.push_back(Run{in.inspection_group});
    p.runs.push_back(Run{"反馈的" + number_zh(static_cast<int>(v.categories.size())) + "个方面" +
                         std::to_string(all.problems) + "项问题，截至目前，已整改到位" +
                         std::to_string(all.problems_done) + "项，办结率为" +
                         rate_zh(all.problems_done, all.problems) + "。共清退资金" +
                         ledger_io::format_yuan(all.funds_returned_fen) + "元入财政国库，清收资金" +
                         ledger_io::format_yuan(all.party_fees_fen) + "元入党费专户。约谈" +
                         std::to_string(all.talks) + "人次，建立和完善规章制度" +
                         std::to_string(all.regulations) + "项。"});
  }
  for (const auto& c : v.categories) {
    paper.para(Style::heading2, "（" + number_zh(c.category.ordinal) + "）" + c.category.title);
    for (const auto& p : c.problems) {
      Paragraph& title = paper.para(Style::body);
      title.runs.push_back(
          Run{"问题" + std::to_string(p.problem.number) + "：" + sentence(p.problem.title), true});
      paper.para(Style::body, measures_text(p));
      paper.para(Style::body, status_line(p));
    }
  }
}

}  // namespace

std::string date_zh(LocalDate d) {
  const date::year_month_day ymd{d};
  return std::to_string(static_cast<int>(ymd.year())) + "年" +
         std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(ymd.day())) + "日";
}

std::string number_zh(int n) {
  static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  if (n < 0 || n > 99)
    return std::to_string(n);
  if (n <= 10)
    return digits[n];
  if (n < 20)
    return std::string("十") + digits[n - 10];
  return std::string(digits[n / 10]) + "十" + (n % 10 == 0 ? "" : digits[n % 10]);
}

std::string status_line(const ProblemRow& p) {
  if (p.done()) {
    const bool ongoing = p.measures.empty()
                             ? p.stated == MeasureStatus::ongoing
                             : std::any_of(p.measures.begin(), p.measures.end(), [](const auto& m) {
                                 return m.measure.status == MeasureStatus::ongoing;
                               });
    return ongoing ? "目前已整改到位并长期坚持。" : "目前已整改到位。";
  }
  std::vector<std::string> left;
  std::optional<LocalDate> last;
  for (const auto& m : p.measures) {
    if (m.finished())
      continue;
    left.push_back(number_zh(m.measure.ordinal) + "是");
    if (m.measure.due && (!last || *m.measure.due > *last))
      last = m.measure.due;
  }
  if (left.empty())
    return "目前正在整改。";
  std::string s =
      "目前正在整改，" + join(left, "、") + "共" + std::to_string(left.size()) + "项措施尚未完成";
  if (last)
    s += "，计划于" + date_zh(*last) + "前完成";
  return s + "。";
}

Paper final_report(const FinalReportInput& in) {
  Paper paper;
  const std::string round =
      in.ledger.round && !in.ledger.round->name.empty() ? in.ledger.round->name : "巡察整改";
  paper.title = "关于" + round + "情况的报告";
  paper.para(Style::title, paper.title);
  const Tally all = tally_all(in.ledger, in.today);
  opening(paper, in);
  work_done(paper, in, all);
  problems_done(paper, in, all);
  Paragraph& next = paper.para(Style::body, "下一步，");
  next.runs.push_back(Run{"【请填写：下一步工作打算】", false, true});
  return paper;
}

}  // namespace rectifyd::papers
