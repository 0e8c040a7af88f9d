#pragma once
// What an owner is to be told about the office's decisions on what they reported: an item
// closed (销号) or returned, an extension approved or rejected, with the office's reason. Written
// in the decision's own transaction; the planner engine turns the unsent ones into messages to
// the owner's personal channels and marks them sent in its run's transaction.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "store/database.h"

namespace rectifyd::store {

struct OwnerNoticeRow {
  Id id = 0;
  Id person_id = 0;
  Id measure_id = 0;
  std::string kind;  ///< closed, returned, extension_approved, extension_rejected
  std::string reason;
  std::string new_due;  ///< extension_approved: the new due date (ISO)
  std::int64_t created_at = 0;
  // Read with the measure (unsent()), for the message.
  int problem_number = 0;
  int ordinal = 0;
  std::string measure_text;
  std::string due;  ///< the measure's due date now (ISO), empty when none
};

class OwnerNotices {
 public:
  explicit OwnerNotices(Database& db) : db_(db) {}

  Result<Id> insert(const OwnerNoticeRow& row);
  /// The notices not sent yet, oldest first.
  Result<std::vector<OwnerNoticeRow>> unsent();
  Status mark_sent(Id id);

 private:
  Database& db_;
};

}  // namespace rectifyd::store
