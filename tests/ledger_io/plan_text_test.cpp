#include "ledger_io/plan_text.h"

#include <gtest/gtest.h>

#include "store/database.h"
#include "temp_dir.h"

namespace rectifyd::ledger_io {
namespace {

using rectifyd::testing::read_file;
using rectifyd::testing::shared_path;
using rectifyd::testing::TempDir;

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
  EXPECT_EQ(plan.error().message, "p.txt:4:13: 问题1: expected 二是, found 三是");
}

TEST(PlanText, EveryErrorIsReportedWithItsPosition) {
  auto plan = parse_plan_text(
      "问题1：无类别。\n"
      "（一）在作风建设方面\n"
      "整改措施：一是先于问题。\n"
      "问题2：会风不正。\n"
      "问题2：重复。\n"
      "（三）在纪律方面\n",
      "bad.txt");
  ASSERT_FALSE(plan);
  const auto& msg = plan.error().message;
  EXPECT_NE(msg.find("bad.txt:1:1: 问题1 comes before any category heading"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("bad.txt:3:1: 整改措施 comes before any problem"), std::string::npos) << msg;
  EXPECT_NE(msg.find("bad.txt:5:1: 问题2 appears twice (first on line 4)"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("bad.txt:6:1: category （三） follows （一）; expected （二）"),
            std::string::npos)
      << msg;
}

TEST(PlanText, TextWithoutCategoriesIsRefused) {
  auto plan = parse_plan_text("这不是整改方案。\n", "x.txt");
  ASSERT_FALSE(plan);
  EXPECT_NE(plan.error().message.find("x.txt: no category heading"), std::string::npos);
}

TEST(PlanText, InvalidUtf8NamesTheLine) {
  auto plan = parse_plan_text("（一）在作风建设方面\n\xB0\xA1\n", "gbk.txt");
  ASSERT_FALSE(plan);
  EXPECT_NE(plan.error().message.find("gbk.txt:2:"), std::string::npos) << plan.error().message;
}

TEST(PlanText, ImportWritesOneRoundAndAuditsIt) {
  TempDir dir;
  auto db = store::Database::open(dir.file("r.db"));
  ASSERT_TRUE(db) << db.error().message;
  auto plan = parse_plan_text(seed_text(), "seed.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  const Instant now = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{1};
  auto s = import_plan(**db, *plan, "office", now, "区委第一巡察组反馈");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->categories, 3u);
  EXPECT_EQ(s->problems, 16u);
  EXPECT_EQ(s->measures, 68u);
  auto& sql = (*db)->sql();
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM rounds").getInt(), 1);
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM categories").getInt(), 3);
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM problems").getInt(), 16);
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM measures").getInt(), 68);
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM measures WHERE status='not_applicable'").getInt(),
            4);
  EXPECT_EQ(sql.execAndGet("SELECT text FROM measures m JOIN problems p ON p.id=m.problem_id "
                           "WHERE p.number=1 AND m.ordinal=2")
                .getString()
                .substr(0, 16),
            "2023年3月14日");
  EXPECT_EQ(sql.execAndGet("SELECT actor || ' ' || action FROM audit").getString(),
            "office ledger.import_plan");

  // The same round again is refused and changes nothing.
  auto again = import_plan(**db, *plan, "office", now, "区委第一巡察组反馈");
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("exists already"), std::string::npos);
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM measures").getInt(), 68);
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM audit").getInt(), 1);
}

}  // namespace
}  // namespace rectifyd::ledger_io
