#pragma once
// Configuration as people read it: every setting flattened to (key, printable value), a diff of
// two configurations for the audit log, and redacted TOML / JSON for `rectifyctl config show`
// and the admin API. Secrets appear only as "(secret: file:/…)", never their values.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "config/config.h"

namespace rectifyd::config {

/// One setting: `table` is the TOML table it lives in ("meeting.update_request", or
/// "channel.<id>" for a [[channel]] entry), `name` its key there.
struct Setting {
  std::string table;
  std::string name;
  std::string text;         ///< for people: 15:00, 30m, [10, 3, 1, 0], 每周整改工作推进会
  std::string toml;         ///< the same as a TOML value ("15:00" quoted, true, [10, 3, 1, 0])
  boost::json::value json;  ///< the same as JSON (secrets as their "(secret: …)" text)
  bool secret = false;
  bool set = true;                 ///< false for an unset secret (shown, never written as TOML)
  std::string secret_fingerprint;  ///< secrets only: tells a change apart without the value

  /// "meeting.update_request.at", "channel.wecom.url", "routing.person.张三".
  std::string key() const;
};

/// Every setting in a fixed order (the order of config/rectifyd.toml).
std::vector<Setting> flatten(const Config& c);

/// One line per changed key: "meeting.start: 15:00 → 16:00", "channel.wecom.url: (changed)",
/// "channel.mail.type: (none) → smtp" for an added channel. Empty when nothing changed.
std::vector<std::string> diff(const Config& before, const Config& after);
/// The same lines joined with '\n' (the audit log's before/after text).
std::string diff_text(const Config& before, const Config& after);

/// The configuration as TOML that loads back to the same settings except secrets, which read
/// "(secret: file:/etc/rectifyd/…)".
std::string redacted_toml(const Config& c);

/// The same as JSON: {"meeting": {"start": "15:00", …}, "channel": {"wecom": {…}}, …}; numbers
/// and booleans keep their JSON types.
boost::json::object redacted_json(const Config& c);

/// "wecom", "smtp", … as written in [[channel]] type.
std::string_view to_string(ChannelType t);

/// "1h30m", "90d", "5s", "0s".
std::string format_duration(std::chrono::seconds d);
/// "08:30".
std::string format_time_of_day(TimeOfDay t);

}  // namespace rectifyd::config
