#pragma once
// JSON as text for people and tools: Boost.JSON's own serializer writes doubles as "1E0" and
// "9.375E-1"; here a number is written the shortest way that reads back the same ("1",
// "0.9375"), and a NaN or infinity (which JSON cannot hold) as null. Everything else is
// Boost.JSON's output (strings escaped, UTF-8 kept).

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace rectifyd {

/// Compact: no spaces, as the API sends it.
std::string json_text(const boost::json::value& v);
/// Indented by two spaces per level, as rectifyctl prints it.
std::string json_pretty(const boost::json::value& v);

/// The JSON pointer of a member of an object: "/due"; "/" and "~" in the key escaped as
/// RFC 6901 says ("a/b" → "/a~1b").
std::string json_pointer(std::string_view key);

}  // namespace rectifyd
