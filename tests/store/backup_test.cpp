// Backups and restore on real SQLite files: a copy taken while a second connection writes is
// whole and says when it was taken; a damaged, foreign or too new copy is refused before
// anything is replaced; a restore keeps the replaced database and evidence aside; a running
// daemon's lock refuses a restore; old daily copies are pruned.

#include "store/backup.h"

#include <fstream>
#include <functional>

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "core/dates.h"
#include "store/database.h"
#include "store/demo_import.h"
#include "store/migrations.h"
#include "temp_dir.h"

namespace rectifyd::store {
namespace {

namespace fs = std::filesystem;
using rectifyd::testing::read_file;
using rectifyd::testing::TempDir;

const Instant kNow = *parse_instant("2026-03-02T02:30:00Z");

std::unique_ptr<Database> demo_db(const std::string& path) {
  auto db = Database::open(path);
  EXPECT_TRUE(db) << db.error().message;
  auto demo = store::load_demo(**db, kNow);
  EXPECT_TRUE(demo && demo->loaded);
  return std::move(*db);
}

long long measures(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM measures").getInt64();
}

TEST(Backup, CopyIsWholeStampedAndChecked) {
  TempDir dir;
  auto db = demo_db(dir.file("live.db"));
  const LedgerCounts live = count_ledger(*db);
  auto info = write_backup(*db, dir.file("copy.db"), kNow);
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->path, dir.file("copy.db"));
  ASSERT_TRUE(info->taken_at);
  EXPECT_EQ(*info->taken_at, kNow);
  EXPECT_EQ(info->schema_version, latest_schema_version());
  EXPECT_EQ(info->counts.measures, live.measures);
  EXPECT_EQ(info->counts.problems, 16);
  EXPECT_EQ(info->counts.people, live.people);
  EXPECT_FALSE(fs::exists(dir.file("copy.db.part")));
  EXPECT_FALSE(fs::exists(dir.file("copy.db-wal")));

  // The name is never overwritten.
  auto again = write_backup(*db, dir.file("copy.db"), kNow);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("exists already"), std::string::npos);
}

TEST(Backup, CopyTakenWhileAnotherConnectionHoldsAWriteIsConsistent) {
  TempDir dir;
  auto db = demo_db(dir.file("live.db"));
  const long long before = count_ledger(*db).measures;
  // A second writer (as rectifyctl beside the daemon) has deleted rows it has not committed.
  SQLite::Database writer(dir.file("live.db"), SQLite::OPEN_READWRITE);
  writer.exec("BEGIN IMMEDIATE");
  writer.exec("DELETE FROM measures WHERE id % 2 = 0");
  auto info = write_backup(*db, dir.file("copy.db"), kNow);
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->counts.measures, before);
  writer.exec("COMMIT");
  EXPECT_EQ(measures(dir.file("copy.db")), before);
}

TEST(Backup, EvidenceFolderGoesAlong) {
  TempDir dir;
  auto db = demo_db(dir.file("live.db"));
  fs::create_directories(dir.path() / "evidence" / "12");
  dir.write("evidence/12/制度文件.pdf", "%PDF-1.4 制度");
  dir.write("evidence/notes.txt", "纪要");
  auto info = write_backup(*db, dir.file("copy.db"), kNow);
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->evidence_files, 2u);
  EXPECT_EQ(read_file(dir.file("copy.db.evidence/12/制度文件.pdf")), "%PDF-1.4 制度");
}

TEST(Backup, UnwritableDestinationLeavesNothing) {
  TempDir dir;
  auto db = demo_db(dir.file("live.db"));
  auto info = write_backup(*db, dir.file("no-such-folder/copy.db"), kNow);
  ASSERT_FALSE(info);
  EXPECT_NE(info.error().message.find("backup failed, nothing was written"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir.file("no-such-folder/copy.db")));
  EXPECT_FALSE(fs::exists(dir.file("no-such-folder/copy.db.part")));
}

struct BadCopy {
  const char* name;
  std::function<void(const std::string& path)> spoil;
  const char* says;
};

