#pragma once
// The configuration snapshot: every setting the daemon runs on, parsed and validated from one
// TOML file (config_load.h). Immutable once built; a reload builds a new one and swaps it whole.
// Defaults here are the documented defaults of config/rectifyd.toml.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "core/model.h"

namespace rectifyd::config {

using namespace std::chrono_literals;
using TimeOfDay = std::chrono::minutes;  ///< minutes after local midnight

/// A value that must never be shown: webhook URLs with keys, signing secrets, passwords, tokens.
/// `source` says where it came from ("inline", "file:/etc/rectifyd/key", "env:NAME") and is
/// what logs, errors, the API and the audit log may show.
struct Secret {
  std::string value;
  std::string source;
  bool empty() const { return value.empty(); }
  bool operator==(const Secret&) const = default;
};

struct UnitConfig {
  std::string name = "巡察整改工作领导小组办公室";
  std::string time_zone = "Asia/Shanghai";
};

struct CalendarConfig {
  bool builtin_holidays = true;           ///< PRC statutory holidays and makeup workdays
  std::vector<LocalDate> extra_days_off;  ///< the unit's own days off
  std::vector<LocalDate> extra_workdays;  ///< the unit's own working days
  int coverage_warning_days = 60;         ///< tell the office when the calendar ends sooner
};

enum class NonWorkdayRule { previous_workday_same_week, next_workday_same_week, skip };

struct MeetingConfig {
  bool enabled = true;
  date::weekday weekday = date::Friday;
  TimeOfDay start = 15h;
  std::chrono::minutes duration = 60min;
  std::string title = "每周整改工作推进会";
  std::string location = "机关三楼会议室";
  std::vector<Role> participant_roles = {Role::leader, Role::chief, Role::office};
  std::vector<std::string> participants;  ///< person names, in addition to the roles
  NonWorkdayRule non_workday = NonWorkdayRule::previous_workday_same_week;

