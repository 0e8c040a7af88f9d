#include "ledger_io/ledger_csv.h"

#include <sstream>

#include <gtest/gtest.h>

#include "core/dates.h"
#include "ledger_io/people_csv.h"
#include "ledger_io/plan_import.h"
#include "store/database.h"
#include "store/ledger_import.h"
#include "store/people_import.h"
#include "store/plan_import.h"
#include "temp_dir.h"

namespace rectifyd::ledger_io {
namespace {

using rectifyd::testing::read_file;
using rectifyd::testing::shared_path;
using rectifyd::testing::TempDir;

constexpr std::string_view kHeader =
    "category,problem_no,problem,leader,measure_no,measure,owner,due,status,progress,"
    "planned_progress,evidence,na_reason,talks,regulations,funds_returned\n";

constexpr std::string_view kPeople =
    "name,title,department,email,mobile,wecom_id,dingtalk_id,feishu_id,roles,time_zone\n"
    "张三,办公室主任,办公室,zhang.san@example.org,,,,,owner,\n"
    "李四,副馆长,馆领导,li.si@example.org,,,,,leader,\n"
    "王五,科长,业务科,wang.wu@example.org,,,,,owner,\n";

const LocalDate kToday = LocalDate{date::year{2026} / 3 / 2};
const Instant kNow = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{1};

std::unique_ptr<store::Database> open_with_people(const TempDir& dir, const std::string& name) {
  auto db = store::Database::open(dir.file(name));
  EXPECT_TRUE(db) << db.error().message;
  auto p = import_people_csv(**db, kPeople, PeopleImportOptions{"people.csv", "test", kNow});
  EXPECT_TRUE(p) << p.error().message;
  return std::move(*db);
}

LedgerImportOptions options() {
  LedgerImportOptions o;
  o.source = "ledger.csv";
  o.today = kToday;
  o.now = kNow;
  o.actor = "office";
  return o;
}

struct Counts {
  int rounds, categories, problems, measures, people, audit;
  bool operator==(const Counts&) const = default;
};

Counts counts(store::Database& db) {
  auto n = [&](const char* t) {
    return db.sql().execAndGet(std::string("SELECT count(*) FROM ") + t).getInt();
  };
  return {n("rounds"), n("categories"), n("problems"), n("measures"), n("people"), n("audit")};
}

std::string good_ledger() {
  std::string csv(kHeader);
  csv +=
      "在作风建设方面,1,会风不正,李四,1,\"精简会议，压缩时长。\",张三,today-9,in_progress,60%,"
      "100,,,2,0,\n";
  csv +=
      "在作风建设方面,1,会风不正,,2,\"规范\"\"首个议题\"\"制度。\",王五,2026-04-30,已销号,100,"
      "100,\"纪要\n两份\",,0,1,1234.5\n";
  csv +=
      "在财务管理方面,2,经费使用不规范,李四,1,核查房租收入。,张三,today,无需整改,0,0,,"
      "经核查已缴库，无需整改。,0,0,0.05\n";
  csv += "在财务管理方面,3,资产清查滞后,李四,,,,,,,,,,,,\n";
  return csv;
}

TEST(LedgerCsvValues, DueDates) {
  EXPECT_EQ(parse_due("today", kToday), kToday);
  EXPECT_EQ(parse_due("today+3", kToday), LocalDate{date::year{2026} / 3 / 5});
  EXPECT_EQ(parse_due("today-9", kToday), LocalDate{date::year{2026} / 2 / 21});
  EXPECT_EQ(parse_due("2026-03-14", kToday), LocalDate{date::year{2026} / 3 / 14});
  EXPECT_EQ(parse_due("2026/3/14", kToday), LocalDate{date::year{2026} / 3 / 14});
  EXPECT_FALSE(parse_due("2026-13-01", kToday));
  EXPECT_FALSE(parse_due("2026-02-30", kToday));
  EXPECT_FALSE(parse_due("today*3", kToday));
  EXPECT_FALSE(parse_due("tomorrow", kToday));
}

TEST(LedgerCsvValues, Yuan) {
  EXPECT_EQ(parse_yuan("1234.5"), 123450);
  EXPECT_EQ(parse_yuan("1234.50"), 123450);
  EXPECT_EQ(parse_yuan("0.05"), 5);
  EXPECT_EQ(parse_yuan("7"), 700);
  EXPECT_FALSE(parse_yuan("1.234"));
  EXPECT_FALSE(parse_yuan("-5"));
  EXPECT_FALSE(parse_yuan("1,234"));
  EXPECT_FALSE(parse_yuan("5."));
  EXPECT_EQ(format_yuan(123450), "1234.50");
  EXPECT_EQ(format_yuan(5), "0.05");
  EXPECT_EQ(format_yuan(700), "7");
}

TEST(LedgerCsv, ImportsRowsIntoOneRound) {
  TempDir dir;
  auto db = open_with_people(dir, "a.db");
  auto s = import_ledger_csv(*db, good_ledger(), options());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->rows, 4u);
  EXPECT_EQ(s->categories_created, 2u);
  EXPECT_EQ(s->problems_created, 3u);
  EXPECT_EQ(s->measures_created, 3u);
  auto& sql = db->sql();
  SQLite::Statement q(
      sql,
      "SELECT m.due, m.status, m.progress, o.name, m.talks, m.closed_at "
      "FROM measures m JOIN problems p ON p.id = m.problem_id "
      "LEFT JOIN people o ON o.id = m.owner_id WHERE p.number = 1 AND m.ordinal = 1");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), "2026-02-21");
  EXPECT_EQ(q.getColumn(1).getString(), "in_progress");
  EXPECT_EQ(q.getColumn(2).getInt(), 60);
  EXPECT_EQ(q.getColumn(3).getString(), "张三");
  EXPECT_EQ(q.getColumn(4).getInt(), 2);
  EXPECT_TRUE(q.getColumn(5).isNull());
  EXPECT_EQ(sql.execAndGet("SELECT text || '|' || status || '|' || evidence || '|' || "
                           "funds_returned_fen || '|' || closed_at FROM measures WHERE ordinal=2")
                .getString(),
            "规范\"首个议题\"制度。|closed|纪要\n两份|123450|2026-03-02T01:00:00Z");
  EXPECT_EQ(
      sql.execAndGet("SELECT na_reason FROM measures WHERE status='not_applicable'").getString(),
      "经核查已缴库，无需整改。");
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM problems p JOIN people l ON l.id = p.leader_id "
                           "WHERE l.name = '李四'")
                .getInt(),
            3);
  EXPECT_EQ(
      sql.execAndGet("SELECT group_concat(ordinal || title, ';') FROM categories").getString(),
      "1在作风建设方面;2在财务管理方面");
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM audit WHERE action='ledger.import_csv'").getInt(),
            1);
}

