#pragma once
// A small ledger for the papers' tests: two categories, four problems (one without measures),
// seven measures in every state and colour, an extension, and outcome counters; and a helper
// that runs the Python readers under Debian's /usr/bin/python3.

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "child_process.h"
#include "core/model.h"
#include "ledger_io/ledger_csv.h"
#include "ledger_io/people_csv.h"
#include "papers/ledger_view.h"
#include "store/database.h"
#include "store/ledger_import.h"
#include "store/people_import.h"
#include "temp_dir.h"
#include "time/calendar.h"

namespace rectifyd::papers::testing {

using rectifyd::testing::read_file;
using rectifyd::testing::TempDir;

inline const LocalDate kToday = LocalDate{date::year{2026} / 3 / 2};
inline const Instant kNow = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{1};

inline constexpr std::string_view kPeople =
    "name,title,department,email,mobile,wecom_id,dingtalk_id,feishu_id,roles,time_zone\n"
    "张三,办公室主任,办公室,zhang.san@example.org,,,,,owner,\n"
    "李四,副馆长,馆领导,li.si@example.org,,,,,leader,\n"
    "王五,科长,业务科,wang.wu@example.org,,,,,owner,\n"
    "赵六,馆长,馆领导,zhao.liu@example.org,,,,,chief;leader,\n";

/// Chinese headers, as an office's spreadsheet has them.
inline constexpr std::string_view kLedger =
    "问题类别,问题序号,问题,责任领导,措施序号,整改措施,责任人,完成时限,状态,整改进展,"
    "无需整改理由,约谈人次,书面检讨人次,建立完善规章制度项数,清退资金入财政国库（元）,"
    "清收资金入党费专户（元）\n"
    "在聚焦贯彻落实党的理论路线方针政策方面,1,政治理论学习重视不够,李四,1,"
    "补充制定传达学习的具体学习方案,张三,2026-02-20,已销号,100,,12,0,1,,\n"
    "在聚焦贯彻落实党的理论路线方针政策方面,1,政治理论学习重视不够,李四,2,"
    "\"健全完善政治理论学习制度，制定学习计划和学习方案，定期组织集中学习\",王五,2026-02-25,"
    "整改中,40,,0,0,0,,\n"
    "在聚焦贯彻落实党的理论路线方针政策方面,2,意识形态工作有短板,赵六,1,"
    "成立意识形态工作领导小组,张三,2026-03-03,未开始,0,,0,0,0,,\n"
    "在聚焦贯彻落实党的理论路线方针政策方面,2,意识形态工作有短板,赵六,2,"
    "建立意识形态分析研判机制,王五,2026-04-30,长期坚持,100,,2,1,1,,\n"
    "在聚焦群众身边腐败问题和不正之风方面,3,工程项目管理混乱,李四,,,,,,,,,,,,\n"
    "在聚焦群众身边腐败问题和不正之风方面,4,工会经费使用不规范,赵六,1,"
    "加强机关账户管理,张三,2026-03-31,无需整改,0,经查证不存在该问题，无需整改。,0,0,0,,\n"
    "在聚焦群众身边腐败问题和不正之风方面,4,工会经费使用不规范,赵六,2,"
    "清退为非会员购买保险的费用,王五,2026-06-30,整改中,20,,0,0,0,1234.56,6232\n";

inline constexpr std::size_t kLedgerRows = 7;  ///< six measures and one problem without

inline std::unique_ptr<store::Database> make_ledger(const TempDir& dir, const std::string& name) {
  auto db = store::Database::open(dir.file(name));
  EXPECT_TRUE(db) << db.error().message;
  auto p = store::import_people_csv(**db, kPeople,
                                    ledger_io::PeopleImportOptions{"people.csv", "test", kNow});
  EXPECT_TRUE(p) << p.error().message;
  ledger_io::LedgerImportOptions o;
  o.today = kToday;
  o.now = kNow;
  auto s = store::import_ledger_csv(**db, kLedger, o);
  EXPECT_TRUE(s) << s.error().message;
  // An approved extension moved 问题1 措施二 from 2026-02-15.
  (*db)->sql().exec(
      "UPDATE measures SET original_due = '2026-02-15' WHERE ordinal = 2 AND problem_id = "
      "(SELECT id FROM problems WHERE number = 1)");
  return std::move(*db);
}

inline ViewOptions view_options() {
  ViewOptions o;
  o.colouring.today = kToday;
  o.colouring.yellow_within_workdays = 3;
  o.colouring.calendar = Calendar::with_builtin_holidays();
  return o;
}

/// Runs tests/papers/<script> under /usr/bin/python3; its standard output, or a failure.
inline std::string run_python(const TempDir& dir, const std::string& script,
                              const std::vector<std::string>& args, int* status = nullptr) {
  std::vector<std::string> all = {std::string(RECTIFYD_SOURCE_DIR) + "/tests/papers/" + script};
  all.insert(all.end(), args.begin(), args.end());
  const std::string out = dir.file(script + ".out");
  const std::string err = dir.file(script + ".err");
  const int rc = rectifyd::testing::run_program("/usr/bin/python3", all,
                                                {"PATH=/usr/bin:/bin", "LANG=C.UTF-8"},
                                                dir.path().string(), out, err);
  if (status != nullptr)
    *status = rc;
  else
    EXPECT_EQ(rc, 0) << read_file(err);
  return read_file(out);
}

inline boost::json::value read_json(const std::string& text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  EXPECT_FALSE(ec) << text.substr(0, 500);
  return v;
}

/// A cell's value as text ("" for none); numbers as whole numbers when they are.
inline std::string cell_text(const boost::json::value& cell) {
  const auto& v = cell.at("value");
  if (v.is_null())
    return "";
  if (v.is_string())
    return std::string(v.as_string());
  if (v.is_int64())
    return std::to_string(v.as_int64());
  if (v.is_double()) {
    const double d = v.as_double();
    if (d == static_cast<double>(static_cast<long long>(d)))
      return std::to_string(static_cast<long long>(d));
    return boost::json::serialize(v);
  }
  return boost::json::serialize(v);
}

}  // namespace rectifyd::papers::testing
