#include "ledger_io/people_csv.h"

#include <sstream>

#include <gtest/gtest.h>

#include "store/database.h"
#include "store/people_import.h"
#include "temp_dir.h"

namespace rectifyd::ledger_io {
namespace {

using rectifyd::testing::TempDir;

constexpr std::string_view kHeader =
    "name,title,department,email,mobile,wecom_id,dingtalk_id,feishu_id,roles,time_zone\n";

class PeopleCsv : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = store::Database::open(dir_.file("p.db"));
    ASSERT_TRUE(d) << d.error().message;
    db_ = std::move(*d);
  }
  int count(const std::string& sql) { return db_->sql().execAndGet(sql).getInt(); }
  std::string text(const std::string& sql) { return db_->sql().execAndGet(sql).getString(); }

  TempDir dir_;
  std::unique_ptr<store::Database> db_;
  PeopleImportOptions options_{"people.csv", "office",
                               Instant{std::chrono::seconds{1'770'000'000}}};
};

TEST_F(PeopleCsv, ImportsAndUpsertsByName) {
  std::string csv(kHeader);
  csv += "张三,办公室主任,办公室,zhang.san@example.org,13800000001,ZhangSan,,,owner;office,\n";
  csv += "李四,副馆长,馆领导,li.si@example.org,,LiSi,ls01,ou_1,分管领导、责任人,Asia/Shanghai\n";
  auto s = import_people_csv(*db_, csv, options_);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->created, 2u);
  EXPECT_EQ(s->updated, 0u);
  EXPECT_EQ(text("SELECT roles FROM people WHERE name='张三'"), "owner,office");
  EXPECT_EQ(text("SELECT roles FROM people WHERE name='李四'"), "owner,leader");
  EXPECT_EQ(text("SELECT dingtalk_id || '|' || feishu_id || '|' || time_zone FROM people WHERE "
                 "name='李四'"),
            "ls01|ou_1|Asia/Shanghai");

  std::string again(kHeader);
  again += "张三,办公室主任（兼）,办公室,zhang.san@example.org,13800000001,ZhangSan,,,owner,\n";
  auto s2 = import_people_csv(*db_, again, options_);
  ASSERT_TRUE(s2) << s2.error().message;
  EXPECT_EQ(s2->created, 0u);
  EXPECT_EQ(s2->updated, 1u);
  EXPECT_EQ(count("SELECT count(*) FROM people"), 2);
  EXPECT_EQ(text("SELECT title FROM people WHERE name='张三'"), "办公室主任（兼）");
  EXPECT_EQ(text("SELECT roles FROM people WHERE name='张三'"), "owner");
  EXPECT_EQ(count("SELECT count(*) FROM audit WHERE action='people.import' AND actor='office'"), 2);
}

TEST_F(PeopleCsv, EveryBadRowIsReportedAndNothingIsWritten) {
  std::string csv(kHeader);
  csv += "张三,主任,办公室,zhang.san@example.org,13800000001,,,,owner,\n";
  csv += "李四,科长,业务科,lisi-at-example.org,,,,,owner,\n";
  csv += "王五,科长,业务科,,1380000abcd,,,,boss,\n";
  csv += ",科员,办公室,,,,,,office,Mars/Olympus\n";
  csv += "张三,重复,办公室,,,,,,owner,\n";
  csv += "赵六,科员\n";
  auto s = import_people_csv(*db_, csv, options_);
  ASSERT_FALSE(s);
  const auto& m = s.error().message;
  EXPECT_NE(m.find("people.csv: row 3, column email: expected an address like name@example.org, "
                   "got 'lisi-at-example.org'"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("people.csv: row 4, column mobile:"), std::string::npos) << m;
  EXPECT_NE(m.find("people.csv: row 4, column roles: unknown role 'boss'"), std::string::npos) << m;
  EXPECT_NE(m.find("people.csv: row 5, column name: a name is required"), std::string::npos) << m;
  EXPECT_NE(m.find("people.csv: row 5, column time_zone: unknown time zone 'Mars/Olympus'"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("people.csv: row 6, column name: '张三' appears again (first on row 2)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("people.csv: row 7: expected 10 fields, found 2"), std::string::npos) << m;
  EXPECT_EQ(count("SELECT count(*) FROM people"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit"), 0);
}

TEST_F(PeopleCsv, HeaderIsChecked) {
  auto s = import_people_csv(*db_, "name,title,email,phone\n张三,主任,a@example.org,1\n", options_);
  ASSERT_FALSE(s);
  const auto& m = s.error().message;
  EXPECT_NE(m.find("people.csv: row 1: column 4: unknown column 'phone'"), std::string::npos) << m;
  EXPECT_NE(m.find("people.csv: row 1: missing column 'roles'"), std::string::npos) << m;
  EXPECT_EQ(count("SELECT count(*) FROM people"), 0);
}

TEST_F(PeopleCsv, ColumnsMayComeInAnyOrderAndExportRoundTrips) {
  std::string csv =
      "roles,name,email,title,department,mobile,wecom_id,dingtalk_id,feishu_id,"
      "time_zone\r\n"
      "leader;owner,\"李, 四\",li.si@example.org,副馆长,馆领导,,,,,\r\n";
  ASSERT_TRUE(import_people_csv(*db_, csv, options_));
  std::ostringstream out;
  ASSERT_TRUE(export_people_csv(*db_, out));
  EXPECT_EQ(out.str(),
            "name,title,department,email,mobile,wecom_id,dingtalk_id,feishu_id,roles,time_zone\r\n"
            "\"李, 四\",副馆长,馆领导,li.si@example.org,,,,,owner;leader,\r\n");
  TempDir other;
  auto db2 = store::Database::open(other.file("q.db"));
  ASSERT_TRUE(db2);
  ASSERT_TRUE(import_people_csv(**db2, out.str(), options_));
  std::ostringstream out2;
  ASSERT_TRUE(export_people_csv(**db2, out2));
  EXPECT_EQ(out2.str(), out.str());
}

}  // namespace
}  // namespace rectifyd::ledger_io
