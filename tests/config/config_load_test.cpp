#include "config/config_load.h"

#include <cstdlib>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config_diff.h"
#include "config/default_config.h"
#include "core/dates.h"
#include "temp_dir.h"

namespace rectifyd::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kWecomKey = "wk-7f3a9c2e-secret-part";
constexpr const char* kMissingFile = "/nonexistent/rectifyd/wecom-url";

// --- the default file ---------------------------------------------------------------------

TEST(ConfigLoad, DefaultFileParsesToExactlyTheStructDefaults) {
  auto r = load_config_text(default_config_text(), "rectifyd.toml");
  ASSERT_TRUE(r.ok()) << r.error_text();
  const Config& c = *r.config;
  const Config d;
  EXPECT_EQ(c.unit.name, d.unit.name);
  EXPECT_EQ(c.unit.time_zone, d.unit.time_zone);
  EXPECT_EQ(c.calendar.builtin_holidays, d.calendar.builtin_holidays);
  EXPECT_EQ(c.calendar.extra_days_off, d.calendar.extra_days_off);
  EXPECT_EQ(c.calendar.extra_workdays, d.calendar.extra_workdays);
  EXPECT_EQ(c.calendar.coverage_warning_days, d.calendar.coverage_warning_days);
  EXPECT_EQ(c.meeting.enabled, d.meeting.enabled);
  EXPECT_EQ(c.meeting.weekday, d.meeting.weekday);
  EXPECT_EQ(c.meeting.start, d.meeting.start);
  EXPECT_EQ(c.meeting.duration, d.meeting.duration);
  EXPECT_EQ(c.meeting.title, d.meeting.title);
  EXPECT_EQ(c.meeting.location, d.meeting.location);
  EXPECT_EQ(c.meeting.participant_roles, d.meeting.participant_roles);
  EXPECT_EQ(c.meeting.participants, d.meeting.participants);
  EXPECT_EQ(c.meeting.non_workday, d.meeting.non_workday);
  EXPECT_EQ(c.meeting.update_request.enabled, d.meeting.update_request.enabled);
  EXPECT_EQ(c.meeting.update_request.workdays_before, d.meeting.update_request.workdays_before);
  EXPECT_EQ(c.meeting.update_request.at, d.meeting.update_request.at);
  EXPECT_EQ(c.meeting.nudge.enabled, d.meeting.nudge.enabled);
  EXPECT_EQ(c.meeting.nudge.at, d.meeting.nudge.at);
  EXPECT_EQ(c.meeting.notice.enabled, d.meeting.notice.enabled);
  EXPECT_EQ(c.meeting.notice.before, d.meeting.notice.before);
  EXPECT_EQ(c.meeting.summary.enabled, d.meeting.summary.enabled);
  EXPECT_EQ(c.meeting.summary.after_end, d.meeting.summary.after_end);
  EXPECT_EQ(c.deadlines.yellow_within_workdays, d.deadlines.yellow_within_workdays);
  EXPECT_EQ(c.deadlines.reminder_workdays_before, d.deadlines.reminder_workdays_before);
  EXPECT_EQ(c.deadlines.reminder_at, d.deadlines.reminder_at);
  EXPECT_EQ(c.deadlines.overdue_repeat_workdays, d.deadlines.overdue_repeat_workdays);
  EXPECT_EQ(c.deadlines.overdue_at, d.deadlines.overdue_at);
  EXPECT_EQ(c.escalation.leader_after_workdays, d.escalation.leader_after_workdays);
  EXPECT_EQ(c.escalation.chief_after_workdays, d.escalation.chief_after_workdays);
  EXPECT_EQ(c.working_hours.start, d.working_hours.start);
  EXPECT_EQ(c.working_hours.end, d.working_hours.end);
  EXPECT_EQ(c.working_hours.defer_to, d.working_hours.defer_to);
  EXPECT_EQ(c.schedule.catch_up_grace, d.schedule.catch_up_grace);
  ASSERT_EQ(c.channels.size(), 1u);
  EXPECT_EQ(c.channels[0].id, d.channels[0].id);
  EXPECT_EQ(c.channels[0].type, d.channels[0].type);
  EXPECT_EQ(c.channels[0].path, d.channels[0].path);
  EXPECT_EQ(c.routing.personal, d.routing.personal);
  EXPECT_EQ(c.routing.group, d.routing.group);
  EXPECT_EQ(c.routing.office, d.routing.office);
  EXPECT_EQ(c.routing.person, d.routing.person);
  EXPECT_EQ(c.delivery.max_age, d.delivery.max_age);
  EXPECT_EQ(c.delivery.retry_base, d.delivery.retry_base);
  EXPECT_EQ(c.delivery.retry_max, d.delivery.retry_max);
  EXPECT_EQ(c.delivery.shutdown_grace, d.delivery.shutdown_grace);
  EXPECT_EQ(c.delivery.prune_sent_after, d.delivery.prune_sent_after);
  EXPECT_EQ(c.delivery.channel_alert_after, d.delivery.channel_alert_after);
  EXPECT_EQ(c.admin.enabled, d.admin.enabled);
  EXPECT_EQ(c.admin.listen, d.admin.listen);
  EXPECT_EQ(c.admin.token, d.admin.token);
  EXPECT_EQ(c.admin.read_only_token, d.admin.read_only_token);
  EXPECT_EQ(c.admin.max_body_bytes, d.admin.max_body_bytes);
  EXPECT_EQ(c.admin.max_header_bytes, d.admin.max_header_bytes);
  EXPECT_EQ(c.admin.max_connections, d.admin.max_connections);
  EXPECT_EQ(c.admin.request_timeout, d.admin.request_timeout);
  EXPECT_EQ(c.store.path, d.store.path);
  EXPECT_EQ(c.log.level, d.log.level);
  EXPECT_EQ(c.source, "rectifyd.toml");
}

