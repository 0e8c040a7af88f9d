#pragma once
// Copies of the database a unit can go back to. A backup is a consistent snapshot taken while
// the daemon runs (VACUUM INTO, which reads inside one transaction), written beside its final
// name and renamed into place once flushed, so a crash leaves either no file or a whole one.
// The copy carries when it was taken (a backup_meta table, dropped again on restore), and the
// evidence folder beside the database, when there is one, goes along as <copy>.evidence/.
//
// A restore checks the copy first (integrity, a schema this rectifyd knows, the ledger's
// tables), keeps the database it replaces aside, and says what it restored.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/result.h"

namespace rectifyd::store {

class Database;

/// What a ledger holds, for saying what a copy or a restore contains.
struct LedgerCounts {
  long long rounds = 0;
  long long problems = 0;
  long long measures = 0;
  long long people = 0;
  long long outbox_waiting = 0;  ///< rows not yet sent (pending, sending, retrying)
  long long audit = 0;
};

struct BackupInfo {
  std::string path;
  std::optional<Instant> taken_at;  ///< absent in a copy made by other means
  int schema_version = 0;
  LedgerCounts counts;
  std::size_t evidence_files = 0;  ///< files in <path>.evidence/
};

/// The evidence folder of the database at `db_path`: "evidence" beside it.
std::filesystem::path evidence_dir(const std::string& db_path);
/// The evidence folder that goes with a backup file: "<backup>.evidence".
std::filesystem::path backup_evidence_dir(const std::string& backup_path);

/// Writes a consistent copy of `db` to `dest` stamped with `now`, and the evidence folder
/// when it exists. Refuses a `dest` that exists. An Error names the file and the cause
/// ("No space left on device"); nothing is left behind under `dest`.
Result<BackupInfo> write_backup(Database& db, const std::string& dest, Instant now);

/// Opens a copy read-only and checks it. An Error says what is wrong with it.
Result<BackupInfo> check_backup(const std::string& path);

struct RestoreResult {
  BackupInfo restored;
  std::string replaced;           ///< where the database it replaced was kept; empty if none
  std::string replaced_evidence;  ///< likewise for the evidence folder
};

/// Replaces the database at `db_path` (and its evidence folder, when the copy has one) with
/// the copy, after check_backup. The database replaced is renamed to
/// "<db_path>.replaced-YYYYMMDDTHHMMSSZ" with its -wal and -shm files. Refused while another
/// process (the daemon) holds the database (see DatabaseLock).
Result<RestoreResult> restore_backup(const std::string& backup, const std::string& db_path,
                                     Instant now);

/// "rectifyd-20260302-023000.db": the daily backup's file name for an instant (UTC).
std::string daily_backup_name(Instant at);
/// The daily backups in `folder`, newest first (by the time in their names).
std::vector<std::filesystem::path> list_daily_backups(const std::filesystem::path& folder);
/// Removes all but the newest `keep` daily backups (with their evidence folders).
Status prune_daily_backups(const std::filesystem::path& folder, std::size_t keep);
/// The newest daily backup in `folder` that passes check_backup.
std::optional<BackupInfo> newest_good_backup(const std::filesystem::path& folder);

/// Counts of an open database.
LedgerCounts count_ledger(Database& db);

/// An advisory lock a running daemon holds on its database (flock on "<db>.lock"), so that a
/// restore cannot swap the file under it.
class DatabaseLock {
 public:
  /// Takes the lock, or says who holds it.
  static Result<DatabaseLock> acquire(const std::string& db_path);
  DatabaseLock(DatabaseLock&& other) noexcept;
  DatabaseLock& operator=(DatabaseLock&&) = delete;
  DatabaseLock(const DatabaseLock&) = delete;
  ~DatabaseLock();

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace rectifyd::store
