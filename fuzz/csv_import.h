#pragma once
// The promise both CSV importers keep, checked the same way: a refused file names rows of the
// file and changes nothing; an accepted file exports to text that imports to the same ledger.

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/database.h"

namespace rectifyd::fuzz {

struct CsvFormat {
  std::string source;  ///< the file name errors must name
  /// A fresh store ready for an import (e.g. with the people a ledger refers to).
  std::function<std::unique_ptr<store::Database>()> fresh;
  std::function<Status(store::Database&, std::string_view text)> import;
  std::function<Status(store::Database&, std::ostream&)> export_to;
};

/// Runs one input through `format`; `db` is the store imports go to, replaced by a fresh one
/// after an accepted import so every input starts from the same state.
void check_csv_import(const CsvFormat& format, std::unique_ptr<store::Database>& db,
                      std::string_view text);

}  // namespace rectifyd::fuzz
