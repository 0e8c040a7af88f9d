#pragma once
// The life of a measure, as pure functions: a measure (and today's date) in, the changed measure
// or an Error out. Nothing here touches the database or a clock; actions.h writes the results.
//
//   open ──progress──► in_progress ──done──► done_reported ──close──► closed (销号)
//     │                    │   ◄──────return (退回)──┤└──────ongoing──► ongoing (长期坚持)
//     └────────na──────────┴──► not_applicable (无需整改, reason required)
//   closed / ongoing / not_applicable / done_reported ──reopen──► in_progress
//
// An owner may also report done straight from open (the work was finished before any progress
// was reported). Errors name the measure, its status and what is allowed from it, in Chinese
// and English.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"

namespace rectifyd::ledger {

enum class Transition { progress, done, close, ongoing, send_back, not_applicable, reopen };

/// "progress", "done", "close", "ongoing", "return", "na", "reopen": the rectifyctl verbs.
std::string_view to_string(Transition t);
/// 报进度, 报完成, 销号, 转长期坚持, 退回, 无需整改, 重新打开.
std::string_view label_zh(Transition t);

/// The transitions allowed from a status, in the order above.
std::vector<Transition> allowed_from(MeasureStatus s);
bool is_allowed(MeasureStatus from, Transition t);
/// The status a transition leads to.
MeasureStatus target(Transition t);
/// closed, ongoing and not_applicable: the measure counts as done (办结).
bool is_finished(MeasureStatus s);

/// Owner reports progress (0–100). open becomes in_progress; in_progress stays.
Result<Measure> record_progress(const Measure& m, int progress, Instant now);
/// Owner reports the work done; evidence (what proves it) is required. Progress becomes 100.
Result<Measure> report_done(const Measure& m, std::string_view evidence, Instant now);
/// The office verifies and closes (销号).
Result<Measure> close(const Measure& m, Instant now);
/// The office closes it as a recurring obligation (长期坚持).
Result<Measure> close_ongoing(const Measure& m, Instant now);
/// The office marks it as needing no action; the reason is required.
Result<Measure> mark_not_applicable(const Measure& m, std::string_view reason, Instant now);
/// The office does not accept a reported done and sends it back to the owner with a reason
/// (what is missing); the measure is in progress again.
Result<Measure> send_back(const Measure& m, std::string_view reason);
/// Back to in_progress from any finished or reported state; closed_at is cleared.
Result<Measure> reopen(const Measure& m);

/// Owner or due date may change only while the measure is open work (open, in_progress,
/// done_reported); a finished measure must be reopened first.
Result<Measure> assign_owner(const Measure& m, Id owner);
Result<Measure> set_due(const Measure& m, LocalDate due);

/// An owner asks for a later due date. Allowed only for open work with a due date, strictly
/// before the due date in the unit's local calendar (`today`), to a date after the current due,
/// and when no other request is pending.
Result<Extension> request_extension(const Measure& m, LocalDate new_due, std::string_view reason,
                                    std::string_view actor, LocalDate today, Instant now,
                                    bool has_pending);

struct ExtensionDecision {
  Measure measure;
  Extension extension;
};

/// Approving moves the due date to the requested one and records the original due date the
/// first time; the request stays on record as approved.
Result<ExtensionDecision> approve_extension(const Measure& m, const Extension& e,
                                            std::string_view actor, Instant now);
/// Rejecting keeps the due date; the request stays on record as rejected.
Result<ExtensionDecision> reject_extension(const Measure& m, const Extension& e,
                                           std::string_view actor, Instant now);

}  // namespace rectifyd::ledger