TEST(LedgerCsv, EveryBadRowIsReportedAndNothingChanges) {
  TempDir dir;
  auto db = open_with_people(dir, "a.db");
  ASSERT_TRUE(import_ledger_csv(*db, good_ledger(), options()));
  const Counts before = counts(*db);
  const std::string before_csv = [&] {
    std::ostringstream o;
    EXPECT_TRUE(export_ledger_csv(*db, o));
    return o.str();
  }();

  std::string csv(kHeader);
  csv += "在作风建设方面,1,会风不正,李四,3,新措施。,张三,today+3,open,,,,,,,\n";  // fine
  csv += "在作风建设方面,1,会风不正,李四,4,措施。,赵六,2026-13-01,open,,,,,,,\n";
  csv += "在作风建设方面,x,会风不正,李四,1,措施。,张三,,doing,120,,,,-1,,1.234\n";
  csv += "在作风建设方面,1,会风很不正,李四,5,措施。,张三,,,,,,,,,\n";
  csv += "在作风建设方面,1,会风不正,李四,3,重复的三。,张三,,,,,,,,,\n";
  csv += "在财务管理方面,4,新问题,钱七,1,措施。,张三,,not_applicable,,,,,,,\n";
  csv += "在财务管理方面,4,新问题,李四,,,张三,,,,,,,,,\n";
  csv += "在财务管理方面,5,又一个\n";
  auto s = import_ledger_csv(*db, csv, options());
  ASSERT_FALSE(s);
  const auto& m = s.error().message;
  for (const char* expected : {
           "ledger.csv: row 3, column owner: unknown person '赵六'",
           "ledger.csv: row 3, column due: expected YYYY-MM-DD or today±N, got '2026-13-01'",
           "ledger.csv: row 4, column problem_no: expected a problem number like 3, got 'x'",
           "ledger.csv: row 4, column status: unknown status 'doing'",
           "ledger.csv: row 4, column progress: expected a whole percentage from 0 to 100, got "
           "'120'",
           "ledger.csv: row 4, column talks: expected a whole number of 0 or more, got '-1'",
           "ledger.csv: row 4, column funds_returned: expected an amount in yuan",
           "ledger.csv: row 5, column problem: 问题1 is '会风不正'",
           "ledger.csv: row 6, column measure_no: 问题1 measure 3 appears again (first on row 2)",
           "ledger.csv: row 7, column leader: unknown person '钱七'",
           "ledger.csv: row 7, column na_reason: a measure that needs no action",
           "ledger.csv: row 8, column measure: the measure's text is required (the row gives "
           "owner)",
           "ledger.csv: row 9: expected 16 fields, found 3",
       }) {
    EXPECT_NE(m.find(expected), std::string::npos) << "missing: " << expected << "\nin:\n" << m;
  }
  EXPECT_EQ(counts(*db), before);
  std::ostringstream after_csv;
  ASSERT_TRUE(export_ledger_csv(*db, after_csv));
  EXPECT_EQ(after_csv.str(), before_csv);
}

