#include "config/config_diff.h"

#include "config/toml_text.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

#include "core/dates.h"
#include "core/names.h"

namespace rectifyd::config {

namespace {

std::string format_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15)
    return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string_view weekday_name(date::weekday w) {
  static constexpr std::string_view kNames[] = {"sunday",   "monday", "tuesday", "wednesday",
                                                "thursday", "friday", "saturday"};
  return kNames[w.c_encoding() % 7];
}

std::string_view non_workday_name(NonWorkdayRule r) {
  switch (r) {
    case NonWorkdayRule::previous_workday_same_week:
      return "previous_workday_same_week";
    case NonWorkdayRule::next_workday_same_week:
      return "next_workday_same_week";
    case NonWorkdayRule::skip:
      return "skip";
  }
  return "skip";
}

/// Collects settings with their three spellings (text, TOML, JSON).
class Flattener {
 public:
  std::vector<Setting> out;

  void add(const std::string& table, std::string name, std::string text, std::string toml,
           boost::json::value json) {
    Setting s;
    s.table = table;
    s.name = std::move(name);
    s.text = std::move(text);
    s.toml = std::move(toml);
    s.json = std::move(json);
    out.push_back(std::move(s));
  }
  void str(const std::string& t, std::string n, const std::string& v) {
    add(t, std::move(n), v, toml_string(v), boost::json::string(v));
  }
  void boolean(const std::string& t, std::string n, bool v) {
    add(t, std::move(n), v ? "true" : "false", v ? "true" : "false", v);
  }
  void integer(const std::string& t, std::string n, std::int64_t v) {
    add(t, std::move(n), std::to_string(v), std::to_string(v), v);
  }
  void number(const std::string& t, std::string n, double v) {
    add(t, std::move(n), format_number(v), format_number(v), v);
  }
  void time(const std::string& t, std::string n, TimeOfDay v) {
    str(t, std::move(n), format_time_of_day(v));
  }
  void duration(const std::string& t, std::string n, std::chrono::seconds v) {
    str(t, std::move(n), format_duration(v));
  }
  void list(const std::string& t, std::string n, const std::vector<std::string>& items,
            bool quote) {
    std::string text = "[";
    std::string toml = "[";
    boost::json::array json;
    for (std::size_t i = 0; i < items.size(); ++i) {
      text += (i ? ", " : "") + items[i];
      toml += (i ? ", " : "") + (quote ? toml_string(items[i]) : items[i]);
      if (quote)
        json.emplace_back(boost::json::string(items[i]));
      else
        json.emplace_back(std::stoll(items[i]));
    }
    add(t, std::move(n), text + "]", toml + "]", std::move(json));
  }
  void secret(const std::string& t, std::string n, const Secret& v) {
    Setting s;
    s.table = t;
    s.name = std::move(n);
    s.secret = true;
    s.set = !v.empty();
    s.text = s.set ? "(secret: " + v.source + ")" : "(not set)";
    s.toml = toml_string(s.text);
    s.json = boost::json::string(s.text);
    // Kept in memory only, to see a change of value behind an unchanged source.
    s.secret_fingerprint = v.source + '\n' + std::to_string(std::hash<std::string>{}(v.value));
    out.push_back(std::move(s));
  }
  void secrets(const std::string& t, std::string n, const std::vector<Secret>& v) {
    Setting s;
    s.table = t;
    s.name = std::move(n);
    s.secret = true;
    s.set = !v.empty();
    std::string text = "[";
    std::string toml = "[";
    boost::json::array json;
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string one = "(secret: " + v[i].source + ")";
      text += (i ? ", " : "") + one;
      toml += (i ? ", " : "") + toml_string(one);
      json.emplace_back(boost::json::string(one));
      s.secret_fingerprint +=
          v[i].source + '\n' + std::to_string(std::hash<std::string>{}(v[i].value)) + '\n';
    }
    s.text = text + "]";
    s.toml = toml + "]";
    s.json = std::move(json);
    out.push_back(std::move(s));
  }
};

void flatten_channel(Flattener& f, const ChannelConfig& ch) {
  const std::string t = "channel." + ch.id;
  f.str(t, "id", ch.id);
  f.str(t, "type", std::string(to_string(ch.type)));
  if (ch.type != ChannelType::smtp)
    f.boolean(t, "personal", ch.personal);
  if (ch.type == ChannelType::log) {
    f.str(t, "path", ch.path);
    return;
  }
  if (ch.type == ChannelType::smtp) {
    f.secret(t, "url", ch.smtp_url);
    f.str(t, "username", ch.username);
    f.secret(t, "password", ch.password);
    f.str(t, "from_address", ch.from_address);
    f.str(t, "from_name", ch.from_name);
    f.str(t, "tls", std::string(to_string(ch.tls)));
    f.str(t, "tls_ca_file", ch.tls_ca_file);
  } else {
    if (ch.urls.size() == 1)
      f.secret(t, "url", ch.urls[0]);
    else
      f.secrets(t, "urls", ch.urls);
    f.secret(t, "secret", ch.secret);
  }
  f.number(t, "rate_per_second", ch.rate.per_second);
  f.number(t, "rate_per_minute", ch.rate.per_minute);
  f.integer(t, "concurrency", ch.concurrency);
  f.duration(t, "timeout", ch.timeout);
}

}  // namespace

