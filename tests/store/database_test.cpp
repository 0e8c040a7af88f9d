#include "store/database.h"

#include <gtest/gtest.h>

#include "store/migrations.h"
#include "temp_dir.h"

namespace rectifyd::store {
namespace {

using rectifyd::testing::TempDir;

TEST(Database, CreatesAndMigratesToLatest) {
  TempDir dir;
  auto db = Database::open(dir.file("a.db"));
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ((*db)->schema_version(), latest_schema_version());
  EXPECT_EQ((*db)->sql().execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ((*db)->sql().execAndGet("PRAGMA foreign_keys").getInt(), 1);
}

TEST(Database, ReopenKeepsData) {
  TempDir dir;
  {
    auto db = Database::open(dir.file("a.db"));
    ASSERT_TRUE(db);
    (*db)->write([&] { (*db)->sql().exec("INSERT INTO people(name) VALUES ('张三')"); });
  }
  auto db = Database::open(dir.file("a.db"));
  ASSERT_TRUE(db);
  EXPECT_EQ((*db)->sql().execAndGet("SELECT count(*) FROM people").getInt(), 1);
}

TEST(Database, RefusesANewerSchema) {
  TempDir dir;
  {
    SQLite::Database raw(dir.file("a.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA user_version=" + std::to_string(latest_schema_version() + 1));
  }
  auto db = Database::open(dir.file("a.db"));
  ASSERT_FALSE(db);
  EXPECT_NE(db.error().message.find("newer than this rectifyd"), std::string::npos)
      << db.error().message;
}

TEST(Database, RefusesAFileThatIsNotADatabase) {
  TempDir dir;
  auto path = dir.write("junk.db", std::string(8192, 'x'));
  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_NE(db.error().message.find("junk.db"), std::string::npos);
}

TEST(Database, WriteRollsBackWhenTheBodyThrows) {
  TempDir dir;
  auto db = Database::open(dir.file("a.db"));
  ASSERT_TRUE(db);
  EXPECT_THROW((*db)->write([&] {
    (*db)->sql().exec("INSERT INTO people(name) VALUES ('李四')");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ((*db)->sql().execAndGet("SELECT count(*) FROM people").getInt(), 0);
}

TEST(Database, ForeignKeysAreEnforced) {
  TempDir dir;
  auto db = Database::open(dir.file("a.db"));
  ASSERT_TRUE(db);
  EXPECT_THROW(
      (*db)->sql().exec("INSERT INTO measures(problem_id, ordinal, text) VALUES (99,1,'x')"),
      SQLite::Exception);
}

}  // namespace
}  // namespace rectifyd::store
