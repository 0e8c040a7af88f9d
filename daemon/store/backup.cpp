#include "store/backup.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <regex>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <date/date.h>

#include "core/dates.h"
#include "store/database.h"
#include "store/migrations.h"

namespace rectifyd::store {
namespace fs = std::filesystem;
namespace {

constexpr const char* kDailyPrefix = "rectifyd-";
constexpr const char* kDailySuffix = ".db";

/// Tables a copy must have to be a ledger at all.
constexpr const char* kRequiredTables[] = {"people",   "rounds", "categories", "problems",
                                           "measures", "outbox", "audit"};

long long count(SQLite::Database& sql, const std::string& query) {
  return sql.execAndGet(query).getInt64();
}

LedgerCounts count_tables(SQLite::Database& sql) {
  LedgerCounts c;
  c.rounds = count(sql, "SELECT count(*) FROM rounds");
  c.problems = count(sql, "SELECT count(*) FROM problems");
  c.measures = count(sql, "SELECT count(*) FROM measures");
  c.people = count(sql, "SELECT count(*) FROM people");
  c.outbox_waiting =
      count(sql, "SELECT count(*) FROM outbox WHERE state IN ('pending','sending','failed')");
  c.audit = count(sql, "SELECT count(*) FROM audit");
  return c;
}

/// Flushes a file or a directory to the disk.
Status sync_path(const fs::path& p, bool directory) {
  const int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0)
    return Error{p.string() + ": " + std::strerror(errno)};
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0)
    return Error{p.string() + ": " + std::strerror(err)};
  return ok_status();
}

fs::path parent_or_dot(const fs::path& p) {
  return p.has_parent_path() ? p.parent_path() : fs::path(".");
}

std::size_t count_files(const fs::path& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec))
      ++n;
  }
  return n;
}

/// Copies a folder whole under a temporary name, then renames it to `to`.
Status copy_folder(const fs::path& from, const fs::path& to) {
  const fs::path part = to.string() + ".part";
  std::error_code ec;
  fs::remove_all(part, ec);
  fs::copy(from, part, fs::copy_options::recursive, ec);
  if (!ec)
    fs::rename(part, to, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove_all(part, ignored);
    return Error{to.string() + ": " + ec.message()};
  }
  return ok_status();
}

std::string stamp(Instant at) {
  return date::format("%Y%m%dT%H%M%SZ", std::chrono::floor<std::chrono::seconds>(at));
}

}  // namespace

fs::path evidence_dir(const std::string& db_path) {
  return parent_or_dot(db_path) / "evidence";
}

fs::path backup_evidence_dir(const std::string& backup_path) {
  return backup_path + ".evidence";
}

LedgerCounts count_ledger(Database& db) {
  return count_tables(db.sql());
}

