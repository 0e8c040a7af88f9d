#pragma once
// An edit of the configuration given as dotted keys ("meeting.start",
// "channel.wecom.rate_per_second", "routing.person.张三") applied to the configuration's TOML text,
// so the administrator's comments and layout stay. A key that exists gets its value replaced (a
// trailing comment stays); a missing key is added to its table (the table is added when missing);
// null removes the key. The result is plain text: the caller validates it like any configuration
// file.

#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/result.h"

namespace rectifyd::config {

/// The text with every change applied, in the order given. An Error names the change by its
/// JSON pointer ("/meeting.start") when its key or value cannot be written as TOML.
Result<std::string> patch_toml_text(std::string_view text, const boost::json::object& changes);

/// A JSON value as a TOML value: strings quoted and escaped, arrays, inline tables for objects
/// ({ file = "/path" } for a secret). Error for null.
Result<std::string> toml_value(const boost::json::value& v);

}  // namespace rectifyd::config
