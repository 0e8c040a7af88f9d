#pragma once
// What an owner is to be told about the office's decisions on what they reported: an item
// closed (销号) or returned, an extension approved or rejected, with the office's reason. Written
// in the decision's own transaction; the planner engine turns the unsent ones into messages to
// the owner's personal channels and marks them sent in its run's transaction.

#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "plan/owner_notices.h"
#include "store/database.h"

namespace rectifyd::store {

class OwnerNotices {
 public:
  explicit OwnerNotices(Database& db) : db_(db) {}

  Result<Id> insert(const plan::OwnerNoticeRow& row);
  /// The notices not sent yet, oldest first.
  Result<std::vector<plan::OwnerNoticeRow>> unsent();
  Status mark_sent(Id id);

 private:
  Database& db_;
};

}  // namespace rectifyd::store
