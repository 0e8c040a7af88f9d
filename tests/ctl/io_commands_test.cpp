// Runs the real rectifyctl import/export commands on a temporary database.

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "captured_run.h"
#include "store/database.h"
#include "temp_dir.h"

namespace rectifyd::ctl {
namespace {

using rectifyd::testing::read_file;
using rectifyd::testing::shared_path;
using rectifyd::testing::TempDir;

using CtlRun = rectifyd::testing::CapturedRun;

constexpr std::string_view kPeople =
    "name,title,department,email,mobile,wecom_id,dingtalk_id,feishu_id,roles,time_zone\n"
    "张三,办公室主任,办公室,zhang.san@example.org,13800000001,,,,owner;office,\n"
    "李四,副馆长,馆领导,li.si@example.org,13800000002,,,,leader,\n";

constexpr std::string_view kHeader =
    "category,problem_no,problem,leader,measure_no,measure,owner,due,status,progress,"
    "planned_progress,evidence,na_reason,talks,regulations,funds_returned\n";

class IoCommandsTest : public ::testing::Test {
 protected:
  CtlRun ctl(std::initializer_list<std::string> args) {
    std::vector<std::string> all{"--db", dir_.file("ledger.db"), "--now",
                                 "2026-03-10T09:00:00+08:00"};
    all.insert(all.end(), args);
    return rectifyd::testing::run_captured(RECTIFYCTL_PATH, all, dir_.path().string());
  }
  int count(const std::string& table) {
    auto db = store::Database::open(dir_.file("ledger.db"));
    EXPECT_TRUE(db);
    return (*db)->sql().execAndGet("SELECT count(*) FROM " + table).getInt();
  }

