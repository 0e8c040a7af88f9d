// Bad input at the edges, one table per input kind: every refusal names where the problem is
// (file:line:column, CSV row and column) and writes nothing. The kinds: oversized, truncated,
// wrong encoding, wrong types, duplicates, dangling references.

#include <gtest/gtest.h>

#include "ledger_io/ledger_csv.h"
#include "ledger_io/people_csv.h"
#include "ledger_io/plan_text.h"
#include "store/database.h"
#include "store/ledger_import.h"
#include "store/people_import.h"

namespace rectifyd::ledger_io {
namespace {

struct Case {
  const char* what;
  std::string input;
  const char* says;  ///< a fragment of the error naming the place
};

const std::string kLedgerHeader =
    "category,problem_no,problem,leader,measure_no,measure,owner,due,status,progress,"
    "planned_progress,evidence,na_reason,talks,regulations,funds_returned\n";
const std::string kPeopleHeader =
    "name,title,department,email,mobile,wecom_id,dingtalk_id,feishu_id,roles,time_zone\n";
const std::string kPeople = kPeopleHeader +
                            "张三,办公室主任,办公室,zhang.san@example.org,,,,,owner,\n"
                            "李四,副馆长,馆领导,li.si@example.org,,,,,leader,\n";

std::string ledger_row(const std::string& problem_no, const std::string& owner,
                       const std::string& due, const std::string& progress,
                       const std::string& measure_no = "1") {
  return "在作风建设方面," + problem_no + ",会风不正,李四," + measure_no + ",精简会议。," + owner +
         "," + due + ",in_progress," + progress + ",100,,,0,0,\n";
}

long long changes(store::Database& db) {
  return db.sql()
      .execAndGet(
          "SELECT (SELECT count(*) FROM measures) + (SELECT count(*) FROM people) + "
          "(SELECT count(*) FROM audit) + (SELECT count(*) FROM problems)")
      .getInt64();
}

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Database::open(":memory:");
    ASSERT_TRUE(db);
    db_ = std::move(*db);
    ASSERT_TRUE(import_people_csv(*db_, kPeople, {}));
  }
  std::unique_ptr<store::Database> db_;
};

TEST_F(BadInput, LedgerCsv) {
  const std::string good = ledger_row("1", "张三", "2026-04-30", "60");
  const Case cases[] = {
      {"oversized field",
       kLedgerHeader + "在作风建设方面,1,会风不正,李四,1," + std::string(70000, 'x') +
           ",张三,2026-04-30,open,0,0,,,0,0,\n",
       "row 2, column 6"},
      {"truncated inside a quoted field", kLedgerHeader + good + "在作风建设方面,2,\"会风",
       "row 3, column 3"},
      {"truncated header", "category,problem_no,prob", "row 1"},
      // GB18030 (GBK) is read; bytes that are neither it nor UTF-8 are refused.
      {"wrong encoding", kLedgerHeader + "\xff\xd4\xda,1,x,,1,y,,,,,,,,,,\n", "row 2, column 1"},
      {"wrong type: progress", kLedgerHeader + ledger_row("1", "张三", "2026-04-30", "sixty"),
       "row 2, column progress"},
      {"wrong type: due", kLedgerHeader + ledger_row("1", "张三", "2026-13-01", "60"),
       "row 2, column due"},
      {"wrong type: problem number", kLedgerHeader + ledger_row("一", "张三", "2026-04-30", "60"),
       "row 2, column problem_no"},
      {"duplicate measure", kLedgerHeader + good + good, "row 3"},
      {"duplicate column", "category,category\n", "row 1"},
      {"dangling reference: owner", kLedgerHeader + ledger_row("1", "王五", "2026-04-30", "60"),
       "row 2, column owner"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const long long before = changes(*db_);
    LedgerImportOptions o;
    o.source = "ledger.csv";
    o.today = LocalDate{date::year{2026} / 3 / 2};
    auto r = import_ledger_csv(*db_, c.input, o);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find(std::string("ledger.csv: ") + c.says), std::string::npos)
        << r.error().message;
    EXPECT_EQ(changes(*db_), before);
  }
}

TEST_F(BadInput, AnErrorQuotingALineBreakStaysOnItsLine) {
  LedgerImportOptions o;
  o.source = "ledger.csv";
  auto r = import_ledger_csv(
      *db_,
      kLedgerHeader +
          "在作风建设方面,1,会风不正,李四,1,精简会议。,张三,2026-04-30,\"已\n完成\",0,0,,,0,0,\n",
      o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.find('\n'), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("ledger.csv: row 2, column status: unknown status '已↵完成'"),
            std::string::npos)
      << r.error().message;
}

TEST_F(BadInput, PeopleCsv) {
  const Case cases[] = {
      {"oversized field",
       kPeopleHeader + "赵六," + std::string(70000, 'x') + ",办公室,zhao@example.org,,,,,owner,\n",
       "row 2, column 2"},
      {"truncated inside a quoted field", kPeopleHeader + "赵六,\"科长", "row 2, column 2"},
      {"wrong encoding (Latin-1)", kPeopleHeader + "Jos\xe9,x,y,jose@example.org,,,,,owner,\n",
       "row 2, column 1"},
      {"wrong type: email", kPeopleHeader + "赵六,科长,业务科,zhao,,,,,owner,\n",
       "row 2, column email"},
      {"wrong type: roles", kPeopleHeader + "赵六,科长,业务科,zhao@example.org,,,,,boss,\n",
       "row 2, column roles"},
      {"wrong type: time zone",
       kPeopleHeader + "赵六,科长,业务科,zhao@example.org,,,,,owner,Mars/Olympus\n",
       "row 2, column time_zone"},
      {"duplicate person",
       kPeopleHeader + "赵六,科长,业务科,zhao@example.org,,,,,owner,\n"
                       "赵六,科长,业务科,zhao@example.org,,,,,owner,\n",
       "row 3"},
      {"missing column", "name,title\n赵六,科长\n", "row 1"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const long long before = changes(*db_);
    auto r = import_people_csv(*db_, c.input, PeopleImportOptions{"people.csv", "test", {}});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find(std::string("people.csv: ") + c.says), std::string::npos)
        << r.error().message;
    EXPECT_EQ(changes(*db_), before);
  }
}

TEST_F(BadInput, PlanText) {
  const std::string head = "（一）在作风建设方面\n";
  const Case cases[] = {
      {"wrong encoding (GBK) on line 2, after two characters",
       head + "问题\xce\xca\xcc\xe2" + "1：会风不正。\n", "plan.txt:2:3:"},
      {"wrong encoding at the very start", "\xff\xfe" + head, "plan.txt:1:1:"},
      {"not a plan at all", "name,title\n张三,主任\n", "plan.txt:1:1: 没有找到方面标题"},
      {"duplicate problem number",
       head + "问题1：会风不正。\n整改措施及结果：一是精简会议。\n问题1：会风不正。\n",
       "plan.txt:4:"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto r = parse_plan_text(c.input, "plan.txt");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
  }
}

}  // namespace
}  // namespace rectifyd::ledger_io
