#include "store/evidence_files.h"

#include <exception>

#include <SQLiteCpp/Statement.h>

namespace rectifyd::store {
namespace {

Error store_error(const std::exception& e) {
  return Error{std::string("数据库操作失败（") + e.what() + "）", ErrorKind::internal};
}

}  // namespace

Result<Id> EvidenceFiles::insert(const EvidenceFileRow& row) {
  try {
    return db_.write([&]() -> Result<Id> {
      SQLite::Statement q(
          db_.sql(),
          "INSERT INTO evidence_files(measure_id, sha256, original_name, "
          "media_type, size, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
      q.bind(1, static_cast<std::int64_t>(row.measure_id));
      q.bind(2, row.sha256);
      q.bind(3, row.original_name);
      q.bind(4, row.media_type);
      q.bind(5, row.size);
      q.bind(6, row.uploaded_at);
      q.bind(7, row.uploaded_by);
      q.exec();
      return static_cast<Id>(db_.sql().getLastInsertRowid());
    });
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

Result<std::vector<EvidenceFileRow>> EvidenceFiles::of_measure(Id measure) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT id, measure_id, sha256, original_name, media_type, size, "
                        "uploaded_at, uploaded_by FROM evidence_files WHERE measure_id = ? "
                        "ORDER BY id");
    q.bind(1, static_cast<std::int64_t>(measure));
    std::vector<EvidenceFileRow> out;
    while (q.executeStep()) {
      EvidenceFileRow r;
      r.id = q.getColumn(0).getInt64();
      r.measure_id = q.getColumn(1).getInt64();
      r.sha256 = q.getColumn(2).getString();
      r.original_name = q.getColumn(3).getString();
      r.media_type = q.getColumn(4).getString();
      r.size = q.getColumn(5).getInt64();
      r.uploaded_at = q.getColumn(6).getInt64();
      r.uploaded_by = q.getColumn(7).getString();
      out.push_back(std::move(r));
    }
    return out;
  } catch (const std::exception& e) {
    return store_error(e);
  }
}

}  // namespace rectifyd::store