  TempDir dir_;
};

TEST_F(IoCommandsTest, ImportPeopleAndLedgerThenExport) {
  auto people = ctl({"import", "people", dir_.write("people.csv", std::string(kPeople))});
  ASSERT_EQ(people.exit, 0) << people.err;
  EXPECT_EQ(people.out, "已导入人员 2 人：新增 2 人，更新 0 人。\n");

  std::string ledger(kHeader);
  ledger += "在作风建设方面,1,会风不正,李四,1,精简会议。,张三,today+3,in_progress,50,60,,,,,\n";
  ledger += "在作风建设方面,1,会风不正,李四,2,压缩时长。,张三,2026-04-01,,,,,,,,\n";
  auto imported = ctl({"--json", "import", "csv", dir_.write("ledger.csv", ledger)});
  ASSERT_EQ(imported.exit, 0) << imported.err;
  auto j = boost::json::parse(imported.out).as_object();
  EXPECT_EQ(j.at("measures_created").as_int64(), 2);
  EXPECT_EQ(j.at("problems_created").as_int64(), 1);

  auto exported = ctl({"export", "csv"});
  ASSERT_EQ(exported.exit, 0) << exported.err;
  // today+3 from 2026-03-10 in Asia/Shanghai.
  EXPECT_NE(exported.out.find("在作风建设方面,1,会风不正,李四,1,精简会议。,张三,2026-03-13,"
                              "in_progress,50,60,,,0,0,0,0,0\r\n"),
            std::string::npos)
      << exported.out;

  auto to_file = ctl({"export", "csv", "-o", dir_.file("export.csv"), "--bom"});
  ASSERT_EQ(to_file.exit, 0) << to_file.err;
  EXPECT_EQ(read_file(dir_.file("export.csv")), "\xEF\xBB\xBF" + exported.out);
  // The export, BOM and all, imports again and changes nothing.
  auto again = ctl({"import", "csv", dir_.file("export.csv")});
  ASSERT_EQ(again.exit, 0) << again.err;
  EXPECT_EQ(again.out,
            "已导入台账 2 行：新增 0 个方面、0 个问题、0 条措施，更新 0 条措施，2 条未变。\n");
  EXPECT_EQ(count("measures"), 2);
}

TEST_F(IoCommandsTest, BadCsvPrintsEveryErrorAndWritesNothing) {
  ASSERT_EQ(ctl({"import", "people", dir_.write("people.csv", std::string(kPeople))}).exit, 0);
  std::string ledger(kHeader);
  ledger += "在作风建设方面,1,会风不正,李四,1,精简会议。,张三,2026-13-01,,,,,,,,\n";
  ledger += "在作风建设方面,1,会风不正,李四,2,压缩时长。,王五,today,,,,,,,,\n";
  auto r = ctl({"import", "csv", dir_.write("bad.csv", ledger)});
  EXPECT_EQ(r.exit, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("未写入任何数据"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.csv: row 2, column due: expected YYYY-MM-DD or today±N, got "
                       "'2026-13-01'"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("bad.csv: row 3, column owner: unknown person '王五'"), std::string::npos)
      << r.err;
  EXPECT_EQ(count("measures"), 0);
  EXPECT_EQ(count("rounds"), 0);
}

TEST_F(IoCommandsTest, ImportPlanFromTheSeed) {
  auto r = ctl({"import", "plan", shared_path("seed/inspection-rectification-report.zh.txt"),
                "--round", "区委第一巡察组反馈"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("3 个方面、16 个问题、68 条整改措施"), std::string::npos) << r.out;
  EXPECT_EQ(count("measures"), 68);

  auto bad = ctl({"import", "plan", dir_.write("bad.txt", "（一）在作风方面\n（三）在纪律方面\n")});
  EXPECT_EQ(bad.exit, 1);
  EXPECT_NE(bad.err.find("bad.txt:2:1: 方面编号“（三）”接在“（一）”之后；此处应为“（二）”"),
            std::string::npos)
      << bad.err;
  auto missing = ctl({"import", "plan", dir_.file("none.txt")});
  EXPECT_EQ(missing.exit, 1);
  EXPECT_NE(missing.err.find("无法读取文件"), std::string::npos) << missing.err;
}

TEST_F(IoCommandsTest, PlanDryRunShowsTheTreeAndWritesNothing) {
  const std::string plan = dir_.write(
      "plan.txt",
      "巡察反馈3个问题。\n"
      "（一）在“作风建设”方面\n"
      "1.关于“会风不正”问题的整改\n"
      "（1）关于“会议过多”的问题。整改情况：合并同类会议，每月例会不超过两次。已完成整改。\n"
      "（2）关于“会议过长”的问题。整改情况：正在整改，将于2026年6月底前完成。\n"
      "2.关于“文风不实”问题的整改\n"
      "（1）关于“材料冗长”的问题。整改情况：压缩材料篇幅。（责任人：张三；完成时限：2026年5月31日）"
      "\n");
  auto dry = ctl({"import", "plan", plan, "--dry-run"});
  ASSERT_EQ(dry.exit, 0) << dry.err;
  EXPECT_EQ(
      dry.out,
      "（一）在“作风建设”方面  （第2行）\n"
      "  1. 会风不正  （第3行）\n"
      "    （1） 关于“会议过多”的问题。整改情况：合并同类会议，…  状态：已销号\n"
      "    （2） 关于“会议过长”的问题。整改情况：正在整改，将于…  时限：2026-06-30（2026年6月底）  "
      "状态：整改中\n"
      "  2. 文风不实  （第6行）\n"
      "    （1） 关于“材料冗长”的问题。整改情况：压缩材料篇幅。  责任人：张三  "
      "时限：2026-05-31（2026年5月31日）\n"
      "共 1 个方面、2 个问题、3 条整改措施；已整改到位 0 个问题，未完成 2 个。\n"
      "注意：plan.txt:1:5: 文中称 3 个问题，读出 2 个问题；请核对\n"
      "（试导入，未写入任何数据）\n");
  EXPECT_FALSE(std::filesystem::exists(dir_.file("ledger.db")));

  auto json = ctl({"--json", "import", "plan", plan, "--dry-run"});
  ASSERT_EQ(json.exit, 0) << json.err;
  auto tree = boost::json::parse(json.out).as_object();
  EXPECT_EQ(tree.at("counts").at("measures").as_int64(), 3);
  const auto& m = tree.at("categories").at(0).at("problems").at(1).at("measures").at(0);
  EXPECT_EQ(m.at("fields").at("owner"), "张三");
  EXPECT_EQ(m.at("fields").at("due"), "2026-05-31");
  EXPECT_FALSE(std::filesystem::exists(dir_.file("ledger.db")));

  // The import states the same counts.
  auto real = ctl({"import", "plan", plan});
  ASSERT_EQ(real.exit, 0) << real.err;
  EXPECT_NE(real.out.find("：1 个方面、2 个问题、3 条整改措施。"), std::string::npos) << real.out;
  EXPECT_NE(real.err.find("注意：plan.txt:1:5: 文中称 3 个问题，读出 2 个问题"), std::string::npos)
      << real.err;
  EXPECT_NE(real.err.find("责任人“张三”不在人员名单中"), std::string::npos) << real.err;
  EXPECT_EQ(count("measures"), 3);
}

TEST_F(IoCommandsTest, RefusedPlansNameTheLineAndWriteNothing) {
  struct Case {
    std::string text;
    std::string where;
  };
  const std::vector<Case> cases = {
      {"（一）在作风建设方面\n这一方面另行整改。\n", "p.txt:1:1: 没有找到任何问题"},
      {"（一）在作风建设方面\n1.会风不正\n（1）精简会议。\n3.文风不实\n（1）改进文风。\n",
       "p.txt:4:1: 问题编号“3.”不连续；此处应为“2.”"},
      {"（一）在作风建设方面\n①精简会议。\n", "p.txt:2:1: 措施“①”出现在任何问题之前；此处应为问题"},
      {"（一）在作风建设方面\n问题1：会风不正。\n一是精简会议。三是压缩时长。\n",
       "p.txt:3:8: 问题1：措施编号应为“二是”，此处为“三是”"},
  };
  ASSERT_EQ(ctl({"import", "demo"}).exit, 0);
  const int measures = count("measures");
  const int audit = count("audit");
  const int rounds = count("rounds");
  for (const auto& c : cases) {
    const std::string file = dir_.write("p.txt", c.text);
    for (bool dry : {false, true}) {
      auto r = dry ? ctl({"import", "plan", file, "--dry-run"}) : ctl({"import", "plan", file});
      EXPECT_EQ(r.exit, 1) << c.text;
      EXPECT_EQ(r.out, "");
      EXPECT_NE(r.err.find("导入失败，未写入任何数据"), std::string::npos) << r.err;
      EXPECT_NE(r.err.find(c.where), std::string::npos) << r.err;
    }
  }
  EXPECT_EQ(count("measures"), measures);
  EXPECT_EQ(count("audit"), audit);
  EXPECT_EQ(count("rounds"), rounds);
}

TEST_F(IoCommandsTest, DemoLoadsOnce) {
  auto r = ctl({"import", "demo"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("已载入演示台账"), std::string::npos) << r.out;
  const int measures = count("measures");
  EXPECT_GT(measures, 30);
  auto again = ctl({"import", "demo"});
  ASSERT_EQ(again.exit, 0) << again.err;
  EXPECT_EQ(again.out, "台账已有数据，未载入演示台账。\n");
  EXPECT_EQ(count("measures"), measures);
}

}  // namespace
}  // namespace rectifyd::ctl
