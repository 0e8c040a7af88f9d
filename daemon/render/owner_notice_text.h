#pragma once
// The messages that tell an owner what the office decided on what they reported: an item closed
// (销号) or returned with the office's reason, an extension approved (with the new due date) or
// rejected (with the reason). And the line a personal message ends with: the owner's personal
// link where the channel reaches them alone, else where to find it. Pure, Chinese, short.

#include <string>

#include "core/message.h"
#include "core/model.h"

namespace rectifyd::render {

struct OwnerNotice {
  Id measure_id = 0;
  std::string kind;     ///< closed, returned, extension_approved, extension_rejected
  std::string owner;    ///< the owner's name
  std::string label;    ///< "问题3 措施二"
  std::string text;     ///< the measure
  std::string reason;   ///< the office's reason, may be empty
  std::string new_due;  ///< extension_approved: ISO date
  std::string due;      ///< the due date in force (ISO), may be empty
  std::string unit_name;
};

/// kind "owner_notice"; `to` is left for the caller.
Message render_owner_notice(const OwnerNotice& n);

/// Where a personal message says to report.
enum class ReportLine {
  link,               ///< the link itself: the channel reaches the person alone
  use_personal_link,  ///< a group channel: @-mentioned, told to use the link sent to them
};

/// The message with its report line added at the end of its text.
Message with_report_line(Message m, ReportLine line, const std::string& url = "");

}  // namespace rectifyd::render
