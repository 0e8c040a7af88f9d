#pragma once
// The 整改情况报告 written from the ledger, in the structure of the report an office submits
// (the seed document): the opening paragraph; 一、巡察整改工作开展情况 with what the ledger knows
// (the leading group from the people and their roles, the measures and the four lists, the
// weekly meetings held, the outcome counters) and marked places for the office's own words;
// 二、巡察反馈问题整改落实情况 with the totals sentence and, per category and problem, 问题N：…,
// 整改措施及结果：一是…二是…, and the problem's status line; and 下一步 as a marked place.
//
// The plain text (paper_text) is in the seed's own format: the plan importer reads it back into
// the same categories, problems, measures and statuses.

#include <optional>
#include <string>
#include <vector>

#include "papers/ledger_view.h"
#include "papers/paper.h"

namespace rectifyd::papers {

struct FinalReportInput {
  const LedgerView& ledger;
  LocalDate today{};
  /// What the ledger does not know; empty ones become marked places.
  std::string inspection_group;   ///< "区委第一巡察组"
  std::string inspection_period;  ///< "2022年8月31日至2022年9月30日"
  std::string authority;          ///< "区委"
  /// Days the weekly meeting was held since the feedback, in order.
  std::vector<LocalDate> meetings_held;
};

Paper final_report(const FinalReportInput& in);

/// "2023年3月4日".
std::string date_zh(LocalDate d);
/// 3 → "三" (1–99).
std::string number_zh(int n);
/// The seed's status line for a problem: 目前已整改到位并长期坚持。 / 目前已整改到位。 /
/// 目前正在整改，… with what is left.
std::string status_line(const ProblemRow& p);

}  // namespace rectifyd::papers
