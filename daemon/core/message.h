#pragma once
// A message as the planner decides it and the outbox stores it: channel-neutral. Each channel
// (notify/) turns it into its own wire format: WeCom markdown, an email with a calendar part…

#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "core/model.h"
#include "core/result.h"

namespace rectifyd {

/// A person a message is addressed to or mentions, with every address a channel may need.
struct Addressee {
  std::string name;
  std::string email;
  std::string mobile;
  std::string wecom_id;
  std::string dingtalk_id;
  std::string feishu_id;
  bool operator==(const Addressee&) const = default;
};

/// One measure named by a message.
struct MessageItem {
  Id measure_id = 0;
  std::string label;  ///< "问题3 措施二"
  std::string text;   ///< the measure, possibly shortened
  std::string owner;
  std::string due;     ///< ISO date, empty when none
  std::string colour;  ///< green, yellow, red
  std::string note;    ///< "逾期 3 个工作日", "还剩 1 个工作日"
  bool operator==(const MessageItem&) const = default;
};

/// A meeting occurrence, for the calendar invitation an email carries.
struct MeetingInfo {
  std::string uid;   ///< stable per occurrence
  int sequence = 0;  ///< raised when the occurrence moves
  bool cancelled = false;
  Instant start{};
  Instant end{};
  std::string time_zone;
  std::string title;
  std::string location;
  Addressee organizer;
  std::vector<Addressee> attendees;
  bool operator==(const MeetingInfo&) const = default;
};

/// A file a message carries (an email attaches it; the other channels leave it out).
struct Attachment {
  std::string filename;  ///< as the reader sees it, e.g. "整改工作通报（2026年12月4日）.docx"
  std::string content_type;
  std::string bytes;
  bool operator==(const Attachment&) const = default;
};

struct Message {
  std::string kind;  ///< meeting_notice, update_request, nudge, reminder, overdue, escalation…
  std::string subject;
  std::string text;  ///< the whole message as plain text (Chinese), lines separated by '\n'
  std::vector<MessageItem> items;
  std::vector<Addressee> to;  ///< who it is for (email recipients, @-mentions)
  std::optional<MeetingInfo> meeting;
  std::vector<Attachment> attachments;
  bool late = false;  ///< sent after downtime, later than planned
  bool operator==(const Message&) const = default;
};

boost::json::value to_json(const Message& m);
/// An error names the JSON pointer of the first bad member.
Result<Message> message_from_json(const boost::json::value& v);

}  // namespace rectifyd
