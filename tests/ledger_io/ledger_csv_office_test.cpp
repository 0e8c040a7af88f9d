// The ledger CSV as offices make it: Chinese headers, any order, only the identifying columns,
// GB18030 from Excel on a Chinese Windows, and what is refused.

#include <sstream>

#include <gtest/gtest.h>

#include "child_process.h"
#include "ledger_io/ledger_csv.h"
#include "ledger_io/people_csv.h"
#include "store/database.h"
#include "store/ledger_import.h"
#include "store/people_import.h"
#include "temp_dir.h"

namespace rectifyd::ledger_io {
namespace {

using rectifyd::testing::read_file;
using rectifyd::testing::TempDir;

constexpr std::string_view kPeople =
    "name,title,department,email,mobile,wecom_id,dingtalk_id,feishu_id,roles,time_zone\n"
    "张三,办公室主任,办公室,,,,,,owner,\n"
    "李四,副馆长,馆领导,,,,,,leader,\n";

const LocalDate kToday = LocalDate{date::year{2026} / 3 / 2};
const Instant kNow = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{1};

std::unique_ptr<store::Database> open_with_people(const TempDir& dir) {
  auto db = store::Database::open(dir.file("a.db"));
  EXPECT_TRUE(db) << db.error().message;
  EXPECT_TRUE(import_people_csv(**db, kPeople, PeopleImportOptions{"people.csv", "test", kNow}));
  return std::move(*db);
}

LedgerImportOptions options(std::string source = "台账.csv") {
  LedgerImportOptions o;
  o.source = std::move(source);
  o.today = kToday;
  o.now = kNow;
  return o;
}

std::string csv_of(store::Database& db) {
  std::ostringstream out;
  EXPECT_TRUE(export_ledger_csv(db, out));
  return out.str();
}

/// The text in GB18030, converted by glibc's iconv program as Excel would have saved it.
std::string to_gb18030(const TempDir& dir, const std::string& utf8) {
  const std::string in = dir.write("utf8.csv", utf8);
  const std::string out = dir.file("gb.csv");
  const int rc = rectifyd::testing::run_program(
      "/usr/bin/iconv", {"-f", "UTF-8", "-t", "GB18030", in}, {"PATH=/usr/bin:/bin"},
      dir.path().string(), out, dir.file("iconv.err"));
  EXPECT_EQ(rc, 0) << read_file(dir.file("iconv.err"));
  return read_file(out);
}

// Chinese headers in their own order; no numbers, no status, no counters.
constexpr std::string_view kOffice =
    "整改措施,问题,责任人,完成时限,问题类别\n"
    "补充制定学习方案,政治理论学习重视不够,张三,2026/3/20,在聚焦贯彻落实党的理论路线方针政策方面\n"
    "健全完善学习制度,政治理论学习重视不够,张三,2026-04-30,在聚焦贯彻落实党的理论路线方针政策方面\n"
    "成立意识形态工作领导小组,意识形态工作有短板,,,在聚焦贯彻落实党的理论路线方针政策方面\n";

TEST(LedgerCsvOffice, ChineseHeadersAnyOrderOnlyTheIdentifyingColumns) {
  TempDir dir;
  auto db = open_with_people(dir);
  auto s = import_ledger_csv(*db, kOffice, options());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->encoding, TextEncoding::utf8);
  EXPECT_EQ(s->problems_created, 2u);
  EXPECT_EQ(s->measures_created, 3u);
  // Problems numbered in order of first appearance, measures within each problem.
  auto q = db->sql().execAndGet(
      "SELECT group_concat(p.number || '.' || m.ordinal || ':' || m.status || ':' || "
      "coalesce(m.due, '-'), ' ') FROM measures m JOIN problems p ON p.id = m.problem_id "
      "ORDER BY p.number, m.ordinal");
  EXPECT_EQ(q.getString(), "1.1:open:2026-03-20 1.2:open:2026-04-30 2.1:open:-");

  // The same file again changes nothing: measures are found by their text.
  const std::string before = csv_of(*db);
  auto again = import_ledger_csv(*db, kOffice, options());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->measures_created, 0u);
  EXPECT_EQ(again->measures_updated, 0u);
  EXPECT_EQ(again->measures_unchanged, 3u);
  EXPECT_EQ(csv_of(*db), before);

  // A file with only some columns keeps the rest: the status set elsewhere stays.
  db->sql().exec(
      "UPDATE measures SET status = 'closed', evidence = '已印发' WHERE ordinal = 1 "
      "AND problem_id = (SELECT id FROM problems WHERE number = 1)");
  auto owners = import_ledger_csv(
      *db,
      "问题序号,问题,问题类别,措施序号,整改措施,责任人\n"
      "1,政治理论学习重视不够,在聚焦贯彻落实党的理论路线方针政策方面,1,补充制定学习方案,李四\n",
      options());
  ASSERT_TRUE(owners) << owners.error().message;
  EXPECT_EQ(owners->measures_updated, 1u);
  EXPECT_EQ(db->sql()
                .execAndGet("SELECT m.status || '|' || m.evidence || '|' || o.name || '|' || m.due "
                            "FROM measures m JOIN people o ON o.id = m.owner_id JOIN problems p "
                            "ON p.id = m.problem_id WHERE p.number = 1 AND m.ordinal = 1")
                .getString(),
            "closed|已印发|李四|2026-03-20");
}