TEST(ConfigLoad, EmbeddedDefaultIsTheInstalledFile) {
  std::string on_disk =
      rectifyd::testing::read_file(std::string(RECTIFYD_SOURCE_DIR) + "/config/rectifyd.toml");
  ASSERT_FALSE(on_disk.empty());
  EXPECT_EQ(default_config_text(), on_disk);
  EXPECT_EQ(default_config().source, "(embedded default)");
}

TEST(ConfigLoad, EmptyFileGivesDefaults) {
  auto r = load_config_text("", "empty.toml");
  ASSERT_TRUE(r.ok()) << r.error_text();
  EXPECT_EQ(r.config->meeting.start, Config{}.meeting.start);
  EXPECT_EQ(r.config->channels.size(), 1u);
}

TEST(ConfigLoad, WorkingHoursWithoutDeferToDeferToTheirStart) {
  // The default defer_to (08:30) is outside these hours: deferred messages go at 16:30, and
  // the configuration written back (with defer_to) loads to the same.
  auto r = load_config_text("[working_hours]\nstart = \"16:30\"\nend = \"17:30\"\n", "late.toml");
  ASSERT_TRUE(r.ok()) << r.error_text();
  EXPECT_EQ(r.config->working_hours.defer_to, r.config->working_hours.start);
  auto again = load_config_text(redacted_toml(*r.config), "written.toml");
  ASSERT_TRUE(again.ok()) << again.error_text();
  EXPECT_EQ(again.config->working_hours.defer_to, r.config->working_hours.defer_to);
  // Written outside the hours, it is an error at its place.
  auto bad = load_config_text(
      "[working_hours]\nstart = \"16:30\"\nend = \"17:30\"\ndefer_to = \"08:30\"\n", "bad.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error_text(), ::testing::HasSubstr("bad.toml:4:12: working_hours.defer_to"));
}

// --- broken files: each reports the exact place and says what was expected ----------------

struct Broken {
  const char* name;
  std::string text;
  int line;
  int column;
  const char* fragment;
};

void PrintTo(const Broken& b, std::ostream* os) {
  *os << b.name;
}

const std::string kWecom = std::string("[[channel]]\nid = \"wecom\"\ntype = \"wecom\"\n");
const std::string kMail = std::string(
    "[[channel]]\nid = \"mail\"\ntype = \"smtp\"\nurl = \"smtp://mail:587\"\n"
    "from_address = \"a@b.org\"\n");

/// Appends the "log" channel that the default routing names, so only the error under test shows.
std::string with_log(const std::string& text) {
  return text + "\n[[channel]]\nid = \"log\"\ntype = \"log\"\n";
}

class BrokenFile : public ::testing::TestWithParam<Broken> {};

TEST_P(BrokenFile, ReportsPlaceAndReason) {
  const Broken& b = GetParam();
  // Written channels replace the default "log" channel that the default routing names; add it
  // back (after the lines under test) so only the error under test shows.
  bool declares_channels = b.text.find("[[channel]]") != std::string::npos;
  bool declares_log = b.text.find("id = \"log\"") != std::string::npos;
  auto r = load_config_text(declares_channels && !declares_log ? with_log(b.text) : b.text,
                            "rectifyd.toml");
  EXPECT_FALSE(r.config.has_value());
  ASSERT_EQ(r.errors.size(), 1u) << r.error_text();
  const Diagnostic& d = r.errors[0];
  EXPECT_EQ(d.file, "rectifyd.toml");
  EXPECT_EQ(d.line, b.line) << to_string(d);
  EXPECT_EQ(d.column, b.column) << to_string(d);
  EXPECT_THAT(d.message, HasSubstr(b.fragment));
  EXPECT_THAT(to_string(d), HasSubstr("rectifyd.toml:" + std::to_string(b.line) + ":" +
                                      std::to_string(b.column) + ": "));
  EXPECT_THAT(r.error_text(), Not(HasSubstr(kWecomKey)));
}

INSTANTIATE_TEST_SUITE_P(
    Table, BrokenFile,
    ::testing::Values(
        Broken{"syntax", "[meeting]\nstart = \"15:00\nweekday = \"friday\"\n", 2, 15,
               "TOML syntax error"},
        Broken{"unknown_key", "[meeting]\nwekday = \"friday\"\n", 2, 1,
               "meeting.wekday: unknown key in [meeting]; did you mean \"weekday\"?"},
        Broken{"unknown_section", "[unit]\nname = \"x\"\n\n[meetings]\nenabled = true\n", 4, 2,
               "meetings: unknown key in top level; did you mean \"meeting\"?"},
        Broken{"unknown_nested_section",
               "[meeting.nudge]\nenabled = true\nat = \"9:00\"\n"
               "[meeting.notic]\nbefore = \"1h\"\n",
               4, 10, "meeting.notic: unknown key"},
        Broken{"wrong_type_bool", "[meeting]\nenabled = \"yes\"\n", 2, 11,
               "meeting.enabled: expected true or false, got a string"},
        Broken{"wrong_type_int", "[escalation]\nleader_after_workdays = \"3\"\n", 2, 25,
               "escalation.leader_after_workdays: expected an integer, got a string"},
        Broken{"wrong_type_table", "meeting = 5\n", 1, 11,
               "meeting: expected a table, got an integer"},
        Broken{"bad_time", "[meeting]\nstart = \"25:00\"\n", 2, 9,
               "meeting.start: expected a time of day \"HH:MM\" (00:00–23:59), got \"25:00\""},
        Broken{"bad_time_minutes", "[deadlines]\nreminder_at = \"09:60\"\n", 2, 15,
               "deadlines.reminder_at: expected a time of day"},
        Broken{"bad_duration", "[delivery]\nmax_age = \"2 hours\"\n", 2, 11,
               "delivery.max_age: expected a duration such as \"30m\""},
        Broken{"duration_not_minutes", "[meeting.notice]\nbefore = \"90s\"\n", 2, 10,
               "meeting.notice.before: expected whole minutes"},
        Broken{"bad_weekday", "[meeting]\nweekday = \"fryday\"\n", 2, 11,
               "meeting.weekday: expected one of monday…sunday (or 一…日/周五), got \"fryday\""},
        Broken{"bad_zone", "[unit]\ntime_zone = \"Asia/Shanghia\"\n", 2, 13,
               "unit.time_zone: unknown time zone \"Asia/Shanghia\""},
        Broken{"bad_enum", "[meeting]\nnon_workday = \"postpone\"\n", 2, 15,
               "meeting.non_workday: expected one of previous_workday_same_week"},
        Broken{"bad_role", "[meeting]\nparticipant_roles = [\"leader\", \"boss\"]\n", 2, 32,
               "meeting.participant_roles[1]: expected one of owner, leader, chief, office"},
        Broken{"negative_lead_time", "[deadlines]\nreminder_workdays_before = [3, -1]\n", 2, 32,
               "deadlines.reminder_workdays_before[1]: expected an integer from 0 to 60, got -1"},
        Broken{"duplicate_lead_time", "[deadlines]\nreminder_workdays_before = [3, 1, 3]\n", 2, 35,
               "3 is listed twice"},
        Broken{"escalation_order",
               "[escalation]\nleader_after_workdays = 5\nchief_after_workdays = 2\n", 3, 24,
               "must not be less than leader_after_workdays (5)"},
        Broken{"working_hours_order", "[working_hours]\nstart = \"18:00\"\nend = \"09:00\"\n", 3, 7,
               "working_hours.end: must be later than working_hours.start"},
        Broken{"bad_date", "[calendar]\nextra_days_off = [\"2026-02-30\"]\n", 2, 19,
               "calendar.extra_days_off[0]: expected a date YYYY-MM-DD, got \"2026-02-30\""},
        Broken{"bad_log_level", "[log]\nlevel = \"verbose\"\n", 2, 9,
               "log.level: expected one of trace"},
        Broken{"bad_listen", "[admin]\nlisten = \"localhost\"\n", 2, 10,
               "admin.listen: expected host:port"},
        Broken{"dangling_routing", "[routing]\npersonal = [\"log\", \"wecom\"]\n", 2, 20,
               "routing.personal[1]: no channel has id \"wecom\" (defined: log)"},
        Broken{"dangling_person_routing", "[routing.person]\n\"张三\" = [\"email\"]\n", 2, 9,
               "no channel has id \"email\""},
        Broken{"empty_routing", "[routing]\ngroup = []\n", 2, 9,
               "routing.group: must name at least one channel"},
        Broken{"duplicate_channel_id",
               "[[channel]]\nid = \"log\"\ntype = \"log\"\n\n[[channel]]\nid = \"log\"\n"
               "type = \"log\"\npath = \"/var/log/x\"\n",
               6, 6, "channel id \"log\" is already used"},
        Broken{"unknown_channel_type", "[[channel]]\nid = \"x\"\ntype = \"telegram\"\n", 3, 8,
               "channel.x.type: expected one of log, generic"},
        Broken{"channel_without_id", "[[channel]]\ntype = \"log\"\n", 1, 1,
               "channel[0]: missing key \"id\""},
        Broken{"missing_wecom_url", "[[channel]]\nid = \"wecom\"\ntype = \"wecom\"\n", 1, 1,
               "channel.wecom: a wecom channel needs url"},
        Broken{"key_not_for_type", kWecom + "url = \"https://h/x\"\npath = \"/tmp/x\"\n", 5, 1,
               "channel.wecom.path: unknown key in [channel.wecom]"},
        Broken{"url_not_https", kWecom + "url = \"ftp://h/x\"\n", 4, 7,
               "channel.wecom.url: expected a URL beginning with https://"},
        Broken{"smtp_without_from",
               "[[channel]]\nid = \"mail\"\ntype = \"smtp\"\nurl = \"smtp://mail:587\"\n", 1, 1,
               "channel.mail: an smtp channel needs from_address"},
        Broken{"smtp_without_url",
               "[[channel]]\nid = \"mail\"\ntype = \"smtp\"\nfrom_address = \"a@b.org\"\n", 1, 1,
               "channel.mail: an smtp channel needs url"},
        Broken{"smtp_ca_file_relative", kMail + "tls_ca_file = \"ca.pem\"\n", 6, 15,
               "channel.mail.tls_ca_file: expected an absolute path to a PEM file, got \"ca.pem\""},
        Broken{"smtp_ca_file_missing", kMail + "tls_ca_file = \"/nonexistent/ca.pem\"\n", 6, 15,
               "channel.mail.tls_ca_file: cannot read CA file \"/nonexistent/ca.pem\""},
        Broken{"smtp_ca_file_not_pem",
               kMail + "tls_ca_file = \"" RECTIFYD_SOURCE_DIR "/config/rectifyd.toml\"\n", 6, 15,
               "holds no PEM certificate"},
        Broken{"smtp_require_tls_replaced", kMail + "require_tls = false\n", 6, 15,
               "channel.mail.require_tls: require_tls is replaced by tls = \"required\" | "
               "\"opportunistic\" | \"none\" (require_tls = true is tls = \"required\"; "
               "require_tls = false is tls = \"opportunistic\")"},
        Broken{"smtp_tls_unknown", kMail + "tls = \"starttls\"\n", 6, 7,
               "channel.mail.tls: expected one of required, opportunistic, none, got \"starttls\""},
        Broken{"smtp_verify_off", kMail + "tls_verify = false\n", 6, 1,
               "channel.mail.tls_verify: unknown key in [channel.mail]"},
        Broken{"generic_without_secret",
               "[[channel]]\nid = \"oa\"\ntype = \"generic\"\nurl = \"https://oa/h\"\n", 1, 1,
               "channel.oa: a generic channel needs secret"},
        Broken{"generic_secret_prefix",
               "[[channel]]\nid = \"oa\"\ntype = \"generic\"\nurl = \"https://oa/h\"\n"
               "secret = \"wk-7f3a9c2e-secret-part\"\n",
               5, 10, "channel.oa.secret: expected a signing secret beginning with whsec_"},
        Broken{"secret_file_missing", kWecom + "url = { file = \"" + kMissingFile + "\" }\n", 4, 16,
               "channel.wecom.url: cannot read secret file \"/nonexistent/rectifyd/wecom-url\""},
        Broken{"secret_env_missing", kWecom + "url = { env = \"RECTIFYD_TEST_SURELY_UNSET\" }\n", 4,
               15, "channel.wecom.url: environment variable RECTIFYD_TEST_SURELY_UNSET is not set"},
        Broken{"secret_both_forms", kWecom + "url = { file = \"/a\", env = \"B\" }\n", 4, 7,
               "expected exactly one of"},
        Broken{"secret_unknown_form", kWecom + "url = { path = \"/a\" }\n", 4, 9,
               "channel.wecom.url.path: unknown key"},
        Broken{"rate_negative", kWecom + "url = \"https://h/x\"\nrate_per_minute = -5\n", 5, 19,
               "channel.wecom.rate_per_minute: expected a number from 0"}),
    [](const ::testing::TestParamInfo<Broken>& p) { return std::string(p.param.name); });

// --- several problems at once --------------------------------------------------------------

TEST(ConfigLoad, ReportsEveryErrorTogetherInFileOrder) {
  const std::string text =
      "[unit]\n"
      "time_zone = \"Mars/Olympus\"\n"  // 2
      "[meeting]\n"
      "weekday = \"fryday\"\n"  // 4
      "start = \"25:00\"\n"     // 5
      "colour = \"red\"\n"      // 6
      "[delivery]\n"
      "retry_base = \"soon\"\n"  // 8
      "[routing]\n"
      "office = [\"pager\"]\n";  // 10
  auto r = load_config_text(text, "multi.toml");
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 6u) << r.error_text();
  std::vector<int> lines;
  for (const auto& e : r.errors)
    lines.push_back(e.line);
  EXPECT_EQ(lines, (std::vector<int>{2, 4, 5, 6, 8, 10}));
  EXPECT_THAT(r.error_text(), HasSubstr("multi.toml:2:13: unit.time_zone"));
  EXPECT_THAT(r.error_text(), HasSubstr("multi.toml:4:11: meeting.weekday"));
  EXPECT_THAT(r.error_text(), HasSubstr("multi.toml:5:9: meeting.start"));
  EXPECT_THAT(r.error_text(), HasSubstr("multi.toml:6:1: meeting.colour"));
  EXPECT_THAT(r.error_text(), HasSubstr("multi.toml:8:14: delivery.retry_base"));
  EXPECT_THAT(r.error_text(), HasSubstr("multi.toml:10:11: routing.office[0]"));
}

