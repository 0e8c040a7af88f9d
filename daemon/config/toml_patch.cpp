#include "config/toml_patch.h"

#include <optional>
#include <vector>

#include <boost/json.hpp>

#include "config/toml_text.h"
#include "core/json_text.h"

namespace rectifyd::config {
namespace json = boost::json;
using config::toml_key;
using config::toml_string;
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

/// A key as written at the start of a line ("start", "\"张三\""): its unquoted name, and where
/// the text after the '=' begins; nullopt when the line is not a key/value line.
struct KeyLine {
  std::string key;
  std::size_t value_begin = 0;
};
std::optional<KeyLine> parse_key_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
    ++i;
  if (i >= line.size() || line[i] == '#' || line[i] == '[')
    return std::nullopt;
  KeyLine out;
  if (line[i] == '"' || line[i] == '\'') {
    const char q = line[i++];
    while (i < line.size() && line[i] != q) {
      if (q == '"' && line[i] == '\\' && i + 1 < line.size())
        ++i;
      out.key += line[i++];
    }
    if (i >= line.size())
      return std::nullopt;
    ++i;
  } else {
    while (i < line.size() && line[i] != '=' && line[i] != ' ' && line[i] != '\t')
      out.key += line[i++];
  }
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
    ++i;
  if (i >= line.size() || line[i] != '=')
    return std::nullopt;
  out.value_begin = i + 1;
  return out;
}

/// Scans a value from `pos` onward, across lines when an array or inline table is open. Sets
/// `end_line` to the line the value ends on and `comment` to what follows it there ("  # …").
struct ValueSpan {
  std::size_t end_line = 0;
  std::string comment;
};
ValueSpan scan_value(const std::vector<std::string>& lines, std::size_t line, std::size_t pos) {
  int depth = 0;
  char quote_char = 0;
  for (std::size_t l = line; l < lines.size(); ++l) {
    const std::string& s = lines[l];
    for (std::size_t i = (l == line ? pos : 0); i < s.size(); ++i) {
      const char c = s[i];
      if (quote_char != 0) {
        if (quote_char == '"' && c == '\\')
          ++i;
        else if (c == quote_char)
          quote_char = 0;
        continue;
      }
      if (c == '"' || c == '\'') {
        quote_char = c;
      } else if (c == '[' || c == '{') {
        ++depth;
      } else if (c == ']' || c == '}') {
        --depth;
      } else if (c == '#') {
        if (depth <= 0) {
          std::size_t b = i;
          while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            --b;
          return ValueSpan{l, s.substr(b)};
        }
        break;  // a comment inside a multi-line array: the rest of the line
      }
    }
    if (depth <= 0)
      return ValueSpan{l, ""};
  }
  return ValueSpan{lines.size() - 1, ""};
}

/// A table header line: "[meeting.notice]" → "meeting.notice", "[[channel]]" → "[channel]".
std::optional<std::string> header_of(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.front() != '[')
    return std::nullopt;
  if (auto hash = line.find('#'); hash != std::string_view::npos)
    line = trim(line.substr(0, hash));
  if (line.starts_with("[[") && line.ends_with("]]"))
    return "[" + std::string(trim(line.substr(2, line.size() - 4))) + "]";
  if (line.ends_with("]")) {
    std::string name;
    for (char c : trim(line.substr(1, line.size() - 2))) {
      if (c != '"' && c != ' ')
        name += c;
    }
    return name;
  }
  return std::nullopt;
}

/// Where a table's keys live: [first, last) lines after its header.
struct Section {
  std::size_t header = 0;
  std::size_t first = 0;
  std::size_t last = 0;
};

std::vector<Section> sections(const std::vector<std::string>& lines) {
  std::vector<Section> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (header_of(lines[i])) {
      if (!out.empty())
        out.back().last = i;
      out.push_back(Section{i, i + 1, lines.size()});
    }
  }
  return out;
}

/// The string value of `key` inside a section, if it is a plain string ("id = \"wecom\"").
std::optional<std::string> string_value(const std::vector<std::string>& lines, const Section& s,
                                        std::string_view key) {
  for (std::size_t i = s.first; i < s.last; ++i) {
    auto kl = parse_key_line(lines[i]);
    if (!kl || kl->key != key)
      continue;
    std::string_view v = trim(std::string_view(lines[i]).substr(kl->value_begin));
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) {
      auto end = v.find(v.front(), 1);
      if (end != std::string_view::npos)
        return std::string(v.substr(1, end - 1));
    }
  }
  return std::nullopt;
}

