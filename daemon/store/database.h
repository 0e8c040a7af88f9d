#pragma once
// The SQLite file: opened with WAL, foreign keys and a busy timeout, migrated to the latest
// schema at open, checked with quick_check. Every write goes through write(), one
// BEGIN IMMEDIATE transaction, so a writer never upgrades a read lock and never deadlocks.

#include <memory>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include "core/result.h"

namespace rectifyd::store {

class Database {
 public:
  /// Opens (creating when missing) and migrates. Refuses a database written by a newer
  /// rectifyd, and one that fails quick_check.
  static Result<std::unique_ptr<Database>> open(const std::string& path);

  SQLite::Database& sql() { return db_; }
  const std::string& path() const { return path_; }
  int schema_version();
  /// Asks the database a trivial question: true when it gives the right answer. Throws what
  /// SQLite throws when it cannot be asked.
  bool ping();

  /// Runs f() in one BEGIN IMMEDIATE transaction; commits when f returns, rolls back when it
  /// throws (and rethrows) or returns a Result holding an Error (and returns it). Nested calls
  /// join the outer transaction: an Error returned there reaches the outer f, whose own
  /// return decides.
  template <class F>
  auto write(F&& f) -> decltype(f()) {
    if (in_write_)
      return f();
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    in_write_ = true;
    struct Reset {
      bool& flag;
      ~Reset() { flag = false; }
    } reset{in_write_};
    if constexpr (std::is_void_v<decltype(f())>) {
      f();
      tx.commit();
    } else {
      auto r = f();
      if constexpr (ResultLike<decltype(r)>) {
        if (!r.ok())
          return r;  // the Transaction's destructor rolls back
      }
      tx.commit();
      return r;
    }
  }

 private:
  Database(const std::string& path, int flags);
  Status migrate();

  std::string path_;
  SQLite::Database db_;
  bool in_write_ = false;
};

}  // namespace rectifyd::store
