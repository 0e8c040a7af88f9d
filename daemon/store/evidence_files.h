#pragma once
// The evidence files owners upload, as listed in the ledger: which measure, the file's SHA-256
// (its name in the evidence folder), the name it was uploaded with, the type read from its
// content, its size, and who uploaded it when (Unix seconds).

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "store/database.h"

namespace rectifyd::store {

struct EvidenceFileRow {
  Id id = 0;
  Id measure_id = 0;
  std::string sha256;
  std::string original_name;
  std::string media_type;
  std::int64_t size = 0;
  std::int64_t uploaded_at = 0;
  std::string uploaded_by;
};

class EvidenceFiles {
 public:
  explicit EvidenceFiles(Database& db) : db_(db) {}

  Result<Id> insert(const EvidenceFileRow& row);
  /// A measure's files, oldest first.
  Result<std::vector<EvidenceFileRow>> of_measure(Id measure);

 private:
  Database& db_;
};

}  // namespace rectifyd::store