/// Finds the section a dotted key's table names: "[[channel]]" entries by their id for keys
/// "channel.<id>.<key>", plain tables by name. nullopt when the file has no such table.
std::optional<Section> find_section(const std::vector<std::string>& lines,
                                    const std::vector<std::string>& path) {
  for (const auto& s : sections(lines)) {
    const std::string h = *header_of(lines[s.header]);
    if (path.size() == 3 && path[0] == "channel") {
      if (h == "[channel]" && string_value(lines, s, "id") == path[1])
        return s;
      continue;
    }
    std::string table;
    for (std::size_t i = 0; i + 1 < path.size(); ++i)
      table += (i ? "." : "") + path[i];
    if (h == table)
      return s;
  }
  return std::nullopt;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size())
        out.emplace_back(text.substr(start));
      break;
    }
    out.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::vector<std::string> split_key(std::string_view dotted) {
  std::vector<std::string> out;
  std::size_t start = 0;
  // "routing.person.<name>": the name may hold dots; everything after the table is the key.
  if (dotted.starts_with("routing.person."))
    return {"routing", "person", std::string(dotted.substr(15))};
  while (true) {
    auto dot = dotted.find('.', start);
    out.emplace_back(dotted.substr(start, dot - start));
    if (dot == std::string_view::npos)
      break;
    start = dot + 1;
  }
  return out;
}

Status apply_one(std::vector<std::string>& lines, const std::string& dotted, const json::value& v) {
  const std::string where = json_pointer(dotted);
  auto path = split_key(dotted);
  for (const auto& part : path) {
    if (part.empty())
      return Error{where + ": the key has an empty part"};
  }
  if (path.size() < 2)
    return Error{where + ": give the table and the key, e.g. \"meeting.start\""};
  std::optional<std::string> value;
  if (!v.is_null()) {
    auto t = toml_value(v);
    if (!t)
      return Error{where + ": " + t.error().message};
    value = std::move(*t);
  }
  const std::string& key = path.back();
  auto section = find_section(lines, path);
  if (!section) {
    if (!value)
      return ok_status();  // removing a key that is not there
    if (path[0] == "channel" && path.size() == 3)
      return Error{where + ": there is no [[channel]] with id = \"" + path[1] + "\""};
    std::string table;
    for (std::size_t i = 0; i + 1 < path.size(); ++i)
      table += (i ? "." : "") + toml_key(path[i]);
    if (!lines.empty() && !trim(lines.back()).empty())
      lines.emplace_back("");
    lines.push_back("[" + table + "]");
    lines.push_back(toml_key(key) + " = " + *value);
    return ok_status();
  }
  for (std::size_t i = section->first; i < section->last; ++i) {
    auto kl = parse_key_line(lines[i]);
    if (!kl || kl->key != key)
      continue;
    const ValueSpan span = scan_value(lines, i, kl->value_begin);
    const auto erase_from = lines.begin() + static_cast<std::ptrdiff_t>(i);
    const auto erase_to = lines.begin() + static_cast<std::ptrdiff_t>(span.end_line) + 1;
    if (!value) {
      lines.erase(erase_from, erase_to);
      return ok_status();
    }
    std::string replaced = lines[i].substr(0, kl->value_begin) + " " + *value + span.comment;
    lines.erase(erase_from, erase_to);
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i), replaced);
    return ok_status();
  }
  if (!value)
    return ok_status();
  // Added after the table's last key line, before trailing blank lines and comments.
  std::size_t at = section->first;
  for (std::size_t i = section->first; i < section->last; ++i) {
    if (parse_key_line(lines[i]))
      at = scan_value(lines, i, parse_key_line(lines[i])->value_begin).end_line + 1;
  }
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), toml_key(key) + " = " + *value);
  return ok_status();
}

}  // namespace

Result<std::string> toml_value(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string:
      return toml_string(std::string_view(v.get_string()));
    case json::kind::bool_:
      return std::string(v.get_bool() ? "true" : "false");
    case json::kind::int64:
      return std::to_string(v.get_int64());
    case json::kind::uint64:
      return std::to_string(v.get_uint64());
    case json::kind::double_:
      return json::serialize(v);
    case json::kind::array: {
      std::string out = "[";
      bool first = true;
      for (const auto& e : v.get_array()) {
        auto t = toml_value(e);
        if (!t)
          return t;
        out += (first ? "" : ", ") + *t;
        first = false;
      }
      return out + "]";
    }
    case json::kind::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, e] : v.get_object()) {
        auto t = toml_value(e);
        if (!t)
          return t;
        out += std::string(first ? " " : ", ") + toml_key(k) + " = " + *t;
        first = false;
      }
      return out + (first ? "}" : " }");
    }
    case json::kind::null:
      break;
  }
  return Error{"null has no TOML form"};
}

Result<std::string> patch_toml_text(std::string_view text, const json::object& changes) {
  std::vector<std::string> lines = split_lines(text);
  for (const auto& [k, v] : changes) {
    if (auto st = apply_one(lines, std::string(k), v); !st)
      return st.error();
  }
  std::string out;
  for (const auto& l : lines)
    out += l + "\n";
  return out;
}

}  // namespace rectifyd::config