  struct UpdateRequest {
    bool enabled = true;
    int workdays_before = 1;
    TimeOfDay at = 16h;
  } update_request;
  struct Nudge {
    bool enabled = true;
    TimeOfDay at = 9h;  ///< on the meeting day
  } nudge;
  struct Notice {
    bool enabled = true;
    std::chrono::minutes before = 120min;
  } notice;
  struct Summary {
    bool enabled = true;
    std::chrono::minutes after_end = 30min;
  } summary;
};

struct DeadlineConfig {
  int yellow_within_workdays = 3;
  std::vector<int> reminder_workdays_before = {10, 3, 1, 0};  ///< 0: the morning of the due day
  TimeOfDay reminder_at = 9h;
  int overdue_repeat_workdays = 2;
  TimeOfDay overdue_at = 9h;
};

struct EscalationConfig {
  int leader_after_workdays = 3;  ///< overdue this long: the responsible leader is told too
  int chief_after_workdays = 7;   ///< overdue this long: the chief and the office
};

struct WorkingHoursConfig {
  TimeOfDay start = 8h + 30min;
  TimeOfDay end = 17h + 30min;
  TimeOfDay defer_to = 8h + 30min;  ///< deferred messages go out at this time of the next working
                                    ///< day; when not written and outside the hours, `start`
};

struct ScheduleConfig {
  std::chrono::seconds catch_up_grace = 12h;  ///< missed within this: sent once, marked late
};

enum class ChannelType { log, generic, wecom, dingtalk, feishu, slack, smtp };

/// How an smtp:// channel uses TLS (the `tls` key).
enum class SmtpTls { required, opportunistic, none };
std::string_view to_string(SmtpTls t);

struct RateLimit {
  double per_second = 0;  ///< 0: no limit of this kind
  double per_minute = 0;
};

struct ChannelConfig {
  std::string id = "log";
  ChannelType type = ChannelType::log;
  // Webhook channels. Several URLs for one group spread the load; each has its own rate limit.
  std::vector<Secret> urls;
  Secret secret;  ///< signing secret (generic: whsec_…, dingtalk, feishu)
  RateLimit rate;
  int concurrency = 4;
  std::chrono::seconds timeout = 10s;
  // smtp
  Secret smtp_url;  ///< smtp://host:587 or smtps://host:465 (may carry credentials)
  std::string username;
  Secret password;
  std::string from_address;
  std::string from_name;
  /// smtp://: required (STARTTLS or refuse), opportunistic (STARTTLS when the server offers
  /// it, else clear text) or none (clear text). smtps:// is always TLS.
  SmtpTls tls = SmtpTls::required;
  /// PEM file of the CA certificates the mail server's certificate must chain to, for a
  /// server with a private CA; empty: the system's trust store. Verification is never off.
  std::string tls_ca_file;
  // log
  std::string path = "-";  ///< "-": standard output
  /// The channel reaches the one person it is sent for (an IM app's direct message, a log
  /// read by that person), so a personal link may go in it. smtp always does; a group robot
  /// never must be marked so.
  bool personal = false;
  bool reaches_person_alone() const { return personal || type == ChannelType::smtp; }
};

struct RoutingConfig {
  std::vector<std::string> personal = {"log"};  ///< channel ids for messages to one person
  std::vector<std::string> group = {"log"};     ///< meeting notices, weekly summaries
  std::vector<std::string> office = {"log"};    ///< dead letters, calendar warnings, missed runs
  std::map<std::string, std::vector<std::string>> person;  ///< person name → own channel ids
};

struct DeliveryConfig {
  std::chrono::seconds max_age = 24h;  ///< a row still undelivered after this goes dead
  std::chrono::seconds retry_base = 30s;
  std::chrono::seconds retry_max = 1h;
  std::chrono::seconds shutdown_grace = 5s;
  std::chrono::hours prune_sent_after = std::chrono::hours{24 * 90};
  /// A channel failing this long is reported to the office through its other channels (once,
  /// and again when it recovers).
  std::chrono::seconds channel_alert_after = 30min;
};

struct AdminConfig {
  bool enabled = true;
  std::string listen = "127.0.0.1:8377";  ///< host:port, or unix:/path (mode 0600)
  Secret token;                           ///< read-write bearer token (from a file)
  Secret read_only_token;
  /// TLS on the listener (both or neither): the certificate chain's PEM file, and its private
  /// key (a secret: a file or an environment variable). Empty: plain HTTP, for loopback or a
  /// reverse proxy in front.
  std::string tls_certificate;
  Secret tls_private_key;
  bool tls() const { return !tls_certificate.empty(); }
  /// Reverse proxies whose X-Forwarded-For names the client (for the limits per address).
  std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"};
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 << 10;
  int max_connections = 32;
  std::chrono::seconds request_timeout = 15s;
};

/// Owners' personal pages ([web]).
struct WebConfig {
  /// The address people reach the daemon at ("https://zhenggai.example.gov.cn"), no trailing
  /// slash; empty: no personal links are sent, messages say to report to the office.
  std::string public_url;
  std::chrono::seconds link_lifetime = std::chrono::hours{24 * 14};
  /// A message reuses the person's link until it has less than this left, then makes a new one.
  std::chrono::seconds link_renew_before = std::chrono::hours{24 * 3};
  std::size_t evidence_max_bytes = 10 << 20;  ///< per file
  int evidence_max_files = 5;                 ///< per report
  /// Where evidence files are kept; empty: "evidence" beside the database file.
  std::string evidence_folder;
  int requests_per_minute_per_link = 30;
  int requests_per_minute_per_address = 120;
};

struct StoreConfig {
  std::string path = "/var/lib/rectifyd/rectifyd.db";
};

/// The daemon's daily copy of the database (store/backup.h).
struct BackupConfig {
  bool enabled = true;
  std::string folder;  ///< empty: "backups" beside the database file
  TimeOfDay at = std::chrono::hours{2} + std::chrono::minutes{30};  ///< in the unit's zone
  int keep = 30;  ///< daily copies kept; older ones are removed
};

struct LogConfig {
  std::string level = "info";  ///< trace, debug, info, warn, error, critical, off
};

/// Where a value was written in the configuration file, for problems found after loading.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// A person's name the configuration mentions (meeting.participants, routing.person keys); the
/// people live in the database, so these are checked against it later (check_against_people).
struct PersonReference {
  std::string name;
  std::string key;  ///< "meeting.participants[2]", "routing.person"
  SourceLocation where;
};

struct Config {
  UnitConfig unit;
  CalendarConfig calendar;
  MeetingConfig meeting;
  DeadlineConfig deadlines;
  EscalationConfig escalation;
  WorkingHoursConfig working_hours;
  ScheduleConfig schedule;
  std::vector<ChannelConfig> channels = {ChannelConfig{}};  ///< default: one "log" channel
  RoutingConfig routing;
  DeliveryConfig delivery;
  AdminConfig admin;
  WebConfig web;
  StoreConfig store;
  BackupConfig backup;
  LogConfig log;
  std::string source;  ///< the file it came from, or "(embedded default)"
  std::vector<PersonReference> person_references;

  const ChannelConfig* channel(const std::string& id) const {
    for (const auto& c : channels) {
      if (c.id == id)
        return &c;
    }
    return nullptr;
  }
};

using Snapshot = std::shared_ptr<const Config>;

}  // namespace rectifyd::config