std::string_view to_string(ChannelType t) {
  switch (t) {
    case ChannelType::log:
      return "log";
    case ChannelType::generic:
      return "generic";
    case ChannelType::wecom:
      return "wecom";
    case ChannelType::dingtalk:
      return "dingtalk";
    case ChannelType::feishu:
      return "feishu";
    case ChannelType::slack:
      return "slack";
    case ChannelType::smtp:
      return "smtp";
  }
  return "log";
}

std::string format_duration(std::chrono::seconds d) {
  auto s = d.count();
  if (s == 0)
    return "0s";
  std::string out;
  if (s < 0) {
    out = "-";
    s = -s;
  }
  for (auto [unit, suffix] : {std::pair{86400LL, 'd'}, std::pair{3600LL, 'h'}, std::pair{60LL, 'm'},
                              std::pair{1LL, 's'}}) {
    if (s >= unit) {
      out += std::to_string(s / unit) + suffix;
      s %= unit;
    }
  }
  return out;
}

std::string format_time_of_day(TimeOfDay t) {
  char buf[8];
  auto m = t.count();
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m / 60 % 100),
                static_cast<int>(m % 60));
  return buf;
}

std::string Setting::key() const {
  return table.empty() ? name : table + "." + name;
}

std::vector<Setting> flatten(const Config& c) {
  Flattener f;
  f.str("unit", "name", c.unit.name);
  f.str("unit", "time_zone", c.unit.time_zone);

  f.boolean("calendar", "builtin_holidays", c.calendar.builtin_holidays);
  for (auto [name, days] : {std::pair{"extra_days_off", &c.calendar.extra_days_off},
                            std::pair{"extra_workdays", &c.calendar.extra_workdays}}) {
    std::vector<std::string> items;
    for (LocalDate d : *days)
      items.push_back(format_date(d));
    f.list("calendar", name, items, true);
  }
  f.integer("calendar", "coverage_warning_days", c.calendar.coverage_warning_days);

  const MeetingConfig& m = c.meeting;
  f.boolean("meeting", "enabled", m.enabled);
  f.str("meeting", "weekday", std::string(weekday_name(m.weekday)));
  f.time("meeting", "start", m.start);
  f.duration("meeting", "duration", m.duration);
  f.str("meeting", "title", m.title);
  f.str("meeting", "location", m.location);
  std::vector<std::string> roles;
  for (Role r : m.participant_roles)
    roles.emplace_back(to_string(r));
  f.list("meeting", "participant_roles", roles, true);
  f.list("meeting", "participants", m.participants, true);
  f.str("meeting", "non_workday", std::string(non_workday_name(m.non_workday)));
  f.boolean("meeting.update_request", "enabled", m.update_request.enabled);
  f.integer("meeting.update_request", "workdays_before", m.update_request.workdays_before);
  f.time("meeting.update_request", "at", m.update_request.at);
  f.boolean("meeting.nudge", "enabled", m.nudge.enabled);
  f.time("meeting.nudge", "at", m.nudge.at);
  f.boolean("meeting.notice", "enabled", m.notice.enabled);
  f.duration("meeting.notice", "before", m.notice.before);
  f.boolean("meeting.summary", "enabled", m.summary.enabled);
  f.duration("meeting.summary", "after_end", m.summary.after_end);

  const DeadlineConfig& d = c.deadlines;
  f.integer("deadlines", "yellow_within_workdays", d.yellow_within_workdays);
  std::vector<std::string> leads;
  for (int n : d.reminder_workdays_before)
    leads.push_back(std::to_string(n));
  f.list("deadlines", "reminder_workdays_before", leads, false);
  f.time("deadlines", "reminder_at", d.reminder_at);
  f.integer("deadlines", "overdue_repeat_workdays", d.overdue_repeat_workdays);
  f.time("deadlines", "overdue_at", d.overdue_at);

  f.integer("escalation", "leader_after_workdays", c.escalation.leader_after_workdays);
  f.integer("escalation", "chief_after_workdays", c.escalation.chief_after_workdays);

  f.time("working_hours", "start", c.working_hours.start);
  f.time("working_hours", "end", c.working_hours.end);
  f.time("working_hours", "defer_to", c.working_hours.defer_to);

  f.duration("schedule", "catch_up_grace", c.schedule.catch_up_grace);

  for (const auto& ch : c.channels)
    flatten_channel(f, ch);

  f.list("routing", "personal", c.routing.personal, true);
  f.list("routing", "group", c.routing.group, true);
  f.list("routing", "office", c.routing.office, true);
  for (const auto& [person, ids] : c.routing.person)
    f.list("routing.person", person, ids, true);

  f.duration("delivery", "max_age", c.delivery.max_age);
  f.duration("delivery", "retry_base", c.delivery.retry_base);
  f.duration("delivery", "retry_max", c.delivery.retry_max);
  f.duration("delivery", "shutdown_grace", c.delivery.shutdown_grace);
  f.duration("delivery", "prune_sent_after", c.delivery.prune_sent_after);
  f.duration("delivery", "channel_alert_after", c.delivery.channel_alert_after);

  const AdminConfig& a = c.admin;
  f.boolean("admin", "enabled", a.enabled);
  f.str("admin", "listen", a.listen);
  f.secret("admin", "token", a.token);
  f.secret("admin", "read_only_token", a.read_only_token);
  f.str("admin", "tls_certificate", a.tls_certificate);
  f.secret("admin", "tls_private_key", a.tls_private_key);
  f.list("admin", "trusted_proxies", a.trusted_proxies, true);
  f.integer("admin", "max_body_bytes", static_cast<std::int64_t>(a.max_body_bytes));
  f.integer("admin", "max_header_bytes", static_cast<std::int64_t>(a.max_header_bytes));
  f.integer("admin", "max_connections", a.max_connections);
  f.duration("admin", "request_timeout", a.request_timeout);

  const WebConfig& w = c.web;
  f.str("web", "public_url", w.public_url);
  f.duration("web", "link_lifetime", w.link_lifetime);
  f.duration("web", "link_renew_before", w.link_renew_before);
  f.integer("web", "evidence_max_bytes", static_cast<std::int64_t>(w.evidence_max_bytes));
  f.integer("web", "evidence_max_files", w.evidence_max_files);
  f.str("web", "evidence_folder", w.evidence_folder);
  f.integer("web", "requests_per_minute_per_link", w.requests_per_minute_per_link);
  f.integer("web", "requests_per_minute_per_address", w.requests_per_minute_per_address);

  f.str("store", "path", c.store.path);
  f.boolean("backup", "enabled", c.backup.enabled);
  f.str("backup", "folder", c.backup.folder);
  f.time("backup", "at", c.backup.at);
  f.integer("backup", "keep", c.backup.keep);
  f.str("log", "level", c.log.level);
  return std::move(f.out);
}

