#pragma once
// Preview: what the daemon would send over a period, without sending anything or touching the
// database. The database is copied (VACUUM INTO) to a scratch file and the SAME engine runs
// there with a manual clock stepping from wake to wake; every outbox row it creates is listed.

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/model.h"
#include "core/result.h"
#include "store/database.h"
#include "time/calendar.h"

namespace rectifyd::engine {

struct PreviewOptions {
  LocalDate from{};
  int days = 14;
  std::optional<std::string> person;  ///< only rows for this person (recipient or addressee)
};

/// One outbox row the period would create.
struct PreviewRow {
  Instant at{};  ///< when it would go out (not_before: working hours applied)
  std::string key;
  std::string kind;
  std::string recipient;
  std::string channel;
  std::string subject;
  std::string text;
  std::vector<Id> measures;
  bool late = false;
};

/// Runs the period [from 00:00, from + days) on a copy of `db` made in `scratch_dir`; the copy
/// is removed afterwards and `db` is only read.
Result<std::vector<PreviewRow>> run_preview(store::Database& db, const config::Config& config,
                                            const Calendar& calendar, const PreviewOptions& options,
                                            const std::string& scratch_dir);

}  // namespace rectifyd::engine