TEST(LedgerCsv, HeaderIsChecked) {
  TempDir dir;
  auto db = open_with_people(dir, "a.db");
  auto s = import_ledger_csv(*db, "category,problem_no,problem,deadline\n", options());
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("ledger.csv: row 1: column 4: unknown column 'deadline'"),
            std::string::npos);
  EXPECT_NE(s.error().message.find("ledger.csv: row 1: missing column 'measure'"),
            std::string::npos);
  auto empty = import_ledger_csv(*db, "", options());
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("the file is empty"), std::string::npos);
  auto broken = import_ledger_csv(*db, std::string(kHeader) + "a,\"b\n", options());
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().message.find("ledger.csv: row 2, column 2"), std::string::npos)
      << broken.error().message;
  EXPECT_EQ(db->sql().execAndGet("SELECT count(*) FROM rounds").getInt(), 0);
}

TEST(LedgerCsv, ExportThenImportRoundTrips) {
  TempDir dir;
  auto a = open_with_people(dir, "a.db");
  ASSERT_TRUE(import_ledger_csv(*a, good_ledger(), options()));
  std::ostringstream first;
  ASSERT_TRUE(export_ledger_csv(*a, first));
  EXPECT_EQ(first.str().substr(0, 21), "category,problem_no,p");
  EXPECT_NE(first.str().find("2026-02-21,in_progress,60,100"), std::string::npos) << first.str();
  EXPECT_NE(first.str().find("在财务管理方面,3,资产清查滞后,李四,,,,,,,,,,,,,,\r\n"),
            std::string::npos)
      << first.str();

  auto b = open_with_people(dir, "b.db");
  auto later = options();
  later.today = kToday + date::days{30};  // exported dates are absolute
  auto s = import_ledger_csv(*b, first.str(), later);
  ASSERT_TRUE(s) << s.error().message;
  std::ostringstream second;
  ASSERT_TRUE(export_ledger_csv(*b, second));
  EXPECT_EQ(second.str(), first.str());

  // Importing the export into the ledger it came from changes nothing: every row is unchanged.
  const Counts before = counts(*a);
  auto again = import_ledger_csv(*a, first.str(), options());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->measures_created, 0u);
  EXPECT_EQ(again->measures_updated, 0u);
  EXPECT_EQ(again->measures_unchanged, 3u);
  Counts after = counts(*a);
  EXPECT_EQ(after.audit, before.audit + 1);
  after.audit = before.audit;
  EXPECT_EQ(after, before);
  std::ostringstream third;
  ASSERT_TRUE(export_ledger_csv(*a, third));
  EXPECT_EQ(third.str(), first.str());
}

