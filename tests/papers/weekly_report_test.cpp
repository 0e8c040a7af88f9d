#include "papers/weekly_report.h"

#include <gtest/gtest.h>

#include "papers/docx.h"
#include "papers/html.h"
#include "papers/papers.h"
#include "papers_fixture.h"

namespace rectifyd::papers {
namespace {

using namespace testing;
namespace json = boost::json;

Paper weekly(store::Database& db, LocalDate day) {
  config::Config cfg;
  PaperContext ctx{db, cfg, kNow, kToday, date::locate_zone("Asia/Shanghai")};
  auto paper = make_weekly_report(ctx, day);
  EXPECT_TRUE(paper) << paper.error().message;
  return paper ? *paper : Paper{};
}

void add_extensions(store::Database& db) {
  db.sql().exec(
      "INSERT INTO extensions(measure_id, requested_at, requested_by, old_due, new_due, reason, "
      "state, decided_at, decided_by) SELECT m.id, '2026-02-20T02:00:00Z', '王五', '2026-02-15', "
      "'2026-02-25', '需协调', 'approved', '2026-02-27T08:00:00Z', 'office' FROM measures m JOIN "
      "problems p ON p.id = m.problem_id WHERE p.number = 1 AND m.ordinal = 2");
  db.sql().exec(
      "INSERT INTO extensions(measure_id, requested_at, requested_by, old_due, new_due, reason) "
      "SELECT m.id, '2026-03-01T02:00:00Z', '王五', '2026-06-30', '2026-07-31', '资金未到位' FROM "
      "measures m JOIN problems p ON p.id = m.problem_id WHERE p.number = 4 AND m.ordinal = 2");
  // Decided a month ago: not this week's.
  db.sql().exec(
      "INSERT INTO extensions(measure_id, requested_at, requested_by, old_due, new_due, state, "
      "decided_at) SELECT m.id, '2026-01-20T02:00:00Z', '张三', '2026-02-01', '2026-02-20', "
      "'rejected', '2026-01-25T02:00:00Z' FROM measures m JOIN problems p ON p.id = m.problem_id "
      "WHERE p.number = 1 AND m.ordinal = 1");
}

TEST(WeeklyReport, TheWeeksNumbersAndListsInWord) {
  TempDir dir;
  auto db = make_ledger(dir, "a.db");
  add_extensions(*db);
  const std::string path = dir.file("weekly.docx");
  ASSERT_TRUE(write_docx(weekly(*db, kToday), path));
  const json::value d = read_json(run_python(dir, "read_docx.py", {path}));
  std::vector<std::string> texts;
  for (const auto& p : d.at("paragraphs").as_array())
    texts.emplace_back(p.at("text").as_string());
  ASSERT_GE(texts.size(), 3u);
  EXPECT_EQ(texts[0], "巡察整改工作进展情况通报");
  auto has = [&](const std::string& s) {
    return std::find(texts.begin(), texts.end(), s) != texts.end();
  };
  // Three of six finished, all of them this week: up from 0 a week before.
  EXPECT_TRUE(
      has("截至2026年3月2日，巡察反馈4个问题共6项整改措施，已办结3项，办结率50%，"
          "较上周提高50.0个百分点；按期办结率66.7%；逾期未完成1项。"))
      << texts[3];
  EXPECT_TRUE(has("六、下次推进会（2026年3月6日）前到期事项"));

  const auto& tables = d.at("tables").as_array();
  ASSERT_EQ(tables.size(), 6u);
  auto rows = [&](std::size_t t) { return tables[t].as_array(); };
  auto cell = [&](std::size_t t, std::size_t r, std::size_t c) {
    return std::string(rows(t).at(r).as_array().at(c).as_string());
  };
  // Per leader: 李四 (问题1, 3), 赵六 (问题2, 4).
  EXPECT_EQ(cell(0, 0, 0), "责任领导");
  EXPECT_EQ(cell(0, 1, 0), "李四");
  EXPECT_EQ(cell(0, 1, 1), "2");
  EXPECT_EQ(cell(0, 1, 3), "1");
  EXPECT_EQ(cell(0, 1, 4), "50%");
  EXPECT_EQ(cell(0, 2, 0), "赵六");
  EXPECT_EQ(cell(0, 2, 4), "50%");
  // Per department: 办公室 (张三: 3 measures, 2 finished), 业务科 (王五).
  EXPECT_EQ(cell(1, 1, 0), "办公室");
  EXPECT_EQ(cell(1, 1, 1), "3");
  EXPECT_EQ(cell(1, 1, 2), "2");
  EXPECT_EQ(cell(1, 2, 0), "业务科");
  // The red list with the owner and the days overdue.
  ASSERT_EQ(rows(2).size(), 2u);
  EXPECT_EQ(cell(2, 1, 0).substr(0, 20), "问题1 措施二：");
  EXPECT_EQ(cell(2, 1, 1), "王五");
  EXPECT_EQ(cell(2, 1, 3), "5天");
  // Closed this week, due before the next meeting, and the week's extension decisions.
  EXPECT_EQ(rows(3).size(), 4u);
  ASSERT_EQ(rows(4).size(), 2u);
  EXPECT_EQ(cell(4, 1, 2), "2026-03-03");
  ASSERT_EQ(rows(5).size(), 3u);
  EXPECT_EQ(cell(5, 1, 3), "同意延期");
  EXPECT_EQ(cell(5, 2, 3), "待审批");
  EXPECT_EQ(cell(5, 2, 2), "2026-07-31");
}

TEST(WeeklyReport, APrintablePage) {
  TempDir dir;
  auto db = make_ledger(dir, "a.db");
  const std::string html = paper_html(weekly(*db, kToday));
  EXPECT_NE(html.find("@page { size: A4;"), std::string::npos);
  EXPECT_NE(html.find("<h1>巡察整改工作进展情况通报</h1>"), std::string::npos);
  EXPECT_NE(html.find("<th>责任领导</th>"), std::string::npos);
  EXPECT_NE(html.find("<td>王五</td>"), std::string::npos);
  EXPECT_NE(html.find("本周无延期申请。"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace rectifyd::papers
