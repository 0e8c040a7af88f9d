#include "papers/final_report.h"

#include <sstream>

#include <gtest/gtest.h>

#include "ledger_io/plan_import.h"
#include "papers/docx.h"
#include "papers/papers.h"
#include "papers_fixture.h"
#include "store/ledger_import.h"
#include "store/plan_import.h"

namespace rectifyd::papers {
namespace {

using namespace testing;
namespace json = boost::json;

std::string seed_text() {
  return read_file(rectifyd::testing::shared_path("seed/inspection-rectification-report.zh.txt"));
}

/// The seed imported with the plan importer; the counters the seed states put on measures.
std::unique_ptr<store::Database> seed_ledger(const TempDir& dir, const std::string& name,
                                             const std::string& text) {
  auto db = store::Database::open(dir.file(name));
  EXPECT_TRUE(db) << db.error().message;
  auto parsed = ledger_io::parse_plan_text(text, "seed.txt");
  EXPECT_TRUE(parsed) << parsed.error().message;
  auto s = store::import_plan(**db, *parsed, "test", kNow);
  EXPECT_TRUE(s) << s.error().message;
  return std::move(*db);
}

std::string csv_of(store::Database& db) {
  std::ostringstream out;
  EXPECT_TRUE(store::export_ledger_csv(db, out));
  return out.str();
}

Paper seed_report(store::Database& db) {
  config::Config cfg;
  PaperContext ctx{db, cfg, kNow, kToday, nullptr};
  FinalReportOptions o;
  o.inspection_group = "区委第一巡察组";
  auto paper = make_final_report(ctx, o);
  EXPECT_TRUE(paper) << paper.error().message;
  return paper ? *paper : Paper{};
}

TEST(FinalReport, SeedAsWordReadByPythonDocx) {
  TempDir dir;
  const std::string seed = seed_text();
  ASSERT_FALSE(seed.empty());
  auto db = seed_ledger(dir, "seed.db", seed);
  // The seed states 约谈21人次 and 21 regulations; the ledger keeps them per measure.
  db->sql().exec("UPDATE measures SET talks = 12, regulations = 1 WHERE id = 2");
  db->sql().exec("UPDATE measures SET talks = 9, regulations = 20 WHERE id = 3");
  const std::string path = dir.file("report.docx");
  ASSERT_TRUE(write_docx(seed_report(*db), path));
  const json::value d = read_json(run_python(dir, "read_docx.py", {path}));

  std::vector<std::string> texts;
  for (const auto& p : d.at("paragraphs").as_array())
    texts.emplace_back(p.at("text").as_string());
  ASSERT_FALSE(texts.empty());
  EXPECT_EQ(texts[0], "关于巡察整改情况的报告");
  EXPECT_EQ(d.at("paragraphs").as_array()[0].at("style").as_string(), "Title");
  EXPECT_EQ(d.at("title").as_string(), "关于巡察整改情况的报告");
  EXPECT_EQ(texts[1].substr(0, 6), "根据");

  // Every heading, problem, measure text and status line of the seed, in the seed's order.
  auto parsed = ledger_io::parse_plan_text(seed, "seed.txt");
  ASSERT_TRUE(parsed);
  // 问题9's measures are omitted （略）; its own status line counts once the ledger keeps a
  // problem's status (problems.status), as the seed states: 16 of 16.
  const bool problem_status =
      db->sql()
          .execAndGet("SELECT count(*) FROM pragma_table_info('problems') WHERE name = 'status'")
          .getInt() > 0;
  std::vector<std::string> want = {
      "一、巡察整改工作开展情况", "二、巡察反馈问题整改落实情况",
      std::string("对照区委第一巡察组反馈的三个方面16项问题，截至目前，") +
          (problem_status ? "已整改到位16项，办结率为100％。"
                          : "已整改到位15项，办结率为93.8％。") +
          "共清退资金0元入财政国库，清收资金0元入党费专户。约谈21人次，建立和完善规章制度21项。"};
  std::size_t measures = 0;
  for (const auto& c : parsed->categories) {
    want.push_back("（" + number_zh(c.ordinal) + "）" + c.title);
    for (const auto& p : c.problems) {
      want.push_back("问题" + std::to_string(p.number) + "：" + p.title + "。");
      for (const auto& m : p.measures) {
        want.push_back(m.text);
        ++measures;
      }
      if (!p.measures.empty() || problem_status)
        want.push_back("目前已整改到位并长期坚持。");
    }
  }
  EXPECT_EQ(measures, 68u);
  // Each wanted text is found, in order, within the paragraphs (measures share theirs).
  std::size_t at = 0;
  std::size_t offset = 0;
  for (const auto& w : want) {
    bool found = false;
    for (; at < texts.size(); ++at, offset = 0) {
      auto pos = texts[at].find(w, offset);
      if (pos != std::string::npos) {
        offset = pos + w.size();
        found = true;
        break;
      }
    }
    ASSERT_TRUE(found) << "not found in order: " << w;
  }
  EXPECT_EQ(texts.back().substr(0, 9), "下一步");

  // Places for the office's own words are marked.
  std::size_t marked = 0;
  for (const auto& p : d.at("paragraphs").as_array())
    marked += p.at("marked").as_array().size();
  EXPECT_GE(marked, 6u);

  // GB/T 9704: A4, 37/35/28/26 mm, 22 lines of 28 characters, 3号 仿宋 body, 2号 小标宋 title.
  const auto& page = d.at("page");
  EXPECT_NEAR(page.at("width").to_number<double>(), 210.0, 0.2);
  EXPECT_NEAR(page.at("height").to_number<double>(), 297.0, 0.2);
  EXPECT_NEAR(page.at("top").to_number<double>(), 37.0, 0.2);
  EXPECT_NEAR(page.at("bottom").to_number<double>(), 35.0, 0.2);
  EXPECT_NEAR(page.at("left").to_number<double>(), 28.0, 0.2);
  EXPECT_NEAR(page.at("right").to_number<double>(), 26.0, 0.2);
  EXPECT_EQ(d.at("grid").at("type").as_string(), "linesAndChars");
  const double pitch_mm = std::stod(std::string(d.at("grid").at("line_pitch").as_string())) / 56.7;
  EXPECT_EQ(static_cast<int>((297.0 - 37.0 - 35.0) / pitch_mm), 22);
  EXPECT_EQ(d.at("styles").at("Normal").at("east_asia").as_string(), "仿宋_GB2312");
  EXPECT_EQ(d.at("styles").at("Normal").at("size_pt").to_number<double>(), 16.0);
  EXPECT_EQ(d.at("styles").at("Title").at("east_asia").as_string(), "方正小标宋简体");
  EXPECT_EQ(d.at("styles").at("Title").at("size_pt").to_number<double>(), 22.0);
  EXPECT_EQ(d.at("styles").at("heading 1").at("east_asia").as_string(), "黑体");
  EXPECT_EQ(d.at("fonts").at("仿宋_GB2312").as_string(), "仿宋");
  EXPECT_EQ(d.at("fonts").at("方正小标宋简体").as_string(), "宋体");
}

TEST(FinalReport, PlainTextImportsBackToTheSameLedger) {
  TempDir dir;
  auto db = seed_ledger(dir, "seed.db", seed_text());
  const std::string text = paper_text(seed_report(*db));
  // The seed's own format, line by line.
  EXPECT_NE(text.find("\n（一）在聚焦贯彻落实党的理论路线方针政策和党中央决策部署情况方面\n"
                      "问题1：政治理论学习重视不够。\n整改措施及结果：一是补充制定"),
            std::string::npos)
      << text.substr(0, 2000);
  EXPECT_NE(text.find("问题9：工程项目管理混乱。\n整改措施及结果：（略）\n"), std::string::npos);
  auto again = seed_ledger(dir, "again.db", text);
  EXPECT_EQ(csv_of(*again), csv_of(*db));
  // And its report is the same text again.
  EXPECT_EQ(paper_text(seed_report(*again)), text);
}

TEST(FinalReport, StatusLineSaysWhatIsLeft) {
  ProblemRow p;
  EXPECT_EQ(status_line(p), "目前正在整改。");
  p.stated = MeasureStatus::ongoing;
  EXPECT_EQ(status_line(p), "目前已整改到位并长期坚持。");
  MeasureRow done;
  done.measure.ordinal = 1;
  done.measure.status = MeasureStatus::closed;
  p.measures.push_back(done);
  EXPECT_EQ(status_line(p), "目前已整改到位。");
  MeasureRow open;
  open.measure.ordinal = 2;
  open.measure.due = LocalDate{date::year{2026} / 6 / 30};
  p.measures.push_back(open);
  MeasureRow open3 = open;
  open3.measure.ordinal = 3;
  open3.measure.due = LocalDate{date::year{2026} / 5 / 31};
  p.measures.push_back(open3);
  EXPECT_EQ(status_line(p),
            "目前正在整改，二是、三是共2项措施尚未完成，计划于2026年6月30日前完成。");
  EXPECT_EQ(number_zh(16), "十六");
  EXPECT_EQ(number_zh(20), "二十");
  EXPECT_EQ(date_zh(LocalDate{date::year{2023} / 3 / 4}), "2023年3月4日");
}

}  // namespace
}  // namespace rectifyd::papers
