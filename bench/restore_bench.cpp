// Backup and restore of a 1,000,000-measure ledger: the time rectifyctl backup takes (VACUUM
// INTO), the check a restore makes first (integrity_check), and the whole restore, against a
// plain copy of the same file measured in the same run.
//
// Usage: restore_bench [database-file]   (default: next to the binary; generated once, reused;
//        stats_bench makes the same ledger, so either's file serves both)

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "big_ledger.h"
#include "core/dates.h"
#include "store/backup.h"
#include "store/database.h"

namespace {

using namespace rectifyd;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path =
      argc > 1 ? argv[1] : (fs::path(argv[0]).parent_path() / "restore_bench.db").string();
  {
    auto db = store::Database::open(path);
    if (!db) {
      std::fprintf(stderr, "restore_bench: %s\n", db.error().message.c_str());
      return 1;
    }
    const auto have = (*db)->sql().execAndGet("SELECT count(*) FROM measures").getInt64();
    if (have == 0) {
      const auto start = Clock::now();
      bench::generate_big_ledger(**db);
      std::printf("generated %d measures in %.1f s: %s\n", bench::kBigLedgerMeasures,
                  seconds_since(start), path.c_str());
    } else if (have != bench::kBigLedgerMeasures) {
      std::fprintf(stderr, "restore_bench: %s holds another ledger; remove it first\n",
                   path.c_str());
      return 1;
    }
    (*db)->sql().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  const fs::path work = fs::path(path).parent_path() / "restore_bench.work";
  fs::remove_all(work);
  fs::create_directories(work);
  const std::string copy = (work / "copy.db").string();
  const std::string live = (work / "live.db").string();
  const std::string backup = (work / "backup.db").string();
  const Instant now = *parse_instant("2026-03-02T02:30:00Z");

  // Baseline: the bytes alone.
  auto start = Clock::now();
  fs::copy_file(path, copy);
  const double copy_s = seconds_since(start);
  const double mb = static_cast<double>(fs::file_size(path)) / (1024.0 * 1024.0);
  fs::copy_file(path, live);

  double backup_s = 0;
  {
    auto db = store::Database::open(live);
    if (!db) {
      std::fprintf(stderr, "restore_bench: %s\n", db.error().message.c_str());
      return 1;
    }
    start = Clock::now();
    auto info = store::write_backup(**db, backup, now);
    backup_s = seconds_since(start);
    if (!info) {
      std::fprintf(stderr, "restore_bench: %s\n", info.error().message.c_str());
      return 1;
    }
  }

  start = Clock::now();
  auto checked = store::check_backup(backup);
  const double check_s = seconds_since(start);
  if (!checked) {
    std::fprintf(stderr, "restore_bench: %s\n", checked.error().message.c_str());
    return 1;
  }

  start = Clock::now();
  auto restored = store::restore_backup(backup, live, now);
  const double restore_s = seconds_since(start);
  if (!restored) {
    std::fprintf(stderr, "restore_bench: %s\n", restored.error().message.c_str());
    return 1;
  }
  start = Clock::now();
  auto reopened = store::Database::open(live);
  const double open_s = seconds_since(start);
  if (!reopened || store::count_ledger(**reopened).measures != bench::kBigLedgerMeasures) {
    std::fprintf(stderr, "restore_bench: the restored ledger is not whole\n");
    return 1;
  }

  std::printf("database: %d measures, %.0f MiB\n", bench::kBigLedgerMeasures, mb);
  std::printf("plain file copy (baseline):   %.2f s\n", copy_s);
  std::printf("backup (VACUUM INTO + check): %.2f s (%.1fx the copy)\n", backup_s,
              backup_s / copy_s);
  std::printf("check of the copy:            %.2f s\n", check_s);
  std::printf("restore (check, copy, swap):  %.2f s (%.1fx the copy)\n", restore_s,
              restore_s / copy_s);
  std::printf("first open after restore:     %.2f s (quick_check)\n", open_s);
  std::printf("restore until the daemon can start: %.2f s\n", restore_s + open_s);
  fs::remove_all(work);
  return 0;
}