TEST(ConfigLoad, MissingFileIsOneErrorNamingIt) {
  auto r = load_config_file("/nonexistent/rectifyd.toml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(to_string(r.errors[0]),
            "/nonexistent/rectifyd.toml: cannot read the file: No such file or directory");
}

// --- values that are accepted ---------------------------------------------------------------

TEST(ConfigLoad, ReadsEverySection) {
  rectifyd::testing::TempDir dir;
  std::string key_file =
      dir.write("wecom-url", std::string("https://qyapi/send?key=") + kWecomKey + "\n");
  std::string token_file = dir.write("token", "tok-123\n");
  ::setenv("RECTIFYD_TEST_SMTP_PASSWORD", "pw-SMTP-99", 1);
  const std::string text = R"(
[unit]
name = "某区档案馆"
time_zone = "Europe/Berlin"
[calendar]
builtin_holidays = false
extra_days_off = [2026-10-09, "2026-10-10"]
extra_workdays = ["2026-10-11"]
coverage_warning_days = 30
[meeting]
weekday = "周四"
start = "9:30"
duration = "1h30m"
participant_roles = ["office"]
participants = ["张三", "李四"]
non_workday = "skip"
[meeting.update_request]
workdays_before = 2
at = "10:00"
[meeting.notice]
before = "3h"
[deadlines]
reminder_workdays_before = [1, 5, 0]
[schedule]
catch_up_grace = "2h"
[[channel]]
id = "log"
type = "log"
[[channel]]
id = "wecom"
type = "wecom"
url = { file = ")" + key_file +
                           R"(" }
[[channel]]
id = "feishu"
type = "feishu"
urls = ["https://open.feishu/a", "https://open.feishu/b"]
rate_per_second = 2
[[channel]]
id = "mail"
type = "smtp"
url = "smtps://mail.example.org:465"
username = "office"
password = { env = "RECTIFYD_TEST_SMTP_PASSWORD" }
from_address = "office@example.org"
[routing]
personal = ["wecom", "mail"]
group = ["feishu"]
office = ["log"]
[routing.person]
"王五" = ["mail"]
[delivery]
prune_sent_after = "30d"
[admin]
listen = "unix:/run/rectifyd/admin.sock"
token = { file = ")" + token_file +
                           R"(" }
[log]
level = "debug"
)";
  auto r = load_config_text(text, "full.toml");
  ASSERT_TRUE(r.ok()) << r.error_text();
  const Config& c = *r.config;
  EXPECT_EQ(c.unit.time_zone, "Europe/Berlin");
  EXPECT_FALSE(c.calendar.builtin_holidays);
  EXPECT_EQ(c.calendar.extra_days_off,
            (std::vector<LocalDate>{*parse_date("2026-10-09"), *parse_date("2026-10-10")}));
  EXPECT_EQ(c.calendar.extra_workdays, (std::vector<LocalDate>{*parse_date("2026-10-11")}));
  EXPECT_EQ(c.meeting.weekday, date::Thursday);
  EXPECT_EQ(c.meeting.start, 9h + 30min);
  EXPECT_EQ(c.meeting.duration, 90min);
  EXPECT_EQ(c.meeting.participant_roles, (std::vector<Role>{Role::office}));
  EXPECT_EQ(c.meeting.participants, (std::vector<std::string>{"张三", "李四"}));
  EXPECT_EQ(c.meeting.non_workday, NonWorkdayRule::skip);
  EXPECT_EQ(c.meeting.update_request.workdays_before, 2);
  EXPECT_EQ(c.meeting.update_request.at, 10h);
  EXPECT_EQ(c.meeting.notice.before, 180min);
  EXPECT_EQ(c.deadlines.reminder_workdays_before, (std::vector<int>{5, 1, 0}));
  EXPECT_EQ(c.schedule.catch_up_grace, 2h);
  ASSERT_EQ(c.channels.size(), 4u);
  const ChannelConfig* wecom = c.channel("wecom");
  ASSERT_NE(wecom, nullptr);
  ASSERT_EQ(wecom->urls.size(), 1u);
  EXPECT_EQ(wecom->urls[0].value, std::string("https://qyapi/send?key=") + kWecomKey);
  EXPECT_EQ(wecom->urls[0].source, "file:" + key_file);
  EXPECT_EQ(wecom->rate.per_minute, 20);
  EXPECT_EQ(wecom->rate.per_second, 0);
  const ChannelConfig* feishu = c.channel("feishu");
  ASSERT_NE(feishu, nullptr);
  EXPECT_EQ(feishu->urls.size(), 2u);
  EXPECT_EQ(feishu->urls[1].source, "inline");
  EXPECT_EQ(feishu->rate.per_second, 2);    // overridden
  EXPECT_EQ(feishu->rate.per_minute, 100);  // type default kept
  const ChannelConfig* mail = c.channel("mail");
  ASSERT_NE(mail, nullptr);
  EXPECT_EQ(mail->smtp_url.value, "smtps://mail.example.org:465");
  EXPECT_EQ(mail->password.value, "pw-SMTP-99");
  EXPECT_EQ(mail->password.source, "env:RECTIFYD_TEST_SMTP_PASSWORD");
  EXPECT_EQ(mail->rate.per_second, 0);
  EXPECT_EQ(c.routing.personal, (std::vector<std::string>{"wecom", "mail"}));
  EXPECT_EQ(c.routing.person.at("王五"), (std::vector<std::string>{"mail"}));
  EXPECT_EQ(c.delivery.prune_sent_after, std::chrono::hours{24 * 30});
  EXPECT_EQ(c.admin.listen, "unix:/run/rectifyd/admin.sock");
  EXPECT_EQ(c.admin.token.value, "tok-123");
  EXPECT_EQ(c.log.level, "debug");
  ::unsetenv("RECTIFYD_TEST_SMTP_PASSWORD");
}