TEST(LedgerCsv, SeedPlanExportsAndReimportsWithTheEmptyProblem) {
  TempDir dir;
  auto a = open_with_people(dir, "a.db");
  auto plan = parse_plan_text(read_file(shared_path("seed/inspection-rectification-report.zh.txt")),
                              "seed.txt");
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_TRUE(import_plan(*a, *plan, "office", kNow));
  std::ostringstream first;
  ASSERT_TRUE(export_ledger_csv(*a, first));
  auto b = open_with_people(dir, "b.db");
  auto s = import_ledger_csv(*b, first.str(), options());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->problems_created, 16u);
  EXPECT_EQ(s->measures_created, 68u);
  std::ostringstream second;
  ASSERT_TRUE(export_ledger_csv(*b, second));
  EXPECT_EQ(second.str(), first.str());
}

TEST(LedgerCsv, EmptyMeasureNumberTakesTheNextFree) {
  TempDir dir;
  auto db = open_with_people(dir, "a.db");
  std::string csv(kHeader);
  csv += "在作风建设方面,1,会风不正,李四,,一。,张三,,,,,,,,,\n";
  csv += "在作风建设方面,1,会风不正,李四,,二。,张三,,,,,,,,,\n";
  ASSERT_TRUE(import_ledger_csv(*db, csv, options()));
  auto s = import_ledger_csv(
      *db, std::string(kHeader) + "在作风建设方面,1,会风不正,,,三。,,,,,,,,,,\n", options());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(db->sql()
                .execAndGet("SELECT group_concat(ordinal || text, ' ') FROM "
                            "(SELECT * FROM measures ORDER BY ordinal)")
                .getString(),
            "1一。 2二。 3三。");
}

TEST(LedgerCsvCheck, RowsAreCheckedAgainstTheLedgerGivenAsValues) {
  LedgerImportBase base;
  base.people = {{"张三", 7}};
  base.round_id = 3;
  base.categories = {{11, "在作风建设方面", 1}};
  base.problems = {{21, 1, "会风不正", 11, std::nullopt, ""}};
  LedgerImportBase::Measure stored;
  stored.id = 31;
  stored.problem_id = 21;
  stored.problem_number = 1;
  stored.ordinal = 1;
  stored.fields.text = "精简会议。";
  stored.fields.owner_id = 7;
  base.measures = {stored};

  const std::string csv =
      "category,problem_no,problem,measure_no,measure,owner\n"
      "在作风建设方面,1,会风不正,1,精简会议。,张三\n"
      "在作风建设方面,1,会风不正,,压缩时长。,张三\n"
      "在财务管理方面,,经费使用不规范,,核查房租收入。,\n";
  auto records = read_csv(csv, "ledger.csv");
  ASSERT_TRUE(records);
  auto w = check_ledger_records(std::move(*records), base, options());
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ(w->round_id, std::optional<Id>(3));
  EXPECT_EQ(w->max_category_ordinal, 1);
  ASSERT_EQ(w->rows.size(), 3u);
  EXPECT_TRUE(w->rows[0].unchanged);
  EXPECT_EQ(w->rows[0].measure_id, 31);
  EXPECT_FALSE(w->rows[1].unchanged);
  EXPECT_EQ(w->rows[1].measure_id, 0);
  EXPECT_EQ(w->rows[1].measure_no, 2);
  EXPECT_EQ(w->rows[1].fields.text, "压缩时长。");
  EXPECT_EQ(w->rows[1].fields.owner_id, std::optional<Id>(7));
  EXPECT_EQ(w->rows[2].problem_no, 2);
  EXPECT_EQ(w->rows[2].category, "在财务管理方面");
  EXPECT_EQ(w->problems.at(1).id, 21);
  EXPECT_EQ(w->problems.at(2).id, 0);

  auto unknown = read_csv(
      "category,problem,measure,owner\n在作风建设方面,会风不正,精简会议。,李四\n", "ledger.csv");
  ASSERT_TRUE(unknown);
  auto refused = check_ledger_records(std::move(*unknown), base, options());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("ledger.csv: row 2, column owner: unknown person '李四'"),
            std::string::npos)
      << refused.error().message;
}

}  // namespace
}  // namespace rectifyd::ledger_io
