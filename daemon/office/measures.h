#pragma once
// What people do to a measure and its extension requests. Each action is one transaction: read
// the measure, check it with ledger/lifecycle.h, write the change and an audit row (actor, time,
// action, before and after as JSON), then report the change. A measure or request that does not
// exist is not_found; a step its status does not allow is a conflict naming what is allowed;
// a bad value is invalid, located by its field ("/progress").

#include <string_view>

#include "core/model.h"
#include "core/result.h"
#include "ledger/lifecycle.h"
#include "office/office.h"

namespace rectifyd::office {

/// audit "measure.assign"; the owner must exist.
Result<Measure> assign_owner(Office& o, const Actor& a, Id measure, Id owner);
/// audit "measure.due".
Result<Measure> set_due(Office& o, const Actor& a, Id measure, LocalDate due);
/// Progress 0–100 with a short note; appends a progress update; audit "measure.progress".
Result<Measure> record_progress(Office& o, const Actor& a, Id measure, int progress,
                                std::string_view note);
/// The owner reports it done with evidence (what proves it); appends a progress update (100,
/// the evidence as note); audit "measure.done".
Result<Measure> report_done(Office& o, const Actor& a, Id measure, std::string_view evidence);
/// 销号: audit "measure.close"; `ongoing` closes it as 长期坚持 (audit "measure.ongoing").
Result<Measure> close(Office& o, const Actor& a, Id measure, bool ongoing = false);
/// 退回: a reported done is not accepted; the reason is required and kept in the audit row and
/// the progress history; audit "measure.return".
Result<Measure> send_back(Office& o, const Actor& a, Id measure, std::string_view reason);
/// audit "measure.reopen"; the reason is kept in the audit row.
Result<Measure> reopen(Office& o, const Actor& a, Id measure, std::string_view reason);
/// 无需整改 with its reason; audit "measure.na".
Result<Measure> mark_not_applicable(Office& o, const Actor& a, Id measure, std::string_view reason);

/// Before the due date (the unit's today), to a later date; audit "extension.request".
Result<Extension> request_extension(Office& o, const Actor& a, Id measure, LocalDate new_due,
                                    std::string_view reason);
/// audit "extension.approve" (the measure's due date moves; the first original is kept).
Result<ledger::ExtensionDecision> approve_extension(Office& o, const Actor& a, Id extension);
/// audit "extension.reject"; the reason, when given, is kept in the audit row.
Result<ledger::ExtensionDecision> reject_extension(Office& o, const Actor& a, Id extension,
                                                   std::string_view reason = {});

/// "没有编号为 12 的整改措施（no measure 12）", not_found.
Error no_measure(Id id);

}  // namespace rectifyd::office