TEST(ConfigLoad, SmtpTrustsTheSystemStoreUnlessGivenACaFile) {
  rectifyd::testing::TempDir dir;
  const std::string ca =
      dir.write("mail-ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  auto plain = load_config_text(with_log(kMail), "mail.toml");
  ASSERT_TRUE(plain.ok()) << plain.error_text();
  EXPECT_EQ(plain.config->channel("mail")->tls_ca_file, "");
  EXPECT_EQ(plain.config->channel("mail")->tls, SmtpTls::required);
  for (auto [text, mode] :
       {std::pair{"required", SmtpTls::required},
        std::pair{"opportunistic", SmtpTls::opportunistic}, std::pair{"none", SmtpTls::none}}) {
    auto r = load_config_text(with_log(kMail + "tls = \"" + text + "\"\n"), "mail.toml");
    ASSERT_TRUE(r.ok()) << r.error_text();
    EXPECT_EQ(r.config->channel("mail")->tls, mode) << text;
  }
  auto own = load_config_text(with_log(kMail + "tls_ca_file = \"" + ca + "\"\n"), "mail.toml");
  ASSERT_TRUE(own.ok()) << own.error_text();
  EXPECT_EQ(own.config->channel("mail")->tls_ca_file, ca);
}

TEST(ConfigLoad, RateLimitsDefaultPerChannelType) {
  const std::string text = R"(
[[channel]]
id = "a"
type = "dingtalk"
url = "https://oapi.dingtalk.com/robot/send?access_token=x"
[[channel]]
id = "b"
type = "slack"
url = "https://hooks.slack.com/services/x"
[[channel]]
id = "c"
type = "generic"
url = "https://oa/h"
secret = "whsec_abc"
[routing]
personal = ["a"]
group = ["b"]
office = ["c"]
)";
  auto r = load_config_text(text, "rates.toml");
  ASSERT_TRUE(r.ok()) << r.error_text();
  EXPECT_EQ(r.config->channel("a")->rate.per_minute, 20);
  EXPECT_EQ(r.config->channel("b")->rate.per_second, 1);
  EXPECT_EQ(r.config->channel("b")->rate.per_minute, 0);
  EXPECT_EQ(r.config->channel("c")->rate.per_second, 0);
  EXPECT_EQ(r.config->channel("c")->rate.per_minute, 0);
}

