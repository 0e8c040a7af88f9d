// The real rectifyctl backup / restore on temporary databases: what each says, what restore
// refuses, and the audit row a restore leaves.

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "captured_run.h"
#include "temp_dir.h"

namespace rectifyd::ctl {
namespace {

namespace fs = std::filesystem;
using rectifyd::testing::read_file;
using rectifyd::testing::TempDir;

using CtlRun = rectifyd::testing::CapturedRun;

class BackupCommandsTest : public ::testing::Test {
 protected:
  CtlRun ctl(std::initializer_list<std::string> args,
             const char* now = "2026-03-10T09:00:00+08:00") {
    std::vector<std::string> all{"--db", dir_.file("ledger.db"), "--now", now};
    all.insert(all.end(), args);
    return rectifyd::testing::run_captured(RECTIFYCTL_PATH, all, dir_.path().string());
  }
  long long scalar(const std::string& sql) {
    SQLite::Database db(dir_.file("ledger.db"), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
  }
  TempDir dir_;
};

TEST_F(BackupCommandsTest, BackupThenRestoreSaysWhatAndKeepsTheOldAside) {
  ASSERT_EQ(ctl({"import", "demo"}).exit, 0);
  const long long measures = scalar("SELECT count(*) FROM measures");
  auto b = ctl({"backup", dir_.file("copy.db")});
  ASSERT_EQ(b.exit, 0) << b.err;
  EXPECT_NE(b.out.find("已备份到 " + dir_.file("copy.db")), std::string::npos) << b.out;
  EXPECT_NE(b.out.find("2026-03-10T09:00"), std::string::npos) << b.out;
  EXPECT_NE(b.out.find("16 个问题、" + std::to_string(measures) + " 项措施"), std::string::npos)
      << b.out;
  EXPECT_NE(b.out.find("rectifyctl restore " + dir_.file("copy.db")), std::string::npos);

  auto check = ctl({"--json", "restore", "--check", dir_.file("copy.db")});
  ASSERT_EQ(check.exit, 0) << check.err;
  auto info = boost::json::parse(check.out).as_object();
  EXPECT_EQ(info.at("measures").as_int64(), measures);
  EXPECT_EQ(info.at("taken_at").as_string(), "2026-03-10T01:00:00Z");

  {
    SQLite::Database db(dir_.file("ledger.db"), SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM measures WHERE id > 5");
  }
  auto r = ctl({"restore", dir_.file("copy.db")}, "2026-03-11T10:00:00+08:00");
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("已从 " + dir_.file("copy.db") + " 恢复"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("备份于 2026-03-10T09:00"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("被替换的数据库保存在 " + dir_.file("ledger.db.replaced-20260311T020000Z")),
            std::string::npos)
      << r.out;
  EXPECT_EQ(scalar("SELECT count(*) FROM measures"), measures);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit WHERE action = 'store.restore'"), 1);
  SQLite::Database aside(dir_.file("ledger.db.replaced-20260311T020000Z"), SQLite::OPEN_READONLY);
  EXPECT_EQ(aside.execAndGet("SELECT count(*) FROM measures").getInt64(), 5);
}

TEST_F(BackupCommandsTest, RefusalsNameTheProblemAndReplaceNothing) {
  ASSERT_EQ(ctl({"import", "demo"}).exit, 0);
  const long long measures = scalar("SELECT count(*) FROM measures");
  ASSERT_EQ(ctl({"backup", dir_.file("copy.db")}).exit, 0);
  auto again = ctl({"backup", dir_.file("copy.db")});
  EXPECT_NE(again.exit, 0);
  EXPECT_NE(again.err.find("exists already"), std::string::npos) << again.err;

  std::ofstream(dir_.file("bad.db")) << "not a database at all";
  auto bad = ctl({"restore", dir_.file("bad.db")});
  EXPECT_NE(bad.exit, 0);
  EXPECT_NE(bad.err.find(dir_.file("bad.db")), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("nothing was replaced"), std::string::npos) << bad.err;
  auto missing = ctl({"restore", dir_.file("no-such.db")});
  EXPECT_NE(missing.exit, 0);
  EXPECT_NE(missing.err.find("no such backup file"), std::string::npos) << missing.err;
  EXPECT_EQ(scalar("SELECT count(*) FROM measures"), measures);
  for (const auto& e : fs::directory_iterator(dir_.path()))
    EXPECT_EQ(e.path().filename().string().find("replaced"), std::string::npos);
}

}  // namespace
}  // namespace rectifyd::ctl