TEST(Backup, CheckRefusesBadCopies) {
  const BadCopy cases[] = {
      {"missing", [](const std::string& p) { fs::remove(p); }, "no such backup file"},
      {"not a database",
       [](const std::string& p) { std::ofstream(p, std::ios::trunc) << "name,title\n张三,主任\n"; },
       "the copy is damaged or not a database"},
      {"truncated", [](const std::string& p) { fs::resize_file(p, fs::file_size(p) / 3); },
       "the copy is damaged"},
      {"newer schema",
       [](const std::string& p) {
         SQLite::Database db(p, SQLite::OPEN_READWRITE);
         db.exec("PRAGMA user_version=999");
       },
       "schema version 999"},
      {"foreign database",
       [](const std::string& p) {
         fs::remove(p);
         SQLite::Database db(p, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
         db.exec("CREATE TABLE t(x); PRAGMA user_version=1");
       },
       "not a rectifyd database"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    auto db = demo_db(dir.file("live.db"));
    ASSERT_TRUE(write_backup(*db, dir.file("copy.db"), kNow));
    c.spoil(dir.file("copy.db"));
    auto checked = check_backup(dir.file("copy.db"));
    ASSERT_FALSE(checked);
    EXPECT_NE(checked.error().message.find(c.says), std::string::npos) << checked.error().message;
    // A refused copy replaces nothing.
    const long long live = count_ledger(*db).measures;
    db.reset();
    auto restored = restore_backup(dir.file("copy.db"), dir.file("live.db"), kNow);
    ASSERT_FALSE(restored);
    EXPECT_NE(restored.error().message.find("nothing was replaced"), std::string::npos);
    EXPECT_EQ(measures(dir.file("live.db")), live);
  }
}

TEST(Backup, RestoreReplacesAndKeepsTheOldAside) {
  TempDir dir;
  auto db = demo_db(dir.file("live.db"));
  const long long all = count_ledger(*db).measures;
  fs::create_directories(dir.path() / "evidence");
  dir.write("evidence/a.txt", "old evidence");
  ASSERT_TRUE(write_backup(*db, dir.file("copy.db"), kNow));
  db->sql().exec("DELETE FROM outbox; DELETE FROM measures WHERE id > 3");
  dir.write("evidence/a.txt", "changed after the backup");
  db.reset();

  auto r = restore_backup(dir.file("copy.db"), dir.file("live.db"), kNow + std::chrono::hours{5});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->restored.counts.measures, all);
  EXPECT_EQ(r->replaced, dir.file("live.db.replaced-20260302T073000Z"));
  EXPECT_EQ(measures(dir.file("live.db")), all);
  EXPECT_EQ(measures(r->replaced), 3);
  EXPECT_EQ(read_file(dir.file("evidence/a.txt")), "old evidence");
  EXPECT_EQ(read_file(r->replaced_evidence + "/a.txt"), "changed after the backup");

  // The restored file is an ordinary database again: no backup stamp, opens and migrates.
  auto reopened = Database::open(dir.file("live.db"));
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_FALSE((*reopened)->sql().tableExists("backup_meta"));
}

TEST(Backup, RestoreIsRefusedWhileTheDaemonHoldsTheDatabase) {
  TempDir dir;
  auto db = demo_db(dir.file("live.db"));
  ASSERT_TRUE(write_backup(*db, dir.file("copy.db"), kNow));
  auto lock = DatabaseLock::acquire(dir.file("live.db"));
  ASSERT_TRUE(lock) << lock.error().message;
  auto r = restore_backup(dir.file("copy.db"), dir.file("live.db"), kNow);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("rectifyd is running"), std::string::npos);
  EXPECT_FALSE(DatabaseLock::acquire(dir.file("live.db")));
}

TEST(Backup, DailyCopiesAreListedNewestFirstAndPruned) {
  TempDir dir;
  auto db = demo_db(dir.file("live.db"));
  fs::create_directories(dir.path() / "b");
  for (int day = 1; day <= 5; ++day) {
    const Instant at = kNow + date::days{day};
    ASSERT_TRUE(write_backup(*db, (dir.path() / "b" / daily_backup_name(at)).string(), at));
  }
  dir.write("b/notes.txt", "not a backup");
  auto all = list_daily_backups(dir.path() / "b");
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all.front().filename(), "rectifyd-20260307-023000.db");
  ASSERT_TRUE(prune_daily_backups(dir.path() / "b", 2));
  all = list_daily_backups(dir.path() / "b");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all.back().filename(), "rectifyd-20260306-023000.db");
  EXPECT_TRUE(fs::exists(dir.path() / "b" / "notes.txt"));

  // The newest that passes its check.
  std::ofstream(all.front(), std::ios::trunc) << "damaged";
  auto good = newest_good_backup(dir.path() / "b");
  ASSERT_TRUE(good);
  EXPECT_EQ(fs::path(good->path).filename(), "rectifyd-20260306-023000.db");
}

}  // namespace
}  // namespace rectifyd::store