TEST(ConfigLoad, WeekdaySpellings) {
  for (const auto& [text, expected] :
       std::vector<std::pair<std::string, date::weekday>>{{"friday", date::Friday},
                                                          {"Fri", date::Friday},
                                                          {"五", date::Friday},
                                                          {"周五", date::Friday},
                                                          {"星期一", date::Monday},
                                                          {"周日", date::Sunday},
                                                          {"星期天", date::Sunday}}) {
    auto r = load_config_text("[meeting]\nweekday = \"" + text + "\"\n", "w.toml");
    ASSERT_TRUE(r.ok()) << text << ": " << r.error_text();
    EXPECT_EQ(r.config->meeting.weekday, expected) << text;
  }
}

TEST(ConfigLoad, RoutingLeftAtItsDefaultIsReportedAtTheRoutingTable) {
  auto r = load_config_text(
      "[[channel]]\nid = \"wecom\"\ntype = \"wecom\"\nurl = \"https://h/x\"\n"
      "[routing]\npersonal = [\"wecom\"]\ngroup = [\"wecom\"]\n",
      "r.toml");
  ASSERT_EQ(r.errors.size(), 1u) << r.error_text();
  EXPECT_EQ(to_string(r.errors[0]),
            "r.toml:5:1: routing.office is not set, and its default channel \"log\" is not "
            "defined; name your channels in [routing]");
}