std::vector<std::string> diff(const Config& before, const Config& after) {
  auto a = flatten(before);
  auto b = flatten(after);
  std::map<std::string, const Setting*> in_b;
  for (const auto& s : b)
    in_b.emplace(s.key(), &s);
  std::map<std::string, const Setting*> in_a;
  for (const auto& s : a)
    in_a.emplace(s.key(), &s);

  std::vector<std::string> lines;
  for (const auto& s : a) {
    auto it = in_b.find(s.key());
    if (it == in_b.end()) {
      lines.push_back(s.key() + (s.secret ? ": (removed)" : ": " + s.text + " → (none)"));
      continue;
    }
    const Setting& t = *it->second;
    if (s.secret || t.secret) {
      if (s.secret_fingerprint != t.secret_fingerprint || s.secret != t.secret)
        lines.push_back(s.key() + ": (changed)");
    } else if (s.text != t.text) {
      lines.push_back(s.key() + ": " + s.text + " → " + t.text);
    }
  }
  for (const auto& t : b) {
    if (in_a.contains(t.key()))
      continue;
    lines.push_back(t.key() + (t.secret ? ": (added)" : ": (none) → " + t.text));
  }
  return lines;
}

std::string diff_text(const Config& before, const Config& after) {
  std::string out;
  for (const auto& line : diff(before, after)) {
    if (!out.empty())
      out += '\n';
    out += line;
  }
  return out;
}

std::string redacted_toml(const Config& c) {
  std::string out;
  if (!c.source.empty())
    out += "# " + c.source + " (secrets shown by where they come from, never their values)\n";
  std::string current = "\x01";
  for (const auto& s : flatten(c)) {
    if (s.table != current) {
      current = s.table;
      bool channel = s.table.starts_with("channel.");
      out += channel ? "\n[[channel]]\n" : "\n[" + s.table + "]\n";
    }
    if (!s.set) {
      out += "# " + toml_key(s.name) + " = (not set)\n";
      continue;
    }
    out += toml_key(s.name) + " = " + s.toml + "\n";
  }
  return out;
}

boost::json::object redacted_json(const Config& c) {
  boost::json::object root;
  for (const auto& s : flatten(c)) {
    boost::json::object* at = &root;
    std::string_view rest = s.table;
    while (!rest.empty()) {
      // A channel id or person name may hold dots; only "channel." splits once.
      std::size_t dot = rest.starts_with("channel.") ? 7 : rest.find('.');
      std::string part(rest.substr(0, dot));
      rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
      if (part == "channel" && !rest.empty()) {
        boost::json::value& channels = (*at)["channel"];
        if (!channels.is_object())
          channels = boost::json::object{};
        at = &channels.as_object();
        part = std::string(rest);
        rest = {};
      }
      boost::json::value& next = (*at)[part];
      if (!next.is_object())
        next = boost::json::object{};
      at = &next.as_object();
    }
    (*at)[s.name] = s.set ? s.json : boost::json::value(nullptr);
  }
  if (!c.source.empty())
    root["source"] = c.source;
  return root;
}

}  // namespace rectifyd::config
