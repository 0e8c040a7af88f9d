#include "core/json_text.h"

#include <charconv>
#include <cmath>

#include <boost/json.hpp>

namespace rectifyd {
namespace {

namespace json = boost::json;

void put_double(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc{}) {
    out += "null";
    return;
  }
  out.append(buf, end);
}

void write(std::string& out, const json::value& v, int indent, int level) {
  auto newline = [&](int lv) {
    if (indent < 0)
      return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent * lv), ' ');
  };
  switch (v.kind()) {
    case json::kind::double_:
      put_double(out, v.get_double());
      return;
    case json::kind::object: {
      const auto& o = v.get_object();
      if (o.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (const auto& kv : o) {
        if (!first)
          out += ',';
        first = false;
        newline(level + 1);
        out += json::serialize(json::string(kv.key()));
        out += indent < 0 ? ":" : ": ";
        write(out, kv.value(), indent, level + 1);
      }
      newline(level);
      out += '}';
      return;
    }
    case json::kind::array: {
      const auto& a = v.get_array();
      if (a.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      for (const auto& x : a) {
        if (!first)
          out += ',';
        first = false;
        newline(level + 1);
        write(out, x, indent, level + 1);
      }
      newline(level);
      out += ']';
      return;
    }
    default:
      out += json::serialize(v);
      return;
  }
}

}  // namespace

std::string json_text(const boost::json::value& v) {
  std::string out;
  write(out, v, -1, 0);
  return out;
}

std::string json_pretty(const boost::json::value& v) {
  std::string out;
  write(out, v, 2, 0);
  return out;
}

std::string json_pointer(std::string_view key) {
  std::string out = "/";
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

}  // namespace rectifyd