TEST(LedgerCsvOffice, EnglishAndChineseNamesAndTheNewCounters) {
  TempDir dir;
  auto db = open_with_people(dir);
  auto s = import_ledger_csv(
      *db,
      "category,问题序号,problem,measure_no,整改措施,状态,约谈人次,书面检讨人次,"
      "建立完善规章制度项数,清退资金入财政国库（元）,清收资金入党费专户（元）,序号,红黄绿灯\n"
      "在聚焦群众身边腐败问题和不正之风方面,12,党费核算不准确,1,补缴党费差额,已销号,0,2,1,"
      "10.5,6232,1,绿灯\n",
      options());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(db->sql()
                .execAndGet("SELECT status || '|' || self_criticisms || '|' || regulations || '|' "
                            "|| funds_returned_fen || '|' || party_fees_fen FROM measures")
                .getString(),
            "closed|2|1|1050|623200");
  // Kept apart per problem, as the report states them.
  EXPECT_EQ(db->sql()
                .execAndGet("SELECT sum(self_criticisms) || '|' || sum(party_fees_fen) FROM "
                            "measure_counts")
                .getString(),
            "2|623200");
  const std::string csv = csv_of(*db);
  EXPECT_NE(csv.find(",self_criticisms,party_fees\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",10.50,2,6232\r\n"), std::string::npos) << csv;
}

TEST(LedgerCsvOffice, Gb18030FromExcelIsConverted) {
  TempDir dir;
  auto db = open_with_people(dir);
  const std::string gb = to_gb18030(dir, std::string(kOffice));
  ASSERT_NE(gb, std::string(kOffice));
  auto s = import_ledger_csv(*db, gb, options());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->encoding, TextEncoding::gb18030);
  EXPECT_EQ(s->measures_created, 3u);
  EXPECT_EQ(db->sql().execAndGet("SELECT title FROM problems WHERE number = 2").getString(),
            "意识形态工作有短板");
  EXPECT_EQ(db->sql()
                .execAndGet("SELECT name FROM people p JOIN measures m ON m.owner_id = p.id "
                            "LIMIT 1")
                .getString(),
            "张三");
}

TEST(LedgerCsvOffice, NeitherUtf8NorGb18030IsRefusedAtItsFirstBadByte) {
  TempDir dir;
  auto db = open_with_people(dir);
  const std::string bad =
      "问题类别,问题,整改措施\n在…方面,问题甲,措施一\n在…方面,ab\xff\xff,措施二\n";
  auto s = import_ledger_csv(*db, bad, options("bad.csv"));
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("bad.csv: row 3, column 2 (line 3, character 8): the file is "
                                   "neither UTF-8 nor GB18030 (GBK) (byte 0xff)"),
            std::string::npos)
      << s.error().message;
  EXPECT_EQ(db->sql().execAndGet("SELECT count(*) FROM problems").getInt(), 0);
}

TEST(LedgerCsvOffice, MissingRequiredColumnsAndBadCellsAreNamed) {
  TempDir dir;
  auto db = open_with_people(dir);
  auto s = import_ledger_csv(*db, "问题,责任人,联系电话\n", options());
  ASSERT_FALSE(s);
  const std::string& m = s.error().message;
  EXPECT_NE(m.find("台账.csv: row 1: column 3: unknown column '联系电话'"), std::string::npos) << m;
  EXPECT_NE(m.find("台账.csv: row 1: missing column 'category' (or '问题类别')"), std::string::npos)
      << m;
  EXPECT_NE(m.find("台账.csv: row 1: missing column 'measure' (or '整改措施')"), std::string::npos)
      << m;

  auto cells = import_ledger_csv(*db,
                                 "问题类别,问题,整改措施,完成时限,状态,责任人\n"
                                 "在…方面,问题甲,措施一,下周,完成了,王二麻子\n",
                                 options());
  ASSERT_FALSE(cells);
  const std::string& c = cells.error().message;
  EXPECT_NE(c.find("台账.csv: row 2, column 完成时限: expected YYYY-MM-DD or today±N, got '下周'"),
            std::string::npos)
      << c;
  EXPECT_NE(c.find("台账.csv: row 2, column 状态: unknown status '完成了'"), std::string::npos)
      << c;
  EXPECT_NE(c.find("台账.csv: row 2, column 责任人: unknown person '王二麻子'"), std::string::npos)
      << c;
  EXPECT_EQ(db->sql().execAndGet("SELECT count(*) FROM rounds").getInt(), 0);
}

}  // namespace
}  // namespace rectifyd::ledger_io
