#pragma once
// The weekly 通报 travels with the meeting's summary mail: each summary intent that goes to an
// email channel carries the 通报 of that meeting as a Word file. Called by the engine inside
// its run's transaction, so the paper is made from the ledger the summary was planned from.

#include <string>
#include <vector>

#include "config/config.h"
#include "core/model.h"
#include "core/result.h"
#include "engine/engine.h"
#include "plan/planner.h"
#include "store/database.h"

namespace rectifyd::papers {

inline constexpr const char* kWeeklyReportFileType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// "整改工作通报（2026年12月4日）.docx"
std::string weekly_report_filename(LocalDate day);

/// Attaches the 通报 to every meeting-summary intent with an email channel among its channels.
/// The meeting day is the local date of the summary. An Error (the paper could not be made)
/// leaves the intents as they were; the caller logs it and sends the summary without the file.
Status attach_weekly_reports(store::Database& db, const config::Config& config,
                             const std::string& scratch_dir, Instant now,
                             std::vector<plan::Intent>& intents);

/// The engine's decorator that does the above on every run (a failure is logged as a warning
/// and the summary goes out without the file). `db` must outlive the engine.
engine::Engine::Decorate weekly_report_decorator(store::Database& db, std::string scratch_dir);

}  // namespace rectifyd::papers
