#pragma once
// What an owner does through their personal link: read their own open items, report progress,
// report an item done with evidence (text and files), and ask for an extension. The actions are
// the office's measure actions (office/measures.h) made by an Actor naming the owner and their
// link ("张三（个人链接）"), so the lifecycle's rules are the only rules; what is added here is
// that an item must be the owner's own: another person's item and an id that does not exist are
// refused alike (not_found). Evidence files are kept in the evidence store and listed with the
// measure in the same transaction as the report; the evidence text gains a line per file with
// its SHA-256, so the ledger export carries the hash.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "office/office.h"
#include "store/evidence_files.h"
#include "store/evidence_store.h"

namespace rectifyd::office {

/// One of the owner's open items as their page shows it.
struct OwnerItem {
  Measure measure;
  std::string label;  ///< "问题3 措施二"
  std::string problem_title;
  std::string colour;  ///< green, yellow, red
  /// Working days left until the due date (> 0), 0 on the due day, overdue days as negative.
  std::optional<int> workdays;
  std::string office_said;  ///< the office's last word on it (a return, a decision), or empty
  std::optional<Extension> pending_extension;
  bool can_extend = false;  ///< open work before its due date with no request pending
  std::vector<ProgressUpdate> history;
  std::vector<store::EvidenceFileRow> files;
};

/// The person's open items (open, in progress, reported done), most urgent first: red, then by
/// due date, undated last.
Result<std::vector<OwnerItem>> owner_items(Office& o, const Person& owner);

Result<Measure> owner_progress(Office& o, const Person& owner, Id measure, int progress,
                               std::string_view note);
/// The files are checked (store::check_uploads) before anything is written.
Result<Measure> owner_done(Office& o, const Person& owner, Id measure, std::string_view evidence,
                           const std::vector<store::Upload>& files, store::EvidenceStore& store,
                           const store::EvidenceLimits& limits);
Result<Extension> owner_extension(Office& o, const Person& owner, Id measure, LocalDate new_due,
                                  std::string_view reason);

/// "该事项不存在或不由您负责", not_found: the one answer for another's item and a missing id.
Error not_your_item();

}  // namespace rectifyd::office
