#include "config/config_load.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include <date/tz.h>
#include <toml++/toml.h>
#include <boost/asio/ip/address.hpp>

#include "config/default_config.h"
#include "core/dates.h"
#include "core/names.h"
#include "core/tls_pair.h"

namespace rectifyd::config {

namespace {

using Keys = std::initializer_list<std::string_view>;

std::string in_quotes(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + '"';
}

std::string_view type_name(toml::node_type t) {
  switch (t) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string trim_trailing(std::string s) {
  while (!s.empty() &&
         (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t'))
    s.pop_back();
  return s;
}

/// "30m", "2h", "1h30m", "5s", "90d" → seconds.
std::optional<std::chrono::seconds> parse_duration(std::string_view s) {
  if (s.empty())
    return std::nullopt;
  std::int64_t total = 0;
  while (!s.empty()) {
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || p == s.data() || p == s.data() + s.size())
      return std::nullopt;
    s.remove_prefix(static_cast<std::size_t>(p - s.data()));
    std::int64_t unit = 0;
    switch (s.front()) {
      case 'd':
        unit = 86400;
        break;
      case 'h':
        unit = 3600;
        break;
      case 'm':
        unit = 60;
        break;
      case 's':
        unit = 1;
        break;
      default:
        return std::nullopt;
    }
    s.remove_prefix(1);
    if (n > 100000LL * 86400 / unit)
      return std::nullopt;
    total += n * unit;
  }
  return std::chrono::seconds{total};
}

/// "15:00", "9:30" → minutes after midnight.
std::optional<TimeOfDay> parse_time_of_day(std::string_view s) {
  auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() != colon + 3)
    return std::nullopt;
  int h = 0;
  int m = 0;
  auto r1 = std::from_chars(s.data(), s.data() + colon, h);
  auto r2 = std::from_chars(s.data() + colon + 1, s.data() + s.size(), m);
  if (r1.ec != std::errc{} || r1.ptr != s.data() + colon || r2.ec != std::errc{} ||
      r2.ptr != s.data() + s.size())
    return std::nullopt;
  if (h < 0 || h > 23 || m < 0 || m > 59)
    return std::nullopt;
  return std::chrono::hours{h} + std::chrono::minutes{m};
}

std::optional<date::weekday> parse_weekday(std::string_view s) {
  static constexpr std::array<std::string_view, 7> kEnglish = {
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  static constexpr std::array<std::string_view, 7> kChinese = {"日", "一", "二", "三",
                                                               "四", "五", "六"};
  std::string lower(s);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view v = lower;
  for (std::string_view prefix : {"星期", "礼拜", "周"}) {
    if (v.starts_with(prefix)) {
      v.remove_prefix(prefix.size());
      break;
    }
  }
  if (v == "天")
    return date::Sunday;
  for (unsigned i = 0; i < 7; ++i) {
    if (v == kEnglish[i] || (v.size() == 3 && kEnglish[i].starts_with(v)) || v == kChinese[i])
      return date::weekday{i};
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(SmtpTls t) {
  switch (t) {
    case SmtpTls::required:
      return "required";
    case SmtpTls::opportunistic:
      return "opportunistic";
    case SmtpTls::none:
      return "none";
  }
  return "required";
}

namespace {

bool valid_channel_id(std::string_view s) {
  if (s.empty() || s.size() > 64)
    return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

bool valid_listen(std::string_view s) {
  if (s.starts_with("unix:"))
    return s.size() > 6 && s[5] == '/';
  auto colon = s.rfind(':');
  if (colon == std::string_view::npos || colon == 0)
    return false;
  auto port_text = s.substr(colon + 1);
  int port = 0;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  return ec == std::errc{} && p == port_text.data() + port_text.size() && port > 0 && port < 65536;
}

std::optional<ChannelType> parse_channel_type(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, ChannelType>, 7> kTypes{{
      {"log", ChannelType::log},
      {"generic", ChannelType::generic},
      {"wecom", ChannelType::wecom},
      {"dingtalk", ChannelType::dingtalk},
      {"feishu", ChannelType::feishu},
      {"slack", ChannelType::slack},
      {"smtp", ChannelType::smtp},
  }};
  for (const auto& [name, t] : kTypes) {
    if (name == s)
      return t;
  }
  return std::nullopt;
}

RateLimit default_rate(ChannelType t) {
  switch (t) {
    case ChannelType::wecom:
    case ChannelType::dingtalk:
      return {0, 20};
    case ChannelType::feishu:
      return {5, 100};
    case ChannelType::slack:
      return {1, 0};
    case ChannelType::log:
    case ChannelType::generic:
    case ChannelType::smtp:
      break;
  }
  return {};
}

// A secret or a CA bundle is a small regular file: a device (/dev/zero), a FIFO or a huge file
// named by mistake must be refused, not read until memory runs out or forever.
constexpr std::uintmax_t kMaxSecretBytes = 64 * 1024;
constexpr std::uintmax_t kMaxCaFileBytes = 4 * 1024 * 1024;

/// Reads a regular file of at most `limit` bytes into `out`; otherwise says why not.
std::string read_small_file(const std::string& name, std::uintmax_t limit, std::string& out) {
  // <filesystem> would bring std::quoted into argument-dependent lookup here; stat(2) does not.
  struct stat st {};
  if (::stat(name.c_str(), &st) != 0)
    return std::strerror(errno);
  if (!S_ISREG(st.st_mode))
    return "not a regular file";
  if (static_cast<std::uintmax_t>(st.st_size) > limit)
    return "larger than " + std::to_string(limit / 1024) + " KiB; is this the right file?";
  std::ifstream in(name, std::ios::binary);
  if (!in)
    return std::strerror(errno);
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return {};
}

/// Walks the TOML tree, filling a Config and collecting every problem on the way.
class Loader {
 public:
  explicit Loader(std::string file) : file_(std::move(file)) {}

  std::vector<Diagnostic>& errors() { return errors_; }

  void error(const toml::source_region& where, std::string message) {
    errors_.push_back(Diagnostic{file_, static_cast<int>(where.begin.line),
                                 static_cast<int>(where.begin.column), std::move(message)});
  }
  void error_at(const toml::node& n, const std::string& path, std::string_view what) {
    error(n.source(), path + ": " + std::string(what));
  }
  void error_nowhere(std::string message) {
    errors_.push_back(Diagnostic{file_, 0, 0, std::move(message)});
  }

  SourceLocation location(const toml::node& n) const {
    return SourceLocation{file_, static_cast<int>(n.source().begin.line),
                          static_cast<int>(n.source().begin.column)};
  }

  /// Reports every key of `t` not in `known` (with a suggestion when one is close).
  bool check_keys(const toml::table& t, const std::string& path, Keys known) {
    bool all_known = true;
    for (auto&& [key, value] : t) {
      std::string_view k = key.str();
      if (std::find(known.begin(), known.end(), k) != known.end())
        continue;
      all_known = false;
      std::string where = path.empty() ? "top level" : "[" + path + "]";
      std::string msg =
          (path.empty() ? "" : path + ".") + std::string(k) + ": unknown key in " + where;
      std::string_view best;
      std::size_t best_distance = 3;
      for (std::string_view candidate : known) {
        auto d = edit_distance(k, candidate);
        if (d < best_distance) {
          best_distance = d;
          best = candidate;
        }
      }
      if (!best.empty())
        msg += "; did you mean \"" + std::string(best) + "\"?";
      else {
        msg += " (expected one of ";
        bool first = true;
        for (std::string_view candidate : known) {
          msg += (first ? "" : ", ") + std::string(candidate);
          first = false;
        }
        msg += ")";
      }
      error(key.source(), std::move(msg));
    }
    return all_known;
  }

  static std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }

  void wrong_type(const toml::node& n, const std::string& path, std::string_view expected) {
    error_at(n, path,
             "expected " + std::string(expected) + ", got " + std::string(type_name(n.type())));
  }

  /// The sub-table at `key`, or nullptr when absent (or not a table: reported).
  const toml::table* table(const toml::table& t, std::string_view key, const std::string& path) {
    const toml::node* n = t.get(key);
    if (!n)
      return nullptr;
    if (!n->is_table()) {
      wrong_type(*n, join(path, key), "a table");
      return nullptr;
    }
    return n->as_table();
  }

  void read(const toml::table& t, std::string_view key, const std::string& path, bool& out) {
    const toml::node* n = t.get(key);
    if (!n)
      return;
    if (auto v = n->value_exact<bool>())
      out = *v;
    else
      wrong_type(*n, join(path, key), "true or false");
  }

  void read(const toml::table& t, std::string_view key, const std::string& path, std::string& out,
            bool allow_empty = false) {
    const toml::node* n = t.get(key);
    if (!n)
      return;
    read_string(*n, join(path, key), out, allow_empty);
  }

  bool read_string(const toml::node& n, const std::string& path, std::string& out,
                   bool allow_empty = false) {
    auto v = n.value_exact<std::string>();
    if (!v) {
      wrong_type(n, path, "a string");
      return false;
    }
    if (v->empty() && !allow_empty) {
      error_at(n, path, "must not be empty");
      return false;
    }
    out = std::move(*v);
    return true;
  }

  template <class Int>
  void read_int(const toml::table& t, std::string_view key, const std::string& path, Int& out,
                std::int64_t min, std::int64_t max) {
    const toml::node* n = t.get(key);
    if (!n)
      return;
    read_int_node(*n, join(path, key), out, min, max);
  }

  template <class Int>
  bool read_int_node(const toml::node& n, const std::string& path, Int& out, std::int64_t min,
                     std::int64_t max) {
    auto v = n.value_exact<std::int64_t>();
    if (!v) {
      wrong_type(n, path, "an integer");
      return false;
    }
    if (*v < min || *v > max) {
      error_at(n, path,
               "expected an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                   ", got " + std::to_string(*v));
      return false;
    }
    out = static_cast<Int>(*v);
    return true;
  }

  void read_rate(const toml::table& t, std::string_view key, const std::string& path, double& out) {
    const toml::node* n = t.get(key);
    if (!n)
      return;
    std::optional<double> v;
    if (auto i = n->value_exact<std::int64_t>())
      v = static_cast<double>(*i);
    else if (auto d = n->value_exact<double>())
      v = *d;
    if (!v) {
      wrong_type(*n, join(path, key), "a number");
      return;
    }
    if (!(*v >= 0 && *v <= 100000)) {
      error_at(*n, join(path, key), "expected a number from 0 (no limit) to 100000");
      return;
    }
    out = *v;
  }

  void read_time(const toml::table& t, std::string_view key, const std::string& path,
                 TimeOfDay& out) {
    const toml::node* n = t.get(key);
    if (!n)
      return;
    std::string p = join(path, key);
    if (auto tm = n->value_exact<toml::time>()) {
      if (tm->second == 0 && tm->nanosecond == 0) {
        out = std::chrono::hours{tm->hour} + std::chrono::minutes{tm->minute};
        return;
      }
    }
    auto s = n->value_exact<std::string>();
    if (!s) {
      wrong_type(*n, p, "a time of day \"HH:MM\"");
      return;
    }
    if (auto v = parse_time_of_day(*s))
      out = *v;
    else
      error_at(*n, p, "expected a time of day \"HH:MM\" (00:00–23:59), got " + in_quotes(*s));
  }

  /// A duration string; `unit` is the smallest the field can hold ("1m" for minutes fields).
  template <class Duration>
  void read_duration(const toml::table& t, std::string_view key, const std::string& path,
                     Duration& out, std::chrono::seconds min, std::chrono::seconds max) {
    const toml::node* n = t.get(key);
    if (!n)
      return;
    std::string p = join(path, key);
    auto s = n->value_exact<std::string>();
    if (!s) {
      wrong_type(*n, p, "a duration such as \"30m\", \"2h\" or \"5s\"");
      return;
    }
    auto v = parse_duration(*s);
    if (!v) {
      error_at(*n, p,
               "expected a duration such as \"30m\", \"2h\", \"1h30m\", \"5s\" or \"90d\", got " +
                   in_quotes(*s));
      return;
    }
    if (*v < min || *v > max) {
      error_at(*n, p, "duration " + in_quotes(*s) + " is out of range");
      return;
    }
    auto converted = std::chrono::duration_cast<Duration>(*v);
    if (std::chrono::duration_cast<std::chrono::seconds>(converted) != *v) {
      error_at(*n, p,
               std::is_same_v<Duration, std::chrono::hours>
                   ? "expected whole hours (e.g. \"12h\" or \"90d\"), got " + in_quotes(*s)
                   : "expected whole minutes (e.g. \"30m\"), got " + in_quotes(*s));
      return;
    }
    out = converted;
  }

  /// An array at `key`; each element handed to `each(node, path_of_element)`.
  template <class F>
  void read_array(const toml::table& t, std::string_view key, const std::string& path, F each) {
    const toml::node* n = t.get(key);
    if (!n)
      return;
    std::string p = join(path, key);
    const toml::array* a = n->as_array();
    if (!a) {
      wrong_type(*n, p, "an array");
      return;
    }
    for (std::size_t i = 0; i < a->size(); ++i)
      each(*a->get(i), p + "[" + std::to_string(i) + "]");
  }

  std::optional<LocalDate> read_date_node(const toml::node& n, const std::string& path) {
    if (auto d = n.value_exact<toml::date>()) {
      date::year_month_day ymd{date::year{d->year}, date::month{d->month}, date::day{d->day}};
      if (ymd.ok())
        return LocalDate{ymd};
    }
    if (auto s = n.value_exact<std::string>()) {
      if (auto d = parse_date(*s))
        return *d;
      error_at(n, path, "expected a date YYYY-MM-DD, got " + in_quotes(*s));
      return std::nullopt;
    }
    wrong_type(n, path, "a date YYYY-MM-DD");
    return std::nullopt;
  }

  /// A secret: "inline", { file = "/path" } or { env = "NAME" }. Errors never quote the value.
  void read_secret(const toml::table& t, std::string_view key, const std::string& path,
                   Secret& out) {
    const toml::node* n = t.get(key);
    if (!n)
      return;
    read_secret_node(*n, join(path, key), out);
  }

  bool read_secret_node(const toml::node& n, const std::string& path, Secret& out) {
    if (n.is_string()) {
      auto v = n.value_exact<std::string>();
      if (v->empty()) {
        error_at(n, path, "must not be empty");
        return false;
      }
      out = Secret{std::move(*v), "inline"};
      return true;
    }
    const toml::table* t = n.as_table();
    if (!t) {
      error_at(n, path,
               "expected a secret: a string, { file = \"/path\" } or { env = \"NAME\" }, got " +
                   std::string(type_name(n.type())));
      return false;
    }
    if (!check_keys(*t, path, {"file", "env"}))
      return false;
    const toml::node* file = t->get("file");
    const toml::node* env = t->get("env");
    if ((file == nullptr) == (env == nullptr)) {
      error_at(n, path, "expected exactly one of { file = \"/path\" } or { env = \"NAME\" }");
      return false;
    }
    std::string name;
    if (file) {
      if (!read_string(*file, path + ".file", name))
        return false;
      std::string text;
      if (std::string why = read_small_file(name, kMaxSecretBytes, text); !why.empty()) {
        error_at(*file, path, "cannot read secret file " + in_quotes(name) + ": " + why);
        return false;
      }
      std::string value = trim_trailing(text);
      if (value.empty()) {
        error_at(*file, path, "secret file " + in_quotes(name) + " is empty");
        return false;
      }
      out = Secret{std::move(value), "file:" + name};
      return true;
    }
    if (!read_string(*env, path + ".env", name))
      return false;
    const char* value = std::getenv(name.c_str());
    if (!value || !*value) {
      error_at(*env, path, "environment variable " + name + " is not set or empty");
      return false;
    }
    out = Secret{value, "env:" + name};
    return true;
  }

  /// A CA bundle must be readable now and hold at least one PEM certificate: a typo here
  /// would otherwise surface only as failed deliveries.
  bool check_ca_file(const toml::node& n, const std::string& path, const std::string& name) {
    if (!name.starts_with("/")) {
      error_at(n, path, "expected an absolute path to a PEM file, got " + in_quotes(name));
      return false;
    }
    std::string text;
    if (std::string why = read_small_file(name, kMaxCaFileBytes, text); !why.empty()) {
      error_at(n, path, "cannot read CA file " + in_quotes(name) + ": " + why);
      return false;
    }
    if (text.find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
      error_at(
          n, path,
          "CA file " + in_quotes(name) + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
      return false;
    }
    return true;
  }

  void load(const toml::table& root, Config& c);

 private:
  void load_unit(const toml::table& t, UnitConfig& u);
  void load_calendar(const toml::table& t, CalendarConfig& cal);
  void load_meeting(const toml::table& t, Config& c);
  void load_deadlines(const toml::table& t, DeadlineConfig& d);
  void load_escalation(const toml::table& t, EscalationConfig& e);
  void load_working_hours(const toml::table& t, WorkingHoursConfig& w);
  void load_channels(const toml::node& n, Config& c);
  bool load_channel(const toml::table& t, std::size_t index, ChannelConfig& ch);
  void load_routing(const toml::table* t, Config& c);
  void load_delivery(const toml::table& t, DeliveryConfig& d);
  void load_admin(const toml::table& t, AdminConfig& a);
  void load_admin_tls(const toml::table& t, AdminConfig& a);
  void load_web(const toml::table& t, WebConfig& w);

  std::string file_;
  std::vector<Diagnostic> errors_;
  std::set<std::string> declared_ids_ = {"log"};  ///< channel ids written (or the default)
};

void Loader::load(const toml::table& root, Config& c) {
  check_keys(root, "",
             {"unit", "calendar", "meeting", "deadlines", "escalation", "working_hours", "schedule",
              "channel", "routing", "delivery", "admin", "web", "store", "backup", "log"});
  if (auto t = table(root, "unit", ""))
    load_unit(*t, c.unit);
  if (auto t = table(root, "calendar", ""))
    load_calendar(*t, c.calendar);
  if (auto t = table(root, "meeting", ""))
    load_meeting(*t, c);
  if (auto t = table(root, "deadlines", ""))
    load_deadlines(*t, c.deadlines);
  if (auto t = table(root, "escalation", ""))
    load_escalation(*t, c.escalation);
  if (auto t = table(root, "working_hours", ""))
    load_working_hours(*t, c.working_hours);
  if (auto t = table(root, "schedule", "")) {
    check_keys(*t, "schedule", {"catch_up_grace"});
    read_duration(*t, "catch_up_grace", "schedule", c.schedule.catch_up_grace, 0s, 7 * 24h);
  }
  if (const toml::node* n = root.get("channel"))
    load_channels(*n, c);
  load_routing(table(root, "routing", ""), c);
  if (auto t = table(root, "delivery", ""))
    load_delivery(*t, c.delivery);
  if (auto t = table(root, "admin", ""))
    load_admin(*t, c.admin);
  if (auto t = table(root, "web", ""))
    load_web(*t, c.web);
  if (auto t = table(root, "store", "")) {
    check_keys(*t, "store", {"path"});
    read(*t, "path", "store", c.store.path);
  }
  if (auto t = table(root, "backup", "")) {
    check_keys(*t, "backup", {"enabled", "folder", "at", "keep"});
    read(*t, "enabled", "backup", c.backup.enabled);
    read(*t, "folder", "backup", c.backup.folder, true);
    read_time(*t, "at", "backup", c.backup.at);
    read_int(*t, "keep", "backup", c.backup.keep, 1, 3650);
  }
  if (auto t = table(root, "log", "")) {
    check_keys(*t, "log", {"level"});
    if (const toml::node* n = t->get("level")) {
      std::string level;
      if (read_string(*n, "log.level", level)) {
        static constexpr std::array<std::string_view, 7> kLevels = {
            "trace", "debug", "info", "warn", "error", "critical", "off"};
        if (std::find(kLevels.begin(), kLevels.end(), level) != kLevels.end())
          c.log.level = level;
        else
          error_at(*n, "log.level",
                   "expected one of trace, debug, info, warn, error, critical, off, got " +
                       in_quotes(level));
      }
    }
  }
}

void Loader::load_unit(const toml::table& t, UnitConfig& u) {
  check_keys(t, "unit", {"name", "time_zone"});
  read(t, "name", "unit", u.name);
  if (const toml::node* n = t.get("time_zone")) {
    std::string zone;
    if (read_string(*n, "unit.time_zone", zone)) {
      bool found = false;
      try {
        found = date::locate_zone(zone) != nullptr;
      } catch (const std::exception&) {
        found = false;
      }
      if (found)
        u.time_zone = zone;
      else
        error_at(*n, "unit.time_zone",
                 "unknown time zone " + in_quotes(zone) + " (expected an IANA name such as " +
                     "\"Asia/Shanghai\")");
    }
  }
}

void Loader::load_calendar(const toml::table& t, CalendarConfig& cal) {
  check_keys(t, "calendar",
             {"builtin_holidays", "extra_days_off", "extra_workdays", "coverage_warning_days"});
  read(t, "builtin_holidays", "calendar", cal.builtin_holidays);
  for (auto [key, out] : {std::pair{"extra_days_off", &cal.extra_days_off},
                          std::pair{"extra_workdays", &cal.extra_workdays}}) {
    std::vector<LocalDate> days;
    bool any = t.contains(key);
    read_array(t, key, "calendar", [&](const toml::node& n, const std::string& p) {
      if (auto d = read_date_node(n, p))
        days.push_back(*d);
    });
    if (any)
      *out = std::move(days);
  }
  for (LocalDate d : cal.extra_days_off) {
    if (std::find(cal.extra_workdays.begin(), cal.extra_workdays.end(), d) !=
        cal.extra_workdays.end()) {
      const toml::node* n = t.get("extra_workdays");
      error_at(*n, "calendar.extra_workdays",
               format_date(d) + " is listed both as a day off and as a working day");
    }
  }
  read_int(t, "coverage_warning_days", "calendar", cal.coverage_warning_days, 0, 366);
}

void Loader::load_meeting(const toml::table& t, Config& c) {
  MeetingConfig& m = c.meeting;
  check_keys(t, "meeting",
             {"enabled", "weekday", "start", "duration", "title", "location", "participant_roles",
              "participants", "non_workday", "update_request", "nudge", "notice", "summary"});
  read(t, "enabled", "meeting", m.enabled);
  if (const toml::node* n = t.get("weekday")) {
    if (auto s = n->value_exact<std::string>()) {
      if (auto w = parse_weekday(*s))
        m.weekday = *w;
      else
        error_at(*n, "meeting.weekday",
                 "expected one of monday…sunday (or 一…日/周五), got " + in_quotes(*s));
    } else {
      wrong_type(*n, "meeting.weekday", "a weekday such as \"friday\" or \"周五\"");
    }
  }
  read_time(t, "start", "meeting", m.start);
  read_duration(t, "duration", "meeting", m.duration, 1min, 12h);
  read(t, "title", "meeting", m.title);
  read(t, "location", "meeting", m.location, true);
  if (t.contains("participant_roles")) {
    std::vector<Role> roles;
    read_array(t, "participant_roles", "meeting", [&](const toml::node& n, const std::string& p) {
      std::string s;
      if (!read_string(n, p, s))
        return;
      if (auto r = parse_role(s)) {
        if (std::find(roles.begin(), roles.end(), *r) == roles.end())
          roles.push_back(*r);
      } else {
        error_at(n, p, "expected one of owner, leader, chief, office, got " + in_quotes(s));
      }
    });
    m.participant_roles = std::move(roles);
  }
  if (t.contains("participants")) {
    std::vector<std::string> names;
    read_array(t, "participants", "meeting", [&](const toml::node& n, const std::string& p) {
      std::string s;
      if (read_string(n, p, s)) {
        c.person_references.push_back(PersonReference{s, p, location(n)});
        names.push_back(std::move(s));
      }
    });
    m.participants = std::move(names);
  }
  if (const toml::node* n = t.get("non_workday")) {
    std::string s;
    if (read_string(*n, "meeting.non_workday", s)) {
      if (s == "previous_workday_same_week")
        m.non_workday = NonWorkdayRule::previous_workday_same_week;
      else if (s == "next_workday_same_week")
        m.non_workday = NonWorkdayRule::next_workday_same_week;
      else if (s == "skip")
        m.non_workday = NonWorkdayRule::skip;
      else
        error_at(*n, "meeting.non_workday",
                 "expected one of previous_workday_same_week, next_workday_same_week, skip, "
                 "got " +
                     in_quotes(s));
    }
  }
  if (auto u = table(t, "update_request", "meeting")) {
    check_keys(*u, "meeting.update_request", {"enabled", "workdays_before", "at"});
    read(*u, "enabled", "meeting.update_request", m.update_request.enabled);
    read_int(*u, "workdays_before", "meeting.update_request", m.update_request.workdays_before, 0,
             5);
    read_time(*u, "at", "meeting.update_request", m.update_request.at);
  }
  if (auto u = table(t, "nudge", "meeting")) {
    check_keys(*u, "meeting.nudge", {"enabled", "at"});
    read(*u, "enabled", "meeting.nudge", m.nudge.enabled);
    read_time(*u, "at", "meeting.nudge", m.nudge.at);
  }
  if (auto u = table(t, "notice", "meeting")) {
    check_keys(*u, "meeting.notice", {"enabled", "before"});
    read(*u, "enabled", "meeting.notice", m.notice.enabled);
    read_duration(*u, "before", "meeting.notice", m.notice.before, 0s, 24h);
  }
  if (auto u = table(t, "summary", "meeting")) {
    check_keys(*u, "meeting.summary", {"enabled", "after_end"});
    read(*u, "enabled", "meeting.summary", m.summary.enabled);
    read_duration(*u, "after_end", "meeting.summary", m.summary.after_end, 0s, 24h);
  }
  if (m.start + m.duration > 24h) {
    if (const toml::node* n = t.get("duration"))
      error_at(*n, "meeting.duration", "the meeting must end on the day it starts");
  }
}

void Loader::load_deadlines(const toml::table& t, DeadlineConfig& d) {
  check_keys(t, "deadlines",
             {"yellow_within_workdays", "reminder_workdays_before", "reminder_at",
              "overdue_repeat_workdays", "overdue_at"});
  read_int(t, "yellow_within_workdays", "deadlines", d.yellow_within_workdays, 0, 60);
  if (t.contains("reminder_workdays_before")) {
    std::vector<int> days;
    read_array(t, "reminder_workdays_before", "deadlines",
               [&](const toml::node& n, const std::string& p) {
                 int v = 0;
                 if (!read_int_node(n, p, v, 0, 60))
                   return;
                 if (std::find(days.begin(), days.end(), v) != days.end())
                   error_at(n, p, std::to_string(v) + " is listed twice");
                 else
                   days.push_back(v);
               });
    std::sort(days.begin(), days.end(), std::greater<>());
    d.reminder_workdays_before = std::move(days);
  }
  read_time(t, "reminder_at", "deadlines", d.reminder_at);
  read_int(t, "overdue_repeat_workdays", "deadlines", d.overdue_repeat_workdays, 0, 60);
  read_time(t, "overdue_at", "deadlines", d.overdue_at);
}

void Loader::load_escalation(const toml::table& t, EscalationConfig& e) {
  check_keys(t, "escalation", {"leader_after_workdays", "chief_after_workdays"});
  read_int(t, "leader_after_workdays", "escalation", e.leader_after_workdays, 0, 250);
  read_int(t, "chief_after_workdays", "escalation", e.chief_after_workdays, 0, 250);
  if (e.chief_after_workdays < e.leader_after_workdays) {
    const toml::node* n = t.get("chief_after_workdays");
    if (!n)
      n = t.get("leader_after_workdays");
    error_at(*n, "escalation.chief_after_workdays",
             "must not be less than leader_after_workdays (" +
                 std::to_string(e.leader_after_workdays) + ")");
  }
}

void Loader::load_working_hours(const toml::table& t, WorkingHoursConfig& w) {
  check_keys(t, "working_hours", {"start", "end", "defer_to"});
  read_time(t, "start", "working_hours", w.start);
  read_time(t, "end", "working_hours", w.end);
  read_time(t, "defer_to", "working_hours", w.defer_to);
  if (w.end <= w.start) {
    const toml::node* n = t.get("end");
    if (!n)
      n = t.get("start");
    error_at(*n, "working_hours.end", "must be later than working_hours.start");
  } else if (w.defer_to < w.start || w.defer_to >= w.end) {
    // Not written: deferred messages go out when the working hours begin.
    if (const toml::node* n = t.get("defer_to"))
      error_at(*n, "working_hours.defer_to",
               "must lie within working hours (start ≤ defer_to < end)");
    else
      w.defer_to = w.start;
  }
}

void Loader::load_channels(const toml::node& n, Config& c) {
  declared_ids_.clear();  // written channels replace the default "log" channel
  const toml::array* a = n.as_array();
  if (!a) {
    wrong_type(n, "channel", "an array of tables ([[channel]])");
    return;
  }
  std::vector<ChannelConfig> channels;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const toml::node& el = *a->get(i);
    const toml::table* t = el.as_table();
    std::string p = "channel[" + std::to_string(i) + "]";
    if (!t) {
      wrong_type(el, p, "a table");
      continue;
    }
    // A channel that fails to load still declares its id, so routing does not repeat its error.
    const toml::node* id = t->get("id");
    if (auto name = id ? id->value_exact<std::string>() : std::nullopt) {
      if (declared_ids_.contains(*name)) {
        error_at(*id, "channel." + *name + ".id",
                 "channel id " + in_quotes(*name) + " is already used by an earlier [[channel]]");
        continue;
      }
      declared_ids_.insert(*name);
    }
    ChannelConfig ch;
    if (load_channel(*t, i, ch))
      channels.push_back(std::move(ch));
  }
  c.channels = std::move(channels);
}

bool Loader::load_channel(const toml::table& t, std::size_t index, ChannelConfig& ch) {
  std::string p = "channel[" + std::to_string(index) + "]";
  const toml::node* id = t.get("id");
  const toml::node* type = t.get("type");
  bool good = true;
  if (!id) {
    error(t.source(), p + ": missing key \"id\" (a name for routing, e.g. id = \"wecom\")");
    good = false;
  } else if (read_string(*id, p + ".id", ch.id)) {
    if (!valid_channel_id(ch.id)) {
      error_at(*id, p + ".id", "expected letters, digits, '_' or '-', got " + in_quotes(ch.id));
      good = false;
    } else {
      p = "channel." + ch.id;
    }
  } else {
    good = false;
  }
  if (!type) {
    error(t.source(), p + ": missing key \"type\" (one of log, generic, wecom, dingtalk, feishu, "
                          "slack, smtp)");
    return false;
  }
  std::string type_text;
  if (!read_string(*type, p + ".type", type_text))
    return false;
  auto parsed = parse_channel_type(type_text);
  if (!parsed) {
    error_at(*type, p + ".type",
             "expected one of log, generic, wecom, dingtalk, feishu, slack, smtp, got " +
                 in_quotes(type_text));
    return false;
  }
  ch.type = *parsed;
  ch.rate = default_rate(ch.type);

  switch (ch.type) {
    case ChannelType::log:
      check_keys(t, p, {"id", "type", "path", "personal"});
      read(t, "path", p, ch.path);
      read(t, "personal", p, ch.personal);
      break;
    case ChannelType::smtp:
      check_keys(t, p,
                 {"id", "type", "url", "smtp_url", "username", "password", "from_address",
                  "from_name", "tls", "require_tls", "tls_ca_file", "rate_per_second",
                  "rate_per_minute", "concurrency", "timeout"});
      break;
    default:
      check_keys(t, p,
                 {"id", "type", "url", "urls", "secret", "rate_per_second", "rate_per_minute",
                  "concurrency", "timeout", "personal"});
      read(t, "personal", p, ch.personal);
      break;
  }
  if (ch.type == ChannelType::log)
    return good;

  read_rate(t, "rate_per_second", p, ch.rate.per_second);
  read_rate(t, "rate_per_minute", p, ch.rate.per_minute);
  read_int(t, "concurrency", p, ch.concurrency, 1, 64);
  read_duration(t, "timeout", p, ch.timeout, 1s, 300s);

  if (ch.type == ChannelType::smtp) {
    const toml::node* url = t.get("url");
    const toml::node* smtp_url = t.get("smtp_url");
    if (url && smtp_url) {
      error_at(*smtp_url, p + ".smtp_url", "give either url or smtp_url, not both");
      good = false;
    } else if (!url && !smtp_url) {
      error(t.source(), p + ": an smtp channel needs url = \"smtp://host:587\" (or smtps://)");
      good = false;
    } else {
      const toml::node& u = url ? *url : *smtp_url;
      std::string key = p + (url ? ".url" : ".smtp_url");
      if (read_secret_node(u, key, ch.smtp_url)) {
        if (!ch.smtp_url.value.starts_with("smtp://") &&
            !ch.smtp_url.value.starts_with("smtps://")) {
          error_at(u, key, "expected a URL beginning with smtp:// or smtps://");
          good = false;
        }
      } else {
        good = false;
      }
    }
    read(t, "username", p, ch.username);
    read_secret(t, "password", p, ch.password);
    if (!t.contains("from_address")) {
      error(t.source(), p + ": an smtp channel needs from_address = \"office@example.org\"");
      good = false;
    } else {
      read(t, "from_address", p, ch.from_address);
      if (!ch.from_address.empty() && ch.from_address.find('@') == std::string::npos)
        error_at(*t.get("from_address"), p + ".from_address",
                 "expected an email address, got " + in_quotes(ch.from_address));
    }
    read(t, "from_name", p, ch.from_name, true);
    if (const toml::node* old = t.get("require_tls")) {
      // Refused rather than guessed: `false` meant "send in clear text when the server offers
      // no STARTTLS", which its name did not say.
      error_at(*old, p + ".require_tls",
               "require_tls is replaced by tls = \"required\" | \"opportunistic\" | \"none\" "
               "(require_tls = true is tls = \"required\"; require_tls = false is "
               "tls = \"opportunistic\")");
      good = false;
    }
    if (const toml::node* tls = t.get("tls")) {
      std::string text;
      if (!read_string(*tls, p + ".tls", text)) {
        good = false;
      } else if (text == "required") {
        ch.tls = SmtpTls::required;
      } else if (text == "opportunistic") {
        ch.tls = SmtpTls::opportunistic;
      } else if (text == "none") {
        ch.tls = SmtpTls::none;
      } else {
        error_at(*tls, p + ".tls",
                 "expected one of required, opportunistic, none, got " + in_quotes(text));
        good = false;
      }
    }
    if (const toml::node* ca = t.get("tls_ca_file")) {
      if (read_string(*ca, p + ".tls_ca_file", ch.tls_ca_file))
        good = check_ca_file(*ca, p + ".tls_ca_file", ch.tls_ca_file) && good;
      else
        good = false;
    }
    return good;
  }

  // Webhook channels.
  const toml::node* url = t.get("url");
  const toml::node* urls = t.get("urls");
  auto check_url = [&](const toml::node& n, const std::string& key, const Secret& s) {
    if (!s.value.starts_with("https://") && !s.value.starts_with("http://")) {
      error_at(n, key, "expected a URL beginning with https:// or http://");
      return false;
    }
    return true;
  };
  if (url && urls) {
    error_at(*urls, p + ".urls", "give either url or urls, not both");
    good = false;
  } else if (url) {
    Secret s;
    if (read_secret_node(*url, p + ".url", s) && check_url(*url, p + ".url", s))
      ch.urls.push_back(std::move(s));
    else
      good = false;
  } else if (urls) {
    if (!urls->is_array() || urls->as_array()->empty()) {
      error_at(*urls, p + ".urls", "expected a non-empty array of webhook URLs");
      good = false;
    } else {
      read_array(t, "urls", p, [&](const toml::node& n, const std::string& key) {
        Secret s;
        if (read_secret_node(n, key, s) && check_url(n, key, s))
          ch.urls.push_back(std::move(s));
        else
          good = false;
      });
    }
  } else {
    error(t.source(), p + ": a " + type_text + " channel needs url = \"https://…\" (or urls)");
    good = false;
  }
  if (const toml::node* secret = t.get("secret")) {
    if (ch.type == ChannelType::wecom || ch.type == ChannelType::slack) {
      error_at(*secret, p + ".secret", "a " + type_text + " channel takes no signing secret");
      good = false;
    } else if (read_secret_node(*secret, p + ".secret", ch.secret)) {
      if (ch.type == ChannelType::generic && !ch.secret.value.starts_with("whsec_")) {
        error_at(*secret, p + ".secret", "expected a signing secret beginning with whsec_");
        good = false;
      }
    } else {
      good = false;
    }
  } else if (ch.type == ChannelType::generic) {
    error(t.source(),
          p + ": a generic channel needs secret = { file = \"…\" } holding a whsec_… key");
    good = false;
  }
  return good;
}

void Loader::load_routing(const toml::table* t, Config& c) {
  RoutingConfig& r = c.routing;
  const std::set<std::string>& ids = declared_ids_;
  auto check_id = [&](const toml::node* n, const std::string& p, const std::string& id) {
    if (ids.contains(id))
      return;
    std::string msg = "no channel has id " + in_quotes(id) + " (defined:";
    for (const auto& known : ids)
      msg += " " + known;
    msg += ")";
    error_at(*n, p, msg);
  };
  // A list left at its default names "log", which written channels may have replaced.
  auto check_default = [&](const toml::table* where, const std::string& p,
                           const std::vector<std::string>& list) {
    for (const auto& id : list) {
      if (ids.contains(id))
        continue;
      std::string msg = p + " is not set, and its default channel " + in_quotes(id) +
                        " is not defined; name your channels in [routing]";
      if (where)
        error(where->source(), msg);
      else
        error_nowhere(msg);
    }
  };
  auto read_ids = [&](const toml::node& n, const std::string& p, std::vector<std::string>& out) {
    const toml::array* a = n.as_array();
    if (!a) {
      wrong_type(n, p, "an array of channel ids");
      return;
    }
    std::vector<std::string> list;
    for (std::size_t i = 0; i < a->size(); ++i) {
      std::string id;
      std::string ep = p + "[" + std::to_string(i) + "]";
      if (!read_string(*a->get(i), ep, id))
        continue;
      check_id(a->get(i), ep, id);
      list.push_back(std::move(id));
    }
    out = std::move(list);
  };
  if (t) {
    check_keys(*t, "routing", {"personal", "group", "office", "person"});
    for (auto [key, out] : {std::pair{"personal", &r.personal}, std::pair{"group", &r.group},
                            std::pair{"office", &r.office}}) {
      const toml::node* n = t->get(key);
      if (!n) {
        check_default(t, std::string("routing.") + key, *out);
        continue;
      }
      read_ids(*n, std::string("routing.") + key, *out);
      if (out->empty() && n->is_array())
        error_at(*n, std::string("routing.") + key, "must name at least one channel");
    }
    if (auto person = table(*t, "person", "routing")) {
      for (auto&& [key, value] : *person) {
        std::string name(key.str());
        std::string p = "routing.person." + in_quotes(name);
        c.person_references.push_back(
            PersonReference{name, "routing.person",
                            SourceLocation{file_, static_cast<int>(key.source().begin.line),
                                           static_cast<int>(key.source().begin.column)}});
        read_ids(value, p, r.person[name]);
      }
    }
  } else {
    for (auto [key, out] : {std::pair{"personal", &r.personal}, std::pair{"group", &r.group},
                            std::pair{"office", &r.office}}) {
      check_default(nullptr, std::string("routing.") + key, *out);
    }
  }
}

void Loader::load_delivery(const toml::table& t, DeliveryConfig& d) {
  check_keys(t, "delivery",
             {"max_age", "retry_base", "retry_max", "shutdown_grace", "prune_sent_after",
              "channel_alert_after"});
  read_duration(t, "max_age", "delivery", d.max_age, 1min, 30 * 24h);
  read_duration(t, "retry_base", "delivery", d.retry_base, 1s, 24h);
  read_duration(t, "retry_max", "delivery", d.retry_max, 1s, 7 * 24h);
  read_duration(t, "shutdown_grace", "delivery", d.shutdown_grace, 0s, 300s);
  read_duration(t, "prune_sent_after", "delivery", d.prune_sent_after, 1h, 3650 * 24h);
  read_duration(t, "channel_alert_after", "delivery", d.channel_alert_after, 1min, 7 * 24h);
  if (d.retry_max < d.retry_base) {
    const toml::node* n = t.get("retry_max");
    if (!n)
      n = t.get("retry_base");
    error_at(*n, "delivery.retry_max", "must not be less than delivery.retry_base");
  }
}

void Loader::load_admin(const toml::table& t, AdminConfig& a) {
  check_keys(t, "admin",
             {"enabled", "listen", "token", "read_only_token", "tls_certificate", "tls_private_key",
              "trusted_proxies", "max_body_bytes", "max_header_bytes", "max_connections",
              "request_timeout"});
  read(t, "enabled", "admin", a.enabled);
  if (const toml::node* n = t.get("listen")) {
    std::string listen;
    if (read_string(*n, "admin.listen", listen)) {
      if (valid_listen(listen))
        a.listen = listen;
      else
        error_at(
            *n, "admin.listen",
            "expected host:port (e.g. \"127.0.0.1:8377\") or unix:/path, got " + in_quotes(listen));
    }
  }
  read_secret(t, "token", "admin", a.token);
  read_secret(t, "read_only_token", "admin", a.read_only_token);
  if (!a.token.empty() && a.token == a.read_only_token)
    error_at(*t.get("read_only_token"), "admin.read_only_token", "must differ from admin.token");
  load_admin_tls(t, a);
  if (t.contains("trusted_proxies")) {
    std::vector<std::string> proxies;
    read_array(t, "trusted_proxies", "admin", [&](const toml::node& n, const std::string& p) {
      std::string s;
      if (!read_string(n, p, s))
        return;
      boost::system::error_code ec;
      const auto ip = boost::asio::ip::make_address(s, ec);
      if (ec)
        error_at(n, p, "expected an IP address (e.g. \"127.0.0.1\"), got " + in_quotes(s));
      else
        proxies.push_back(ip.to_string());
    });
    a.trusted_proxies = std::move(proxies);
  }
  read_int(t, "max_body_bytes", "admin", a.max_body_bytes, 1024, 64LL << 20);
  read_int(t, "max_header_bytes", "admin", a.max_header_bytes, 1024, 1LL << 20);
  read_int(t, "max_connections", "admin", a.max_connections, 1, 4096);
  read_duration(t, "request_timeout", "admin", a.request_timeout, 1s, 600s);
}

void Loader::load_admin_tls(const toml::table& t, AdminConfig& a) {
  const toml::node* cert = t.get("tls_certificate");
  const toml::node* key = t.get("tls_private_key");
  if (cert && !key && cert->value_exact<std::string>() == std::string())
    cert = nullptr;  // tls_certificate = "": no TLS, as when the key is absent
  if (!cert && !key)
    return;
  if (!cert || !key) {
    error_at(cert ? *cert : *key, cert ? "admin.tls_certificate" : "admin.tls_private_key",
             "TLS needs both admin.tls_certificate and admin.tls_private_key");
    return;
  }
  std::string path;
  std::string chain;
  if (!read_string(*cert, "admin.tls_certificate", path))
    return;
  if (!path.starts_with("/")) {
    error_at(*cert, "admin.tls_certificate",
             "expected an absolute path to a PEM file, got " + in_quotes(path));
    return;
  }
  if (std::string why = read_small_file(path, kMaxCaFileBytes, chain); !why.empty()) {
    error_at(*cert, "admin.tls_certificate",
             "cannot read certificate file " + in_quotes(path) + ": " + why);
    return;
  }
  Secret secret;
  if (!read_secret_node(*key, "admin.tls_private_key", secret))
    return;
  if (auto st = check_tls_pair(chain, secret.value); !st) {
    const bool about_cert = st.error().message.find("certificate in") != std::string::npos;
    error_at(about_cert ? *cert : *key,
             about_cert ? "admin.tls_certificate" : "admin.tls_private_key", st.error().message);
    return;
  }
  if (a.listen.starts_with("unix:")) {
    error_at(*cert, "admin.tls_certificate",
             "TLS needs a TCP address in admin.listen, not a unix socket");
    return;
  }
  a.tls_certificate = std::move(path);
  a.tls_private_key = std::move(secret);
}

void Loader::load_web(const toml::table& t, WebConfig& w) {
  check_keys(t, "web",
             {"public_url", "link_lifetime", "link_renew_before", "evidence_max_bytes",
              "evidence_max_files", "evidence_folder", "requests_per_minute_per_link",
              "requests_per_minute_per_address"});
  if (const toml::node* n = t.get("public_url")) {
    std::string url;
    if (read_string(*n, "web.public_url", url, true)) {
      while (url.ends_with('/'))
        url.pop_back();
      if (!url.empty() && !url.starts_with("https://") && !url.starts_with("http://"))
        error_at(*n, "web.public_url",
                 "expected a URL beginning with https:// or http://, got " + in_quotes(url));
      else if (url.find_first_of(" \"<>?#") != std::string::npos)
        error_at(*n, "web.public_url", "expected a plain address without spaces, ? or #");
      else
        w.public_url = url;
    }
  }
  read_duration(t, "link_lifetime", "web", w.link_lifetime, 1h, 366 * 24h);
  read_duration(t, "link_renew_before", "web", w.link_renew_before, 0s, 365 * 24h);
  if (w.link_renew_before >= w.link_lifetime) {
    const toml::node* n = t.get("link_renew_before");
    if (!n)
      n = t.get("link_lifetime");
    error_at(*n, "web.link_renew_before", "must be shorter than web.link_lifetime");
  }
  read_int(t, "evidence_max_bytes", "web", w.evidence_max_bytes, 1024, 256LL << 20);
  read_int(t, "evidence_max_files", "web", w.evidence_max_files, 1, 50);
  read(t, "evidence_folder", "web", w.evidence_folder, true);
  read_int(t, "requests_per_minute_per_link", "web", w.requests_per_minute_per_link, 1, 100000);
  read_int(t, "requests_per_minute_per_address", "web", w.requests_per_minute_per_address, 1,
           100000);
}

}  // namespace

std::string to_string(const Diagnostic& d) {
  if (d.line <= 0)
    return d.file + ": " + d.message;
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
}

std::string LoadResult::error_text() const {
  std::string out;
  for (const auto& e : errors)
    out += to_string(e) + "\n";
  return out;
}

LoadResult load_config_text(std::string_view text, const std::string& name) {
  LoadResult result;
  Loader loader(name);
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    loader.error(e.source(), "TOML syntax error: " + std::string(e.description()));
    result.errors = std::move(loader.errors());
    return result;
  }
  Config config;
  config.source = name;
  loader.load(root, config);
  result.errors = std::move(loader.errors());
  std::stable_sort(result.errors.begin(), result.errors.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::pair{a.line, a.column} < std::pair{b.line, b.column};
                   });
  if (result.errors.empty())
    result.config = std::move(config);
  return result;
}

LoadResult load_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    LoadResult result;
    result.errors.push_back(
        Diagnostic{path, 0, 0, std::string("cannot read the file: ") + std::strerror(err)});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return load_config_text(text.str(), path);
}

Config default_config() {
  auto result = load_config_text(default_config_text(), "(embedded default)");
  if (!result.config)
    return Config{};
  return std::move(*result.config);
}

std::vector<Diagnostic> check_against_people(const Config& config,
                                             const std::vector<std::string>& known_people) {
  std::vector<Diagnostic> out;
  for (const auto& ref : config.person_references) {
    if (std::find(known_people.begin(), known_people.end(), ref.name) != known_people.end())
      continue;
    out.push_back(Diagnostic{ref.where.file, ref.where.line, ref.where.column,
                             ref.key + ": no person named " + in_quotes(ref.name) +
                                 " in the ledger (add them with rectifyctl, or fix the name)"});
  }
  return out;
}

}  // namespace rectifyd::config