TEST(ConfigLoad, ChannelsReplaceTheDefaultLogChannelSoRoutingMustFollow) {
  auto r = load_config_text(
      "[[channel]]\nid = \"wecom\"\ntype = \"wecom\"\nurl = \"https://h/x\"\n", "r.toml");
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 3u) << r.error_text();
  EXPECT_EQ(to_string(r.errors[0]),
            "r.toml: routing.personal is not set, and its default channel \"log\" is not defined; "
            "name your channels in [routing]");
}

// --- secrets never leak ----------------------------------------------------------------------

TEST(ConfigLoad, SecretValuesNeverAppearInErrors) {
  rectifyd::testing::TempDir dir;
  std::string key_file = dir.write("k", std::string("ftp://h/?key=") + kWecomKey);
  ::setenv("RECTIFYD_TEST_GENERIC_SECRET", kWecomKey, 1);
  const std::string text = kWecom + "url = { file = \"" + key_file +
                           "\" }\n"
                           "[[channel]]\nid = \"oa\"\ntype = \"generic\"\nurl = \"https://oa/" +
                           kWecomKey +
                           "\"\nsecret = { env = \"RECTIFYD_TEST_GENERIC_SECRET\" }\n"
                           "[admin]\ntoken = \"" +
                           kWecomKey + "\"\nread_only_token = \"" + kWecomKey + "\"\n";
  auto r = load_config_text(text, "s.toml");
  ::unsetenv("RECTIFYD_TEST_GENERIC_SECRET");
  EXPECT_FALSE(r.ok());
  EXPECT_GE(r.errors.size(), 3u) << r.error_text();
  EXPECT_THAT(r.error_text(), Not(HasSubstr(kWecomKey)));
  EXPECT_THAT(r.error_text(), Not(HasSubstr("ftp://h")));
  EXPECT_THAT(r.error_text(), HasSubstr("channel.wecom.url: expected a URL beginning"));
  EXPECT_THAT(r.error_text(), HasSubstr("channel.oa.secret: expected a signing secret"));
  EXPECT_THAT(r.error_text(), HasSubstr("admin.read_only_token: must differ from admin.token"));
}

