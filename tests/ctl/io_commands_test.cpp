// Runs the real rectifyctl import/export commands on a temporary database.

#include <sys/wait.h>

#include <cstdlib>
#include <initializer_list>
#include <string>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "store/database.h"
#include "temp_dir.h"

namespace rectifyd::ctl {
namespace {

using rectifyd::testing::read_file;
using rectifyd::testing::shared_path;
using rectifyd::testing::TempDir;

struct CtlRun {
  int exit = -1;
  std::string out;
  std::string err;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

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
    std::string cmd = quote(RECTIFYCTL_PATH) + " --db " + quote(dir_.file("ledger.db")) +
                      " --now " + quote("2026-03-10T09:00:00+08:00");
    for (const auto& a : args)
      cmd += " " + quote(a);
    cmd += " >" + quote(dir_.file("out")) + " 2>" + quote(dir_.file("err"));
    int status = std::system(cmd.c_str());
    CtlRun r;
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(dir_.file("out"));
    r.err = read_file(dir_.file("err"));
    return r;
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
  EXPECT_NE(bad.err.find("bad.txt:2:1: category （三） follows （一）"), std::string::npos)
      << bad.err;
  auto missing = ctl({"import", "plan", dir_.file("none.txt")});
  EXPECT_EQ(missing.exit, 1);
  EXPECT_NE(missing.err.find("无法读取文件"), std::string::npos) << missing.err;
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
