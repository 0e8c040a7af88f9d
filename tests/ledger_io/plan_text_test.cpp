#include "ledger_io/plan_text.h"

#include <algorithm>
#include <cstdint>

#include <gtest/gtest.h>

#include "ledger_io/plan_tree.h"

#include "temp_dir.h"

namespace rectifyd::ledger_io {
namespace {

using rectifyd::testing::read_file;
using rectifyd::testing::shared_path;

std::string seed_text() {
  auto text = read_file(shared_path("seed/inspection-rectification-report.zh.txt"));
  EXPECT_FALSE(text.empty()) << "the seed document is missing";
  return text;
}

const ParsedProblem& problem(const ParsedPlan& plan, int number) {
  for (const auto& c : plan.categories) {
    for (const auto& p : c.problems) {
      if (p.number == number)
        return p;
    }
  }
  throw std::runtime_error("no problem " + std::to_string(number));
}

TEST(PlanText, SeedHasThreeCategoriesSixteenProblemsSixtyEightMeasures) {
  auto plan = parse_plan_text(seed_text(), "seed.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->categories.size(), 3u);
  EXPECT_EQ(plan->problem_count(), 16u);
  EXPECT_EQ(plan->measure_count(), 68u);
  EXPECT_EQ(plan->categories[0].title,
            "在聚焦贯彻落实党的理论路线方针政策和党中央决策部署情况方面");
  EXPECT_EQ(plan->categories[1].title, "在聚焦群众身边腐败问题和不正之风方面");
  EXPECT_EQ(plan->categories[2].ordinal, 3);
  EXPECT_EQ(plan->categories[0].problems.size(), 4u);
  EXPECT_EQ(plan->categories[1].problems.size(), 5u);
  EXPECT_EQ(plan->categories[2].problems.size(), 7u);
  const std::vector<std::size_t> per_problem = {5, 5, 6, 4, 3, 4, 6, 3, 0, 4, 4, 2, 6, 4, 5, 7};
  for (int n = 1; n <= 16; ++n) {
    EXPECT_EQ(problem(*plan, n).measures.size(), per_problem[static_cast<std::size_t>(n - 1)])
        << "问题" << n;
  }
  EXPECT_TRUE(problem(*plan, 9).measures.empty());
  EXPECT_TRUE(problem(*plan, 9).measures_omitted);
}

TEST(PlanText, SeedProblemNineKeepsItsOwnStatus) {
  auto plan = parse_plan_text(seed_text(), "seed.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  const auto& p9 = problem(*plan, 9);
  ASSERT_TRUE(p9.fields.status.has_value());
  EXPECT_EQ(*p9.fields.status, MeasureStatus::ongoing);
  EXPECT_EQ(p9.fields.status_text, "目前已整改到位并长期坚持");
  EXPECT_TRUE(p9.done());
  const auto counts = plan->counts();
  EXPECT_EQ(counts.problems_done, 16u);
  EXPECT_EQ(counts.problems_in_progress, 0u);
}

TEST(PlanText, SeedStatesItsOwnTotalsAndTheyAgree) {
  auto plan = parse_plan_text(seed_text(), "seed.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  // 对照区委第一巡察组反馈的三个方面16项问题，截至目前，已整改到位16项
  ASSERT_TRUE(plan->stated.categories && plan->stated.problems && plan->stated.done);
  EXPECT_EQ(plan->stated.categories->value, 3u);
  EXPECT_EQ(plan->stated.problems->value, 16u);
  EXPECT_EQ(plan->stated.done->value, 16u);
  EXPECT_EQ(plan->stated.problems->line, 11u);
  EXPECT_EQ(plan->stated.problems->column, 17u);
  EXPECT_TRUE(plan->warnings.empty()) << plan->warnings.front();
}

TEST(PlanText, SeedMeasureTextsAreIntact) {
  auto plan = parse_plan_text(seed_text(), "seed.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  const auto& p1 = problem(*plan, 1);
  EXPECT_EQ(p1.title, "政治理论学习重视不够");
  EXPECT_EQ(p1.measures[0].text,
            "补充制定2022年7月29日传达学习习近平总书记系列重要讲话精神的具体学习方案。");
  EXPECT_TRUE(p1.measures[1].text.starts_with("2023年3月14日")) << p1.measures[1].text;
  EXPECT_EQ(p1.measures[1].text,
            "2023年3月14日，馆机关支部书记、馆长对巡察反馈中个人学习抓得不牢的12名干部职工进行了集"
            "体约谈。");
  EXPECT_EQ(p1.measures[4].text,
            "加强督促检查。督促党员干部利用“学习强国”“**省干部在线学习”等学习平台加强个人自学，"
            "每半年通报一次干部职工个人学习进度。");
  EXPECT_EQ(p1.measures[1].ordinal, 2);
  EXPECT_EQ(p1.measures[1].line, 14u);
  // The marker 二是 of problem 1 follows "整改措施及结果：一是" and the first measure's text.
  EXPECT_GT(p1.measures[1].column, 40u);

  const auto& p16 = problem(*plan, 16);
  EXPECT_EQ(p16.title, "“一把手”履行全面从严治党第一责任人责任不到位");
  EXPECT_TRUE(p16.measures[6].text.starts_with("深入贯彻实施《中华人民共和国档案法》"));
  EXPECT_TRUE(p16.measures[6].text.ends_with("现代化管理水平。"));
  EXPECT_EQ(problem(*plan, 13).title, "干部队伍建设有短板");  // trailing spaces in the source
}

TEST(PlanText, SeedStatusesAndNotApplicableReasons) {
  auto plan = parse_plan_text(seed_text(), "seed.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  int na = 0;
  for (const auto& c : plan->categories) {
    for (const auto& p : c.problems) {
      for (const auto& m : p.measures) {
        if (m.status == MeasureStatus::not_applicable) {
          ++na;
          EXPECT_NE(m.na_reason.find("无需整改"), std::string::npos);
        } else {
          EXPECT_EQ(m.status, MeasureStatus::ongoing) << "问题" << p.number << " " << m.ordinal;
        }
      }
    }
  }
  EXPECT_EQ(na, 4);  // 问题5 三, 问题8 一 and 二, 问题10 四
  const auto& m = problem(*plan, 5).measures[2];
  EXPECT_EQ(m.status, MeasureStatus::not_applicable);
  EXPECT_EQ(m.na_reason, "不存在涉嫌造假问题，无需整改。");
  EXPECT_TRUE(m.text.starts_with("规范开展支部主题党日活动。"));
  EXPECT_EQ(problem(*plan, 8).measures[2].status, MeasureStatus::ongoing);
}

TEST(PlanText, StatusSentenceWithoutLongTermMeansClosed) {
  auto plan = parse_plan_text(
      "（一）在作风建设方面\n问题1：会风不正。\n整改措施：一是精简会议。二是压缩时长。\n目前已整改"
      "到位。\n",
      "p.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  const auto& p = plan->categories[0].problems[0];
  ASSERT_EQ(p.measures.size(), 2u);
  EXPECT_EQ(p.measures[0].text, "精简会议。");
  EXPECT_EQ(p.measures[0].status, MeasureStatus::closed);
  EXPECT_EQ(p.measures[1].status, MeasureStatus::closed);
}

TEST(PlanText, MeasuresMayContinueOnFollowingLines) {
  auto plan = parse_plan_text(
      "（一）在作风建设方面\r\n问题1：会风不正。\r\n整改措施：\r\n一是精简会议。\r\n二是压缩时长。"
      "\r\n",
      "p.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  const auto& p = plan->categories[0].problems[0];
  ASSERT_EQ(p.measures.size(), 2u);
  EXPECT_EQ(p.measures[1].text, "压缩时长。");
  EXPECT_EQ(p.measures[1].line, 5u);
  EXPECT_EQ(p.measures[1].column, 1u);
  EXPECT_EQ(p.measures[1].status, MeasureStatus::open);
}

TEST(PlanText, OutOfOrderMarkerNamesLineAndColumn) {
  auto plan = parse_plan_text(
      "前言。\n（一）在作风建设方面\n问题1：会风不正。\n整改措施：一是精简会议。三是压缩时长。\n",
      "p.txt");
  ASSERT_FALSE(plan);
  // "整改措施：一是精简会议。" is 12 characters, so 三是 starts at column 13.
  EXPECT_EQ(plan.error().message, "p.txt:4:13: 问题1：措施编号应为“二是”，此处为“三是”");
}

TEST(PlanText, EveryErrorIsReportedWithItsPosition) {
  auto plan = parse_plan_text(
      "问题1：无类别。\n"
      "（一）在作风建设方面\n"
      "整改措施：一是先于问题。\n"
      "问题1：会风不正。\n"
      "问题1：重复。\n"
      "（三）在纪律方面\n",
      "bad.txt");
  ASSERT_FALSE(plan);
  const auto& msg = plan.error().message;
  EXPECT_NE(msg.find("bad.txt:1:1: 问题1 出现在任何方面标题之前"), std::string::npos) << msg;
  EXPECT_NE(msg.find("bad.txt:3:1: “整改措施”出现在任何问题之前；此处应为问题"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("bad.txt:5:1: 问题1 重复（第4行已有）；此处应为“问题2”"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("bad.txt:6:1: 方面编号“（三）”接在“（一）”之后；此处应为“（二）”"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("bad.txt:6:1: 方面“（三）在纪律方面”之下没有问题"), std::string::npos) << msg;
}

TEST(PlanText, TextWithoutCategoriesIsRefused) {
  auto plan = parse_plan_text("这不是整改方案。\n", "x.txt");
  ASSERT_FALSE(plan);
  EXPECT_NE(plan.error().message.find("x.txt:1:1: 没有找到方面标题"), std::string::npos)
      << plan.error().message;
}

TEST(PlanText, InvalidUtf8NamesTheLine) {
  auto plan = parse_plan_text("（一）在作风建设方面\n\xB0\xA1\n", "gbk.txt");
  ASSERT_FALSE(plan);
  EXPECT_NE(plan.error().message.find("gbk.txt:2:"), std::string::npos) << plan.error().message;
}

// ---- one fixture per numbering family (tests/data/plans) ----

std::string fixture(const std::string& name) {
  auto text = read_file(std::string(RECTIFYD_SOURCE_DIR) + "/tests/data/plans/" + name);
  EXPECT_FALSE(text.empty()) << name << " is missing";
  return text;
}

/// Every problem's number in the ledger, its label as written, and its measures' count.
std::string outline(const ParsedPlan& plan) {
  std::string out;
  for (const auto& c : plan.categories) {
    out += c.label + "[";
    for (const auto& p : c.problems)
      out +=
          std::to_string(p.number) + "=" + p.label + ":" + std::to_string(p.measures.size()) + " ";
    out += "] ";
  }
  return out;
}

LocalDate day(int y, unsigned m, unsigned d) {
  return LocalDate{date::sys_days{date::year{y} / m / d}.time_since_epoch()};
}

TEST(PlanTextFamilies, QuotedAspectsWithAboutProblemsAndParenthesisedMeasures) {
  // （一）在“…”方面 / 1.关于“…”问题的整改 / （1）关于“…”的问题。整改情况：…。已完成整改。
  auto plan = parse_plan_text(fixture("quoted-aspects.txt"), "quoted-aspects.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(outline(*plan), "（一）[1=1.:2 2=2.:1 ] （二）[3=3.:2 4=4.:1 5=5.:1 ] ");
  EXPECT_EQ(plan->categories[0].title, "在“落实全面从严治党责任”方面");
  const auto& p1 = plan->categories[0].problems[0];
  EXPECT_EQ(p1.title, "主体责任压得不实");
  EXPECT_EQ(p1.line, 6u);
  EXPECT_EQ(p1.measures[0].label, "（1）");
  EXPECT_TRUE(p1.measures[0].text.starts_with("关于“党组会议研究党风廉政建设次数偏少”的问题。"))
      << p1.measures[0].text;
  EXPECT_EQ(p1.measures[0].status, MeasureStatus::closed);
  EXPECT_EQ(p1.measures[1].ordinal, 2);
  EXPECT_EQ(p1.measures[1].line, 8u);
  const auto& p2 = plan->categories[0].problems[1];
  EXPECT_EQ(p2.measures[0].status, MeasureStatus::in_progress);
  EXPECT_EQ(p2.measures[0].fields.due, day(2023, 12, 31));
  EXPECT_EQ(p2.measures[0].fields.due_text, "2023年12月31日");
  EXPECT_EQ(plan->categories[1].problems[0].measures[1].status, MeasureStatus::ongoing);
  EXPECT_EQ(plan->categories[1].problems[2].measures[0].fields.due, day(2024, 6, 30));
  // 巡察反馈5个问题，已完成整改3个、正在整改2个: as read.
  const auto counts = plan->counts();
  EXPECT_EQ(counts.problems_done, 3u);
  EXPECT_EQ(counts.problems_in_progress, 2u);
  ASSERT_TRUE(plan->stated.problems && plan->stated.done && plan->stated.in_progress);
  EXPECT_EQ(plan->stated.problems->value, 5u);
  EXPECT_TRUE(plan->warnings.empty()) << plan->warnings.front();
}

TEST(PlanTextFamilies, DunAspectsWithChineseParenthesisedProblemsAndCircledMeasures) {
  // 一、关于…方面 / （一）title / ①… with 责任领导 / 责任人 / 完成时限 lines under each measure
  auto plan = parse_plan_text(fixture("dun-aspects-circled.txt"), "dun-aspects-circled.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(outline(*plan), "一、[1=（一）:2 2=（二）:1 ] 二、[3=（三）:2 ] ");
  EXPECT_EQ(plan->categories[0].title, "关于政治建设方面");
  const auto& p1 = plan->categories[0].problems[0];
  EXPECT_EQ(p1.title, "理论学习中心组学习不规范");
  EXPECT_TRUE(p1.fields.leader.empty());
  const auto& m1 = p1.measures[0];
  EXPECT_EQ(m1.label, "①");
  EXPECT_EQ(m1.text, "制定年度学习计划，每月集中学习一次。");
  EXPECT_EQ(m1.fields.leader, "王馆长");
  EXPECT_EQ(m1.fields.owner, "办公室主任");
  EXPECT_EQ(m1.fields.due, day(2023, 6, 30));
  EXPECT_EQ(p1.measures[1].fields.due, day(2023, 6, 30));  // 2023年6月底前
  EXPECT_EQ(p1.measures[1].fields.due_text, "2023年6月底前");
  const auto& p2m = plan->categories[0].problems[1].measures[0];
  EXPECT_EQ(p2m.fields.department, "综合科");
  EXPECT_TRUE(p2m.fields.long_term);
  EXPECT_FALSE(p2m.fields.due);
  EXPECT_EQ(plan->categories[1].problems[0].measures[1].fields.due, day(2023, 12, 31));
  // 三、下一步工作打算 ends the plan; its numbered lines are not problems, and it is said so.
  ASSERT_EQ(plan->warnings.size(), 1u);
  EXPECT_NE(plan->warnings[0].find(
                "dun-aspects-circled.txt:28:1: “三、下一步工作打算”不是方面标题，其后的 2 行"),
            std::string::npos)
      << plan->warnings[0];
}

TEST(PlanTextFamilies, DunAspectsWithDigitProblemsRestartingAndHalfParenthesisedMeasures) {
  // 一、…方面的问题 / （1）title, numbered again from 1 in each category / 1）…
  auto plan =
      parse_plan_text(fixture("dun-problems-half-paren.txt"), "dun-problems-half-paren.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(outline(*plan), "一、[1=（1）:2 2=（2）:1 ] 二、[3=（1）:3 ] ");
  EXPECT_EQ(plan->categories[0].title, "基层党组织建设方面的问题");
  const auto& p1 = plan->categories[0].problems[0];
  EXPECT_EQ(p1.title, "“三会一课”制度落实不严格");
  EXPECT_EQ(p1.fields.leader, "赵书记");
  EXPECT_EQ(p1.fields.department, "机关党支部");
  EXPECT_EQ(p1.fields.due, day(2023, 5, 31));
  EXPECT_EQ(p1.measures[1].label, "2）");
  EXPECT_EQ(p1.measures[1].text, "制定“三会一课”年度计划并公示。");
  EXPECT_TRUE(p1.measures[1].fields.empty());
  const auto& p2 = plan->categories[0].problems[1];
  EXPECT_EQ(p2.fields.owner, "组织委员");
  EXPECT_EQ(p2.fields.due, day(2023, 7, 31));
  const auto& p3 = plan->categories[1].problems[0];
  EXPECT_EQ(p3.fields.department, "财务室");
  EXPECT_EQ(p3.measures[2].text, "每季度公开接待情况。");
}

TEST(PlanTextFamilies, ProblemWordWithOneMeasurePerLineUnderALeadIn) {
  // 问题N：title / fields for the problem / 整改措施： then one measure per line / status line
  auto plan = parse_plan_text(fixture("problem-word-lead-in.txt"), "problem-word-lead-in.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(outline(*plan), "（一）[1=问题1:3 2=问题2:2 ] （二）[3=问题3:1 ] ");
  const auto& p1 = plan->categories[0].problems[0];
  EXPECT_EQ(p1.title, "档案接收进馆不及时");
  EXPECT_EQ(p1.fields.leader, "孙馆长");
  EXPECT_EQ(p1.fields.department, "业务科");
  EXPECT_EQ(p1.fields.due, day(2023, 10, 31));
  EXPECT_EQ(p1.measures[0].label, "");
  EXPECT_EQ(p1.measures[0].ordinal, 1);
  EXPECT_EQ(p1.measures[2].text, "对逾期未移交的单位发函督办。");
  EXPECT_EQ(p1.measures[2].line, 7u);
  // 持续整改 after the last of several measures is the problem's status.
  EXPECT_EQ(p1.fields.status, MeasureStatus::in_progress);
  for (const auto& m : p1.measures)
    EXPECT_EQ(m.status, MeasureStatus::in_progress) << m.text;
  const auto& p2 = plan->categories[0].problems[1];
  EXPECT_TRUE(p2.fields.long_term);
  EXPECT_EQ(p2.measures[1].status, MeasureStatus::open);
  const auto& p3 = plan->categories[1].problems[0];
  EXPECT_EQ(p3.fields.due, day(2023, 9, 30));  // 2023年第三季度
  EXPECT_EQ(p3.measures[0].status, MeasureStatus::closed);
  EXPECT_TRUE(p3.done());
}

TEST(PlanTextFamilies, FullWidthDigitsCrLfBomStraightQuotesAndInlineFields) {
  // BOM, CR LF, （ 一 ） with spaces, １．title, 一是…（责任人：…；完成时限：２０２３年…）二是…
  const std::string text = fixture("fullwidth-crlf.txt");
  ASSERT_TRUE(text.starts_with("\xEF\xBB\xBF"));
  ASSERT_NE(text.find("\r\n"), std::string::npos);
  auto plan = parse_plan_text(text, "fullwidth-crlf.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(outline(*plan), "（ 一 ）[1=１．:2 2=２．:2 ] （二）[3=３．:2 ] ");
  EXPECT_EQ(plan->categories[0].title, "在\"制度建设\"方面");
  const auto& p1 = plan->categories[0].problems[0];
  EXPECT_EQ(p1.title, "规章制度不健全");
  EXPECT_EQ(p1.measures[0].text, "全面梳理现有制度，废止过时制度。");
  EXPECT_EQ(p1.measures[0].fields.owner, "吴科长");
  EXPECT_EQ(p1.measures[0].fields.due, day(2023, 6, 30));
  EXPECT_EQ(p1.measures[0].fields.due_text, "２０２３年６月３０日");
  EXPECT_EQ(p1.measures[1].label, "二是");
  EXPECT_EQ(p1.measures[1].text, "新建《档案借阅管理办法》等制度５项。");
  EXPECT_EQ(p1.measures[1].fields.due, day(2023, 8, 31));
  const auto& p2 = plan->categories[0].problems[1];
  EXPECT_EQ(p2.fields.due, day(2023, 12, 31));
  EXPECT_TRUE(p2.measures[0].fields.empty());
  const auto& p3 = plan->categories[1].problems[0];
  EXPECT_EQ(p3.measures[0].text, "推行查档\"最多跑一次\"。");
  EXPECT_EQ(p3.measures[1].text, "开通网上预约查档。");
  EXPECT_EQ(p3.measures[1].status, MeasureStatus::in_progress);
  // 两个方面３项问题
  ASSERT_TRUE(plan->stated.categories && plan->stated.problems);
  EXPECT_EQ(plan->stated.categories->value, 2u);
  EXPECT_EQ(plan->stated.problems->value, 3u);
  EXPECT_TRUE(plan->warnings.empty()) << plan->warnings.front();
}

TEST(PlanTextFamilies, SubItemsOfADeeperListStayWithTheirMeasure) {
  auto plan = parse_plan_text(
      "（一）在作风建设方面\n问题1：会风不正。\n（1）精简会议：\n①合并同类会议；\n②压缩时长。\n"
      "（2）改进文风。\n",
      "p.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  const auto& p = plan->categories[0].problems[0];
  ASSERT_EQ(p.measures.size(), 2u);
  EXPECT_EQ(p.measures[0].text, "精简会议：①合并同类会议；②压缩时长。");
  EXPECT_EQ(p.measures[1].text, "改进文风。");
}

// ---- the totals a text states ----

TEST(PlanTextTotals, AMismatchIsAWarningNamingBothNumbers) {
  auto plan = parse_plan_text(
      "巡察反馈3个问题，已完成整改2个、正在整改1个。\n"
      "（一）在作风建设方面\n"
      "问题1：会风不正。\n整改措施：一是精简会议。\n目前已整改到位。\n"
      "问题2：文风不实。\n整改措施：一是改进文风。\n正在整改。\n",
      "p.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->warnings.size(), 2u);
  EXPECT_EQ(plan->warnings[0], "p.txt:1:5: 文中称 3 个问题，读出 2 个问题；请核对");
  EXPECT_EQ(plan->warnings[1], "p.txt:1:15: 文中称已整改到位 2 个问题，读出 1 个问题；请核对");
}

// ---- refused, with where and what was expected ----

struct Refusal {
  const char* name;
  const char* text;
  const char* message;  ///< the whole first line of the error
};

class PlanTextRefusal : public ::testing::TestWithParam<Refusal> {};

TEST_P(PlanTextRefusal, NamesLineColumnAndWhatWasExpected) {
  auto plan = parse_plan_text(GetParam().text, "p.txt");
  ASSERT_FALSE(plan);
  const std::string first = plan.error().message.substr(0, plan.error().message.find('\n'));
  EXPECT_EQ(first, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PlanTextRefusal,
    ::testing::Values(
        Refusal{
            "NoProblem", "前言。\n（一）在作风建设方面\n这一方面另行整改。\n（二）在纪律建设方面\n",
            "p.txt:2:1: 没有找到任何问题；方面标题“（一）在作风建设方面”之后应为问题，如“问题1：…”"
            "“1．关于“…”问题的整改”"},
        Refusal{"ProblemOutOfSequence",
                "（一）在作风建设方面\n1.关于“会风不正”问题的整改\n（1）精简会议。\n"
                "3.关于“文风不实”问题的整改\n（1）改进文风。\n",
                "p.txt:4:1: 问题编号“3.”不连续；此处应为“2.”"},
        Refusal{"MeasureOutOfSequence",
                "（一）在作风建设方面\n问题1：会风不正。\n  （1）精简会议。\n  （3）压缩时长。\n",
                "p.txt:4:3: 问题1：措施编号应为“（2）”，此处为“（3）”"},
        Refusal{"MeasureBeforeAnyProblem",
                "（一）在作风建设方面\n①精简会议。\n问题1：会风不正。\n②压缩时长。\n",
                "p.txt:2:1: "
                "措施“①”出现在任何问题之前；此处应为问题，如“问题1：…”“1．关于“…”问题的整改”"},
        Refusal{"ProblemFamiliesMixed",
                "（一）在作风建设方面\n1．会风不正\n（1）精简会议。\n问题2：文风不实。\n",
                "p.txt:4:1: 问题编号“问题2”与本文其他问题的编号“1.…”不一致；请统一问题的编号"},
        Refusal{"CategoryFamiliesMixed",
                "（一）在作风建设方面\n问题1：会风不正。\n一是精简会议。\n二、在纪律建设方面\n",
                "p.txt:4:1: "
                "此行像方面标题“二、…方面”，而本文的方面写作“（一）…方面”；请统一方面的编号"},
        Refusal{"FirstProblemNotOne", "（一）在作风建设方面\n问题2：会风不正。\n一是精简会议。\n",
                "p.txt:2:1: 问题编号“问题2”不连续；此处应为“问题1”"},
        Refusal{"MeasureWithoutText", "（一）在作风建设方面\n问题1：会风不正。\n（1）\n",
                "p.txt:3:1: 问题1 的措施“（1）”没有内容；此处应为措施的文字"}),
    [](const ::testing::TestParamInfo<Refusal>& p) { return std::string(p.param.name); });

TEST(PlanTextTree, ShowsNumbersTextStartsFieldsAndCounts) {
  auto plan = parse_plan_text(fixture("dun-problems-half-paren.txt"), "d.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  const std::string tree = plan_tree_text(*plan, 8);
  EXPECT_TRUE(
      tree.starts_with("一、基层党组织建设方面的问题  （第1行）\n"
                       "  （1） “三会一课”制度…  责任领导：赵书记  责任部门：机关党支部  "
                       "时限：2023-05-31（2023年5月底前）  （第2行）\n"
                       "    1） 补齐2022年度…\n"))
      << tree;
  EXPECT_NE(tree.find("共 2 个方面、3 个问题、6 条整改措施；已整改到位 0 个问题，未完成 3 个。\n"),
            std::string::npos)
      << tree;
}

// ---- any text: a plan, or errors placed inside it ----

TEST(PlanTextAnyInput, CutsAndSwapsOfTheFixturesGiveAPlanOrPlacedErrors) {
  std::uint32_t seed = 20260301;
  auto next = [&] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (const char* name :
       {"quoted-aspects.txt", "dun-aspects-circled.txt", "dun-problems-half-paren.txt",
        "problem-word-lead-in.txt", "fullwidth-crlf.txt"}) {
    const std::string text = fixture(name);
    for (int round = 0; round < 200; ++round) {
      std::string t = text;
      // Swap two lines' worth of bytes, or cut the text short.
      const std::size_t a = next() % t.size();
      const std::size_t b = next() % t.size();
      if (round % 2 == 0)
        std::swap(t[a], t[b]);
      else
        t.resize(std::max(a, b));
      const auto lines = static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n')) + 1;
      auto plan = parse_plan_text(t, "p.txt");
      if (plan) {
        for (const auto& c : plan->categories) {
          for (const auto& p : c.problems) {
            EXPECT_LE(p.line, lines);
            for (const auto& m : p.measures)
              EXPECT_TRUE(m.line >= 1 && m.line <= lines && m.column >= 1) << name;
          }
        }
        continue;
      }
      std::string_view rest = plan.error().message;
      while (!rest.empty()) {
        const std::string_view line = rest.substr(0, rest.find('\n'));
        rest.remove_prefix(std::min(rest.size(), line.size() + 1));
        ASSERT_TRUE(line.starts_with("p.txt:")) << line;
        std::size_t at = 6;
        std::size_t n = 0;
        while (at < line.size() && line[at] >= '0' && line[at] <= '9')
          n = n * 10 + static_cast<std::size_t>(line[at++] - '0');
        EXPECT_TRUE(n >= 1 && n <= lines) << line;
        ASSERT_LT(at, line.size());
        EXPECT_EQ(line[at], ':') << line;
      }
    }
  }
}

}  // namespace
}  // namespace rectifyd::ledger_io