TEST(ConfigLoad, EmptySecretFileIsAnError) {
  rectifyd::testing::TempDir dir;
  std::string key_file = dir.write("k", "\n");
  auto r = load_config_text(kWecom + "url = { file = \"" + key_file + "\" }\n", "e.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error_text(), HasSubstr("e.toml:4:16: channel.wecom.url: secret file"));
  EXPECT_THAT(r.error_text(), HasSubstr("is empty"));
}

TEST(ConfigLoad, SecretAndCaFilesMustBeSmallRegularFiles) {
  rectifyd::testing::TempDir dir;
  const std::string big = dir.write("big", std::string(65 * 1024, 'k'));
  const std::string text = kWecom + "url = { file = \"/dev/zero\" }\n\n" +
                           "[admin]\ntoken = { file = \"" + big + "\" }\n\n" +
                           "[[channel]]\nid = \"mail\"\ntype = \"smtp\"\n" +
                           "url = \"smtp://mail.example.org:587\"\n" +
                           "from_address = \"r@example.org\"\ntls_ca_file = \"/dev/zero\"\n";
  auto r = load_config_text(text, "e.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.error_text(),
              HasSubstr("channel.wecom.url: cannot read secret file \"/dev/zero\": not a regular "
                        "file"));
  EXPECT_THAT(r.error_text(), HasSubstr("admin.token: cannot read secret file \"" + big +
                                        "\": larger than 64 KiB"));
  EXPECT_THAT(r.error_text(),
              HasSubstr("channel.mail.tls_ca_file: cannot read CA file \"/dev/zero\": not a "
                        "regular file"));
}

TEST(ConfigLoad, BackupSection) {
  auto r = load_config_text(
      "[backup]\nenabled = false\nfolder = \"/srv/copies\"\nat = "
      "\"03:15\"\nkeep = 7\n",
      "b.toml");
  ASSERT_TRUE(r.ok()) << r.error_text();
  EXPECT_FALSE(r.config->backup.enabled);
  EXPECT_EQ(r.config->backup.folder, "/srv/copies");
  EXPECT_EQ(r.config->backup.at, std::chrono::hours{3} + std::chrono::minutes{15});
  EXPECT_EQ(r.config->backup.keep, 7);
  auto bad = load_config_text("[backup]\nkeep = 0\nat = \"25:00\"\nevery = 1\n", "b.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error_text(), HasSubstr("b.toml:2:8: backup.keep: expected an integer from 1"));
  EXPECT_THAT(bad.error_text(), HasSubstr("b.toml:3:6: backup.at"));
  EXPECT_THAT(bad.error_text(), HasSubstr("backup.every"));
}

// --- people named in the configuration ------------------------------------------------------

TEST(ConfigLoad, CheckAgainstPeopleReportsUnknownNamesWhereWritten) {
  const std::string text =
      "[meeting]\n"
      "participants = [\"张三\", \"李四\"]\n"
      "[[channel]]\nid = \"log\"\ntype = \"log\"\n"
      "[routing.person]\n"
      "\"王五\" = [\"log\"]\n";
  auto r = load_config_text(text, "p.toml");
  ASSERT_TRUE(r.ok()) << r.error_text();
  auto unknown = check_against_people(*r.config, {"张三"});
  ASSERT_EQ(unknown.size(), 2u);
  EXPECT_EQ(to_string(unknown[0]),
            "p.toml:2:23: meeting.participants[1]: no person named \"李四\" in the ledger (add "
            "them with rectifyctl, or fix the name)");
  EXPECT_EQ(unknown[1].line, 7);
  EXPECT_EQ(unknown[1].column, 1);
  EXPECT_THAT(unknown[1].message, HasSubstr("routing.person: no person named \"王五\""));
  EXPECT_TRUE(check_against_people(*r.config, {"张三", "李四", "王五"}).empty());
}

}  // namespace
}  // namespace rectifyd::config