Result<BackupInfo> write_backup(Database& db, const std::string& dest, Instant now) {
  std::error_code ec;
  if (fs::exists(dest, ec))
    return Error{dest + ": exists already; choose another name (nothing was written)"};
  const fs::path final_path(dest);
  const fs::path part = dest + ".part";
  fs::remove(part, ec);
  auto fail = [&](const std::string& why) -> Error {
    std::error_code ignored;
    fs::remove(part, ignored);
    return Error{dest + ": backup failed, nothing was written: " + why};
  };
  try {
    SQLite::Statement vacuum(db.sql(), "VACUUM INTO ?");
    vacuum.bind(1, part.string());
    vacuum.exec();
    {
      SQLite::Database copy(part.string(), SQLite::OPEN_READWRITE);
      // A single file, readable where no -wal or -shm can be made (a read-only medium).
      copy.exec("PRAGMA journal_mode=DELETE");
      copy.exec("CREATE TABLE backup_meta(taken_at TEXT NOT NULL, source TEXT NOT NULL)");
      SQLite::Statement meta(copy, "INSERT INTO backup_meta(taken_at, source) VALUES (?, ?)");
      meta.bind(1, format_instant_utc(now));
      meta.bind(2, db.path());
      meta.exec();
    }
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  if (auto st = sync_path(part, false); !st)
    return fail(st.error().message);
  fs::rename(part, final_path, ec);
  if (ec)
    return fail(ec.message());
  if (auto st = sync_path(parent_or_dot(final_path), true); !st)
    return fail(st.error().message);

  const fs::path evidence = evidence_dir(db.path());
  if (fs::is_directory(evidence, ec)) {
    if (auto st = copy_folder(evidence, backup_evidence_dir(dest)); !st) {
      std::error_code ignored;
      fs::remove(final_path, ignored);
      return fail("the evidence files could not be copied: " + st.error().message);
    }
  }
  return check_backup(dest);
}

Result<BackupInfo> check_backup(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return Error{path + ": no such backup file"};
  BackupInfo info;
  info.path = path;
  try {
    SQLite::Database copy(path, SQLite::OPEN_READONLY);
    const std::string check = copy.execAndGet("PRAGMA integrity_check").getString();
    if (check != "ok")
      return Error{path + ": the copy is damaged (integrity_check: " + check + ")"};
    info.schema_version = copy.execAndGet("PRAGMA user_version").getInt();
    if (info.schema_version < 1 || info.schema_version > latest_schema_version())
      return Error{path + ": schema version " + std::to_string(info.schema_version) +
                   " is not one this rectifyd knows (1 to " +
                   std::to_string(latest_schema_version()) + ")"};
    for (const char* table : kRequiredTables) {
      SQLite::Statement q(copy, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
      q.bind(1, table);
      if (!q.executeStep())
        return Error{path + ": not a rectifyd database (no table " + table + ")"};
    }
    info.counts = count_tables(copy);
    if (copy.tableExists("backup_meta")) {
      SQLite::Statement q(copy, "SELECT taken_at FROM backup_meta LIMIT 1");
      if (q.executeStep())
        info.taken_at = parse_instant(q.getColumn(0).getString());
    }
  } catch (const std::exception& e) {
    return Error{path + ": the copy is damaged or not a database (" + std::string(e.what()) + ")"};
  }
  if (const fs::path ev = backup_evidence_dir(path); fs::is_directory(ev, ec))
    info.evidence_files = count_files(ev);
  return info;
}

Result<RestoreResult> restore_backup(const std::string& backup, const std::string& db_path,
                                     Instant now) {
  auto checked = check_backup(backup);
  if (!checked)
    return Error{checked.error().message + "; nothing was replaced"};
  auto lock = DatabaseLock::acquire(db_path);
  if (!lock)
    return lock.error();

  RestoreResult out;
  out.restored = std::move(*checked);
  std::error_code ec;
  const fs::path target(db_path);
  const fs::path part = db_path + ".restoring";
  fs::remove(part, ec);
  fs::copy_file(backup, part, ec);
  if (ec)
    return Error{db_path + ": cannot copy " + backup + " beside it (" + ec.message() +
                 "); nothing was replaced"};
  try {
    SQLite::Database copy(part.string(), SQLite::OPEN_READWRITE);
    copy.exec("DROP TABLE IF EXISTS backup_meta");
  } catch (const std::exception& e) {
    fs::remove(part, ec);
    return Error{db_path + ": cannot prepare the copy (" + std::string(e.what()) +
                 "); nothing was replaced"};
  }
  if (auto st = sync_path(part, false); !st) {
    fs::remove(part, ec);
    return Error{st.error().message + "; nothing was replaced"};
  }

  // The database replaced is kept whole (with its WAL, which may hold its latest writes).
  const std::string aside = db_path + ".replaced-" + stamp(now);
  if (fs::exists(target, ec)) {
    for (const char* suffix : {"-wal", "-shm"}) {
      const fs::path side = db_path + suffix;
      if (fs::exists(side, ec)) {
        fs::rename(side, aside + suffix, ec);
        if (ec)
          return Error{side.string() + ": cannot be kept aside (" + ec.message() +
                       "); nothing was replaced"};
      }
    }
    fs::rename(target, aside, ec);
    if (ec)
      return Error{db_path + ": cannot be kept aside (" + ec.message() + ")"};
    out.replaced = aside;
  }
  fs::rename(part, target, ec);
  if (ec)
    return Error{db_path + ": cannot put the copy in place (" + ec.message() + "); the database " +
                 "it was to replace is at " + aside};
  (void)sync_path(parent_or_dot(target), true);

  const fs::path copy_evidence = backup_evidence_dir(backup);
  const fs::path live_evidence = evidence_dir(db_path);
  if (fs::is_directory(copy_evidence, ec)) {
    if (fs::exists(live_evidence, ec)) {
      out.replaced_evidence = live_evidence.string() + ".replaced-" + stamp(now);
      fs::rename(live_evidence, out.replaced_evidence, ec);
      if (ec)
        return Error{live_evidence.string() + ": cannot be kept aside (" + ec.message() +
                     "); the database was restored, the evidence files were not"};
    }
    if (auto st = copy_folder(copy_evidence, live_evidence); !st)
      return Error{st.error().message + "; the database was restored, the evidence files were not"};
  }
  return out;
}

std::string daily_backup_name(Instant at) {
  return kDailyPrefix +
         date::format("%Y%m%d-%H%M%S", std::chrono::floor<std::chrono::seconds>(at)) + kDailySuffix;
}

std::vector<fs::path> list_daily_backups(const fs::path& folder) {
  static const std::regex kName(R"(rectifyd-\d{8}-\d{6}\.db)");
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::end(it); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_regular_file(ec) && std::regex_match(name, kName))
      out.push_back(it->path());
  }
  // The names sort by time.
  std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) {
    return a.filename().string() > b.filename().string();
  });
  return out;
}

Status prune_daily_backups(const fs::path& folder, std::size_t keep) {
  const auto all = list_daily_backups(folder);
  std::string failures;
  for (std::size_t i = keep; i < all.size(); ++i) {
    std::error_code ec;
    fs::remove_all(backup_evidence_dir(all[i].string()), ec);
    fs::remove(all[i], ec);
    if (ec)
      failures += (failures.empty() ? "" : "; ") + all[i].string() + ": " + ec.message();
  }
  if (!failures.empty())
    return Error{"cannot remove old backups: " + failures};
  return ok_status();
}

std::optional<BackupInfo> newest_good_backup(const fs::path& folder) {
  for (const auto& p : list_daily_backups(folder)) {
    auto info = check_backup(p.string());
    if (info)
      return std::move(*info);
  }
  return std::nullopt;
}

Result<DatabaseLock> DatabaseLock::acquire(const std::string& db_path) {
  const std::string lock_path = db_path + ".lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return Error{lock_path + ": " + std::strerror(errno)};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK)
      return Error{db_path +
                   ": rectifyd is running on this database; stop it first "
                   "(systemctl stop rectifyd)"};
    return Error{lock_path + ": " + std::strerror(err)};
  }
  return DatabaseLock(fd);
}

DatabaseLock::DatabaseLock(DatabaseLock&& other) noexcept : fd_(other.fd_) {
  other.fd_ = -1;
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0)
    ::close(fd_);
}

}  // namespace rectifyd::store
