#include "notify/smtp_channel.h"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "notify/dispatcher.h"
#include "notify/mime.h"
#include "smtp_sink.h"
#include "temp_dir.h"

namespace rectifyd::notify {
namespace {

using namespace std::chrono_literals;
using rectifyd::testing::SmtpSink;
using rectifyd::testing::SmtpSinkOptions;
using rectifyd::testing::TempDir;
using store::OutboxState;

constexpr const char* kFrom = "office@archives.example.org";
constexpr const char* kFromName = "巡察整改工作领导小组办公室";
constexpr const char* kPassword = "s3cret-Pa55word";

Addressee person(const std::string& name, const std::string& email) {
  Addressee a;
  a.name = name;
  a.email = email;
  return a;
}

Message reminder(const Addressee& to) {
  Message m;
  m.kind = "reminder";
  m.subject = "【整改提醒】问题3 措施二将于12月4日到期，请按时完成并上传佐证材料";
  m.text = m.subject + "\n问题3 措施二（" + to.name +
           "）：建立档案数字化管理制度，还剩 2 个工作日。\n请于12月4日17:00前完成并上传佐证材料。";
  MessageItem it;
  it.measure_id = 12;
  it.label = "问题3 措施二";
  it.text = "建立档案数字化管理制度";
  it.owner = to.name;
  it.due = "2026-12-04";
  it.colour = "yellow";
  it.note = "还剩 2 个工作日";
  m.items.push_back(it);
  m.to = {to};
  return m;
}

Message notice(bool cancelled = false) {
  Message m;
  m.kind = cancelled ? "meeting_cancelled" : "meeting_notice";
  m.subject = cancelled ? "【取消】12月4日（周五）整改工作推进会取消"
                        : "【推进会】12月4日（周五）15:00 整改工作推进会";
  m.text = m.subject + "\n一、总体进度：办结率 62.5%\n二、已逾期（红灯）1 项：\n  1. 问题3 措施二";
  MeetingInfo mt;
  mt.uid = "rectifyd-meeting-20261204@archives.example.org";
  mt.sequence = cancelled ? 1 : 0;
  mt.cancelled = cancelled;
  mt.start = *parse_instant("2026-12-04T07:00:00Z");
  mt.end = *parse_instant("2026-12-04T08:00:00Z");
  mt.time_zone = "Asia/Shanghai";
  mt.title = "每周整改工作推进会";
  mt.location = "机关三楼会议室";
  mt.organizer = person(kFromName, kFrom);
  mt.attendees = {person("李四", "lisi@example.org"), person("王五", ""),
                  person("赵六", "zhaoliu@example.org")};
  m.meeting = mt;
  return m;
}

/// Certificates made for one test with the openssl CLI: a private CA the channel is told to
/// trust, a second CA nobody configured, and server keys signed by them.
struct Pki {
  std::string ca;                           ///< the private CA's certificate (PEM), for tls_ca_file
  std::string server_cert, server_key;      ///< by `ca`, for 127.0.0.1
  std::string rogue_cert, rogue_key;        ///< by the other CA, for 127.0.0.1
  std::string misnamed_cert, misnamed_key;  ///< by `ca`, for mail.other.example only
};

std::string sh_quote(const std::string& s) {
  return "'" + s + "'";
}

/// Runs one openssl command; its output goes to `log`. False (with a test failure) on error.
bool openssl(const std::string& args, const std::string& log) {
  std::string cmd = "openssl " + args + " >>" + sh_quote(log) + " 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    ADD_FAILURE() << "failed: " << cmd << "\n" << rectifyd::testing::read_file(log);
    return false;
  }
  return true;
}

Pki make_pki(const TempDir& dir) {
  const std::string log = dir.file("openssl.log");
  const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  const std::string ca_cnf = dir.write("ca.cnf",
                                       "[req]\ndistinguished_name = dn\nx509_extensions = v3_ca\n"
                                       "prompt = no\n[dn]\nCN = CA\n[v3_ca]\n"
                                       "basicConstraints = critical, CA:TRUE\n"
                                       "keyUsage = critical, keyCertSign, cRLSign\n"
                                       "subjectKeyIdentifier = hash\n");
  auto make_ca = [&](const std::string& name, const std::string& cn) {
    return openssl("req -x509 " + ec + " -days 2 -config " + sh_quote(ca_cnf) + " -subj " +
                       sh_quote("/CN=" + cn) + " -keyout " + sh_quote(dir.file(name + ".key")) +
                       " -out " + sh_quote(dir.file(name + ".pem")),
                   log);
  };
  auto make_leaf = [&](const std::string& name, const std::string& ca, const std::string& san) {
    const std::string ext = dir.write(name + ".ext",
                                      "basicConstraints = CA:FALSE\n"
                                      "keyUsage = critical, digitalSignature\n"
                                      "extendedKeyUsage = serverAuth\n"
                                      "subjectAltName = " +
                                          san + "\n");
    return openssl("req -new " + ec + " -subj /CN=mail -keyout " +
                       sh_quote(dir.file(name + ".key")) + " -out " +
                       sh_quote(dir.file(name + ".csr")),
                   log) &&
           openssl("x509 -req -days 2 -in " + sh_quote(dir.file(name + ".csr")) + " -CA " +
                       sh_quote(dir.file(ca + ".pem")) + " -CAkey " +
                       sh_quote(dir.file(ca + ".key")) + " -CAcreateserial -extfile " +
                       sh_quote(ext) + " -out " + sh_quote(dir.file(name + ".pem")),
                   log);
  };
  Pki p;
  if (!make_ca("ca", "rectifyd test CA") || !make_ca("other-ca", "another CA") ||
      !make_leaf("server", "ca", "IP:127.0.0.1") ||
      !make_leaf("rogue", "other-ca", "IP:127.0.0.1") ||
      !make_leaf("misnamed", "ca", "DNS:mail.other.example"))
    return p;
  p.ca = dir.file("ca.pem");
  p.server_cert = dir.file("server.pem");
  p.server_key = dir.file("server.key");
  p.rogue_cert = dir.file("rogue.pem");
  p.rogue_key = dir.file("rogue.key");
  p.misnamed_cert = dir.file("misnamed.pem");
  p.misnamed_key = dir.file("misnamed.key");
  return p;
}

/// A sink that requires STARTTLS (or, with `implicit`, speaks TLS from the start) and AUTH.
SmtpSinkOptions tls_sink(const std::string& auth, const std::string& cert, const std::string& key,
                         const std::string& mechanisms = "", bool implicit = false) {
  SmtpSinkOptions o;
  o.auth = auth;
  o.auth_mechanisms = mechanisms;
  o.tls_cert = cert;
  o.tls_key = key;
  o.implicit_tls = implicit;
  return o;
}

/// Sends the default logger to a string for the life of this object.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto logger = std::make_shared<spdlog::logger>(
        "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(out_));
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

class SmtpChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Database::open(dir_.file("d.db"));
    ASSERT_TRUE(db);
    db_ = std::move(db.value());
    config::ChannelConfig office;
    office.id = "office";
    office.type = config::ChannelType::log;
    office.path = dir_.file("office.log");
    cfg_->channels = {office};
    cfg_->routing.office = {"office"};
    cfg_->delivery.shutdown_grace = 1s;
  }
  void TearDown() override {
    dispatcher_.reset();
    io_.run_for(10ms);
  }

  config::ChannelConfig& add_smtp(const std::string& url, const std::string& id = "email") {
    config::ChannelConfig c;
    c.id = id;
    c.type = config::ChannelType::smtp;
    c.smtp_url = {url, "inline"};
    c.from_address = kFrom;
    c.from_name = kFromName;
    c.tls = config::SmtpTls::none;  // the loopback sink has no TLS
    c.timeout = 5s;
    cfg_->channels.push_back(c);
    return cfg_->channels.back();
  }
  void enqueue(const std::string& key, const Message& m, const std::string& recipient,
               const std::string& channel = "email") {
    store::Outbox out(*db_);
    store::NewNotification n{key,          m.kind,    channel,
                             recipient,    m.subject, boost::json::serialize(to_json(m)),
                             clock_.now(), false};
    out.enqueue(n, clock_.now());
  }
  void run_until_idle() {
    if (!dispatcher_) {
      dispatcher_ = std::make_unique<Dispatcher>(io_, *db_, clock_, cfg_);
      dispatcher_->seed(7);
      ASSERT_TRUE(dispatcher_->start().ok());
    }
    bool idle = false;
    dispatcher_->on_idle([&] {
      idle = true;
      io_.stop();
    });
    dispatcher_->kick();
    io_.restart();
    io_.run_for(30s);
    dispatcher_->on_idle(nullptr);
    EXPECT_TRUE(idle) << "the dispatcher did not become idle";
  }
  store::OutboxRow row(const std::string& key) {
    for (auto& r : store::Outbox(*db_).list(std::nullopt, 1000))
      if (r.key == key)
        return r;
    ADD_FAILURE() << "no row " << key;
    return {};
  }
  static boost::json::array messages(const SmtpSink& sink) {
    return sink.inspect().at("messages").as_array();
  }
  static std::string str(const boost::json::value& v) { return std::string(v.as_string()); }
  /// A directory of its own for each sink (port file and log).
  std::string sink_dir(const std::string& name) const {
    std::filesystem::create_directories(dir_.path() / name);
    return (dir_.path() / name).string();
  }
  /// A channel that requires TLS, logs in as "office" and trusts `ca_file` (empty: the system).
  config::ChannelConfig& add_tls_smtp(const std::string& url, const std::string& id,
                                      const std::string& ca_file,
                                      const std::string& password = kPassword) {
    auto& c = add_smtp(url, id);
    c.tls = config::SmtpTls::required;
    c.tls_ca_file = ca_file;
    c.username = "office";
    c.password = {password, "file:/etc/rectifyd/secrets/smtp-password"};
    return c;
  }
  static bool has_line(const boost::json::value& lines, const std::string& want) {
    for (const auto& l : lines.as_array())
      if (l.as_string() == want)
        return true;
    return false;
  }
  static const boost::json::object* part(const boost::json::object& msg, const std::string& type) {
    for (const auto& p : msg.at("parts").as_array())
      if (p.at("content_type").as_string() == type)
        return &p.as_object();
    return nullptr;
  }

  TempDir dir_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{*parse_instant("2026-12-02T01:00:00Z")};
  boost::asio::io_context io_;
  std::shared_ptr<config::Config> cfg_ = std::make_shared<config::Config>();
  std::unique_ptr<Dispatcher> dispatcher_;
};

TEST_F(SmtpChannelTest, ReminderIsAWellFormedMimeMessageForThePerson) {
  SmtpSink sink(dir_.path().string());
  add_smtp(sink.url());
  const auto zhang = person("张三", "zhangsan@example.org");
  const auto msg = reminder(zhang);
  enqueue("reminder/m12@2026-12-04/p1/email", msg, "张三");
  run_until_idle();
  EXPECT_EQ(row("reminder/m12@2026-12-04/p1/email").state, OutboxState::sent);

  auto got = messages(sink);
  ASSERT_EQ(got.size(), 1u);
  const auto& m = got[0].as_object();
  EXPECT_EQ(m.at("mail_from"), kFrom);
  EXPECT_EQ(m.at("rcpt_tos"), boost::json::array({"zhangsan@example.org"}));
  // Python's email package decodes what we encoded.
  EXPECT_EQ(str(m.at("subject")), msg.subject);
  EXPECT_EQ(m.at("from_name"), kFromName);
  EXPECT_EQ(m.at("from_addr"), kFrom);
  EXPECT_EQ(m.at("to"), boost::json::array({boost::json::array{"张三", "zhangsan@example.org"}}));
  EXPECT_EQ(m.at("date_valid"), true);
  EXPECT_EQ(m.at("date"), "Wed, 02 Dec 2026 01:00:00 +0000");
  EXPECT_EQ(m.at("mime_version"), "1.0");
  EXPECT_EQ(m.at("auto_submitted"), "auto-generated");
  EXPECT_EQ(m.at("content_type"), "multipart/alternative");
  EXPECT_TRUE(m.at("defects").as_array().empty()) << m.at("defects");
  EXPECT_LE(m.at("max_header_line").as_int64(), 78);
  EXPECT_EQ(m.at("bare_lf"), false);
  EXPECT_EQ(str(m.at("message_id")), mime::message_id("reminder/m12@2026-12-04/p1/email", kFrom));
  // Every encoded word in the raw headers is at most 75 characters.
  std::string raw = str(m.at("raw_headers"));
  for (auto p = raw.find("=?"); p != std::string::npos; p = raw.find("=?", p + 2)) {
    auto end = raw.find("?=", p + 10);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end + 2 - p, 75u);
    p = end;
  }

  ASSERT_EQ(m.at("parts").as_array().size(), 2u);
  const auto* plain = part(m, "text/plain");
  const auto* html = part(m, "text/html");
  ASSERT_TRUE(plain && html);
  EXPECT_EQ(plain->at("charset"), "utf-8");
  EXPECT_NE(str(plain->at("text")).find("请于12月4日17:00前完成并上传佐证材料。"),
            std::string::npos);
  EXPECT_NE(str(plain->at("text")).find("\r\n"), std::string::npos);
  EXPECT_NE(str(html->at("text")).find("建立档案数字化管理制度"), std::string::npos);
  EXPECT_NE(str(html->at("text")).find("黄灯"), std::string::npos);
  EXPECT_EQ(m.at("calendar"), nullptr);
}

TEST_F(SmtpChannelTest, AnAttachmentArrivesWithItsChineseNameAndItsBytes) {
  SmtpSink sink(dir_.path().string());
  add_smtp(sink.url());
  auto msg = reminder(person("张三", "zhangsan@example.org"));
  std::string bytes = "PK\x03\x04";
  for (int i = 0; i < 5000; ++i)
    bytes += static_cast<char>(i * 7 % 256);
  msg.attachments.push_back(
      {"整改工作通报（2026年12月4日）.docx",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes});
  enqueue("meeting.summary/2026-12-04/p1/email", msg, "张三");
  run_until_idle();
  EXPECT_EQ(row("meeting.summary/2026-12-04/p1/email").state, OutboxState::sent);

  auto got = messages(sink);
  ASSERT_EQ(got.size(), 1u);
  const auto& m = got[0].as_object();
  EXPECT_EQ(m.at("content_type"), "multipart/mixed");
  EXPECT_TRUE(m.at("defects").as_array().empty()) << m.at("defects");
  EXPECT_LE(m.at("max_header_line").as_int64(), 78);
  const auto* file =
      part(m, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->at("filename"), "整改工作通报（2026年12月4日）.docx");
  EXPECT_EQ(file->at("size").as_int64(), static_cast<std::int64_t>(bytes.size()));
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  std::string hex;
  for (unsigned char c : digest)
    hex += "0123456789abcdef"[c >> 4], hex += "0123456789abcdef"[c & 15];
  EXPECT_EQ(str(file->at("sha256")), hex);
  EXPECT_TRUE(file->at("defects").as_array().empty()) << file->at("defects");
  // The body is still the text and the HTML, and says what is attached.
  const auto* plain = part(m, "text/plain");
  ASSERT_NE(plain, nullptr);
  EXPECT_NE(str(plain->at("text")).find("附件：整改工作通报（2026年12月4日）.docx"),
            std::string::npos);
  EXPECT_NE(part(m, "text/html"), nullptr);
}

TEST_F(SmtpChannelTest, MeetingNoticeToTheGroupInvitesEveryAttendeeWithAnAddress) {
  SmtpSink sink(dir_.path().string());
  add_smtp(sink.url());
  enqueue("meeting.notice/2026-12-04/seq0/group/email", notice(), "group");
  run_until_idle();
  EXPECT_EQ(row("meeting.notice/2026-12-04/seq0/group/email").state, OutboxState::sent);
  auto got = messages(sink);
  ASSERT_EQ(got.size(), 1u);
  const auto& m = got[0].as_object();
  EXPECT_EQ(m.at("rcpt_tos"), boost::json::array({"lisi@example.org", "zhaoliu@example.org"}));
  ASSERT_EQ(m.at("parts").as_array().size(), 3u);
  EXPECT_EQ(m.at("parts").as_array()[2].at("content_type"), "text/calendar");
  const auto* cal = part(m, "text/calendar");
  ASSERT_TRUE(cal);
  EXPECT_EQ(cal->at("method"), "REQUEST");
  EXPECT_EQ(cal->at("charset"), "utf-8");
  const auto& ical = m.at("calendar").as_object();
  EXPECT_LE(ical.at("max_octets").as_int64(), 75);
  EXPECT_EQ(ical.at("crlf_only"), true);
  const auto& lines = ical.at("lines");
  EXPECT_TRUE(has_line(lines, "METHOD:REQUEST"));
  EXPECT_TRUE(has_line(lines, "UID:rectifyd-meeting-20261204@archives.example.org"));
  EXPECT_TRUE(has_line(lines, "SEQUENCE:0"));
  EXPECT_TRUE(has_line(lines, "DTSTART;TZID=Asia/Shanghai:20261204T150000"));
  EXPECT_TRUE(has_line(lines, "DTEND;TZID=Asia/Shanghai:20261204T160000"));
  EXPECT_TRUE(has_line(lines, "TZID:Asia/Shanghai"));
  EXPECT_TRUE(has_line(lines, "STATUS:CONFIRMED"));
  EXPECT_TRUE(has_line(lines, std::string("ORGANIZER;CN=") + kFromName + ":mailto:" + kFrom));
  EXPECT_EQ(ical.at("event").at("ATTENDEE").as_array().size(), 2u);
  EXPECT_EQ(ical.at("summary"), "每周整改工作推进会");
  EXPECT_EQ(str(ical.at("description")), notice().text);
}

TEST_F(SmtpChannelTest, CancellationCarriesMethodCancel) {
  SmtpSink sink(dir_.path().string());
  add_smtp(sink.url());
  auto msg = notice(true);
  msg.to = {person("李四", "lisi@example.org")};
  enqueue("meeting.cancel/2026-12-04/cancel/李四/email", msg, "李四");
  run_until_idle();
  auto got = messages(sink);
  ASSERT_EQ(got.size(), 1u);
  const auto& m = got[0].as_object();
  // A person's copy goes to that person only, though the meeting lists others.
  EXPECT_EQ(m.at("rcpt_tos"), boost::json::array({"lisi@example.org"}));
  const auto* cal = part(m, "text/calendar");
  ASSERT_TRUE(cal);
  EXPECT_EQ(cal->at("method"), "CANCEL");
  const auto& lines = m.at("calendar").at("lines");
  EXPECT_TRUE(has_line(lines, "METHOD:CANCEL"));
  EXPECT_TRUE(has_line(lines, "STATUS:CANCELLED"));
  EXPECT_TRUE(has_line(lines, "SEQUENCE:1"));
  EXPECT_TRUE(has_line(lines, "UID:rectifyd-meeting-20261204@archives.example.org"));
  EXPECT_EQ(str(m.at("subject")), notice(true).subject);
}

TEST_F(SmtpChannelTest, AResentRowKeepsItsMessageId) {
  SmtpSink sink(dir_.path().string());
  add_smtp(sink.url());
  const auto msg = reminder(person("张三", "zhangsan@example.org"));
  enqueue("reminder/m12@2026-12-04/p1/email", msg, "张三");
  enqueue("reminder/m13@2026-12-04/p1/email", msg, "张三");
  run_until_idle();
  // The same row sent again by a second process (a crash after the server accepted it and
  // before the row was marked sent): a fresh database with the same key, an hour later.
  dispatcher_.reset();
  io_.run_for(10ms);
  TempDir second;
  auto db2 = store::Database::open(second.file("d.db"));
  ASSERT_TRUE(db2);
  db_ = std::move(db2.value());
  clock_.advance(1h);
  enqueue("reminder/m12@2026-12-04/p1/email", msg, "张三");
  run_until_idle();

  auto got = messages(sink);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].at("message_id"), got[2].at("message_id"));
  EXPECT_NE(got[0].at("message_id"), got[1].at("message_id"));
  EXPECT_NE(got[0].at("date"), got[2].at("date"));
}

TEST_F(SmtpChannelTest, PersonWithoutAnEmailAddressFailsForGoodWithAReason) {
  SmtpSink sink(dir_.path().string());
  add_smtp(sink.url());
  enqueue("reminder/m12@2026-12-04/p9/email", reminder(person("王五", "")), "王五");
  run_until_idle();
  auto r = row("reminder/m12@2026-12-04/p9/email");
  EXPECT_EQ(r.state, OutboxState::dead);
  EXPECT_NE(r.last_error.find("王五 未登记电子邮箱地址"), std::string::npos) << r.last_error;
  EXPECT_EQ(sink.inspect().at("connections"), 0);
  // The office hears about it.
  EXPECT_NE(rectifyd::testing::read_file(dir_.file("office.log")).find("王五 未登记电子邮箱地址"),
            std::string::npos);
}

TEST_F(SmtpChannelTest, InvalidAddressIsRefusedBeforeAnythingIsSent) {
  SmtpSink sink(dir_.path().string());
  add_smtp(sink.url());
  enqueue("reminder/m12@2026-12-04/p2/email",
          reminder(person("张三", "zhangsan@example.org>\r\nRCPT TO:<x@evil.example")), "张三");
  run_until_idle();
  auto r = row("reminder/m12@2026-12-04/p2/email");
  EXPECT_EQ(r.state, OutboxState::dead);
  EXPECT_NE(r.last_error.find("电子邮箱地址无效"), std::string::npos) << r.last_error;
  EXPECT_EQ(r.last_error.find_first_of("\r\n"), std::string::npos) << r.last_error;
  EXPECT_EQ(sink.inspect().at("connections"), 0);
}

TEST_F(SmtpChannelTest, LogsInWithThePasswordAndNeverShowsIt) {
  SmtpSink sink(dir_.path().string(), std::string("office:") + kPassword);
  auto& good = add_smtp(sink.url(), "email");
  good.username = "office";
  good.password = {kPassword, "file:/etc/rectifyd/secrets/smtp-password"};
  auto& bad = add_smtp(sink.url(), "email-bad");
  bad.username = "office";
  bad.password = {std::string(kPassword) + "-wrong", "inline"};

  std::ostringstream logs;
  auto logger = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(logs));
  logger->set_level(spdlog::level::trace);
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(logger);

  const auto msg = reminder(person("张三", "zhangsan@example.org"));
  enqueue("reminder/m12@2026-12-04/p1/email", msg, "张三", "email");
  enqueue("reminder/m12@2026-12-04/p1/email-bad", msg, "张三", "email-bad");
  run_until_idle();
  spdlog::set_default_logger(previous);

  EXPECT_EQ(row("reminder/m12@2026-12-04/p1/email").state, OutboxState::sent);
  auto refused = row("reminder/m12@2026-12-04/p1/email-bad");
  EXPECT_EQ(refused.state, OutboxState::dead);
  EXPECT_NE(refused.last_error.find("登录被拒绝"), std::string::npos) << refused.last_error;
  auto got = messages(sink);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].at("auth"), "office");
  for (const std::string& text :
       {refused.last_error, logs.str(), rectifyd::testing::read_file(dir_.file("office.log"))}) {
    EXPECT_EQ(text.find(kPassword), std::string::npos) << text;
  }
}

TEST_F(SmtpChannelTest, RequiredTlsRefusesAServerWithoutStarttls) {
  SmtpSink sink(dir_.path().string(), std::string("office:") + kPassword);
  auto& c = add_smtp(sink.url());
  c.tls = config::SmtpTls::required;
  c.username = "office";
  c.password = {kPassword, "inline"};
  enqueue("reminder/m12@2026-12-04/p1/email", reminder(person("张三", "zhangsan@example.org")),
          "张三");
  run_until_idle();
  auto r = row("reminder/m12@2026-12-04/p1/email");
  EXPECT_EQ(r.state, OutboxState::dead);
  EXPECT_NE(r.last_error.find("STARTTLS"), std::string::npos) << r.last_error;
  // Neither the message nor the credentials went over the plain connection.
  EXPECT_TRUE(messages(sink).empty());
  EXPECT_EQ(sink.log_text().find("message"), std::string::npos);
}

TEST_F(SmtpChannelTest, RejectedRecipientIsPermanentAndABusyMailboxIsRetried) {
  SmtpSink sink(dir_.path().string());
  add_smtp(sink.url());
  enqueue("reminder/m12@2026-12-04/p3/email", reminder(person("孙七", "reject-sun@example.org")),
          "孙七");
  enqueue("reminder/m12@2026-12-04/p4/email", reminder(person("周八", "later-zhou@example.org")),
          "周八");
  run_until_idle();
  auto rejected = row("reminder/m12@2026-12-04/p3/email");
  EXPECT_EQ(rejected.state, OutboxState::dead);
  EXPECT_NE(rejected.last_error.find("SMTP 550"), std::string::npos) << rejected.last_error;
  auto busy = row("reminder/m12@2026-12-04/p4/email");
  EXPECT_EQ(busy.state, OutboxState::failed);
  EXPECT_NE(busy.last_error.find("SMTP 451"), std::string::npos) << busy.last_error;
  EXPECT_GT(busy.not_before, clock_.now());
  EXPECT_TRUE(messages(sink).empty());
}

TEST_F(SmtpChannelTest, UnreachableServerIsRetried) {
  auto gone = std::make_unique<SmtpSink>(dir_.path().string());
  const int closed = gone->port();
  gone.reset();  // nothing listens on that port any more
  add_smtp("smtp://127.0.0.1:" + std::to_string(closed));
  enqueue("reminder/m12@2026-12-04/p1/email", reminder(person("张三", "zhangsan@example.org")),
          "张三");
  run_until_idle();
  auto r = row("reminder/m12@2026-12-04/p1/email");
  EXPECT_EQ(r.state, OutboxState::failed);
  EXPECT_EQ(r.attempts, 1);
}

TEST_F(SmtpChannelTest, ABatchReusesOneConnection) {
  SmtpSink sink(dir_.path().string());
  add_smtp(sink.url()).concurrency = 1;
  constexpr int kCount = 25;
  for (int i = 0; i < kCount; ++i) {
    enqueue("reminder/m" + std::to_string(i) + "@2026-12-04/p1/email",
            reminder(person("张三", "zhangsan@example.org")), "张三");
  }
  run_until_idle();
  auto seen = sink.inspect();
  EXPECT_EQ(seen.at("messages").as_array().size(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(seen.at("connections"), 1);
}

TEST_F(SmtpChannelTest, ParallelTransfersUseAtMostOneConnectionEach) {
  SmtpSink sink(dir_.path().string());
  add_smtp(sink.url()).concurrency = 4;
  constexpr int kCount = 40;
  for (int i = 0; i < kCount; ++i) {
    enqueue("reminder/m" + std::to_string(i) + "@2026-12-04/p1/email",
            reminder(person("张三", "zhangsan@example.org")), "张三");
  }
  run_until_idle();
  auto seen = sink.inspect();
  EXPECT_EQ(seen.at("messages").as_array().size(), static_cast<std::size_t>(kCount));
  EXPECT_LE(seen.at("connections").as_int64(), 4);
}

TEST_F(SmtpChannelTest, StarttlsDeliversAndLogsInOnlyOverTheEncryptedChannel) {
  const Pki pki = make_pki(dir_);
  ASSERT_FALSE(HasFailure());
  const std::string auth = std::string("office:") + kPassword;
  // Both servers refuse MAIL (and do not offer AUTH) before STARTTLS.
  SmtpSink plain_sink(sink_dir("plain"), tls_sink(auth, pki.server_cert, pki.server_key, "PLAIN"));
  SmtpSink login_sink(sink_dir("login"), tls_sink(auth, pki.server_cert, pki.server_key, "LOGIN"));
  ASSERT_TRUE(plain_sink.url().starts_with("smtp://"));
  add_tls_smtp(plain_sink.url(), "email", pki.ca);
  add_tls_smtp(login_sink.url(), "email-login", pki.ca);
  add_tls_smtp(plain_sink.url(), "email-bad", pki.ca, std::string(kPassword) + "-wrong");

  std::string logs;
  {
    LogCapture capture;
    const auto msg = reminder(person("张三", "zhangsan@example.org"));
    enqueue("reminder/m12@2026-12-04/p1/email", msg, "张三", "email");
    enqueue("reminder/m12@2026-12-04/p1/email-login", msg, "张三", "email-login");
    enqueue("reminder/m12@2026-12-04/p1/email-bad", msg, "张三", "email-bad");
    run_until_idle();
    logs = capture.text();
  }

  EXPECT_EQ(row("reminder/m12@2026-12-04/p1/email").state, OutboxState::sent);
  EXPECT_EQ(row("reminder/m12@2026-12-04/p1/email-login").state, OutboxState::sent);
  auto refused = row("reminder/m12@2026-12-04/p1/email-bad");
  EXPECT_EQ(refused.state, OutboxState::dead);
  EXPECT_NE(refused.last_error.find("登录被拒绝"), std::string::npos) << refused.last_error;

  for (auto* sink : {&plain_sink, &login_sink}) {
    auto got = messages(*sink);
    ASSERT_EQ(got.size(), 1u);
    const auto& m = got[0].as_object();
    // The server saw the message, and the login before it, on an encrypted channel.
    ASSERT_TRUE(m.at("tls").is_string()) << m.at("tls");
    EXPECT_TRUE(str(m.at("tls")).starts_with("TLSv1.")) << m.at("tls");
    ASSERT_TRUE(m.at("auth_tls").is_string()) << m.at("auth_tls");
    EXPECT_EQ(m.at("auth"), "office");
    EXPECT_EQ(m.at("auth_mechanism"), sink == &plain_sink ? "PLAIN" : "LOGIN");
    EXPECT_EQ(m.at("mail_from"), kFrom);
    EXPECT_EQ(m.at("rcpt_tos"), boost::json::array({"zhangsan@example.org"}));
    EXPECT_EQ(str(m.at("subject")), reminder(person("张三", "")).subject);
    EXPECT_TRUE(m.at("defects").as_array().empty()) << m.at("defects");
    EXPECT_NE(str(part(m, "text/plain")->at("text")).find("请于12月4日17:00前完成"),
              std::string::npos);
  }
  for (const std::string& text :
       {refused.last_error, logs, rectifyd::testing::read_file(dir_.file("office.log")),
        plain_sink.log_text(), login_sink.log_text()}) {
    EXPECT_EQ(text.find(kPassword), std::string::npos) << text;
  }
}

TEST_F(SmtpChannelTest, ImplicitTlsDelivers) {
  const Pki pki = make_pki(dir_);
  ASSERT_FALSE(HasFailure());
  SmtpSink sink(sink_dir("smtps"), tls_sink(std::string("office:") + kPassword, pki.server_cert,
                                            pki.server_key, "", true));
  ASSERT_TRUE(sink.url().starts_with("smtps://"));
  add_tls_smtp(sink.url(), "email", pki.ca);
  enqueue("meeting.notice/2026-12-04/seq0/group/email", notice(), "group");
  run_until_idle();
  EXPECT_EQ(row("meeting.notice/2026-12-04/seq0/group/email").state, OutboxState::sent);
  auto got = messages(sink);
  ASSERT_EQ(got.size(), 1u);
  const auto& m = got[0].as_object();
  ASSERT_TRUE(m.at("tls").is_string()) << m.at("tls");
  EXPECT_TRUE(str(m.at("tls")).starts_with("TLSv1.")) << m.at("tls");
  EXPECT_EQ(m.at("auth"), "office");
  EXPECT_EQ(m.at("rcpt_tos"), boost::json::array({"lisi@example.org", "zhaoliu@example.org"}));
  EXPECT_EQ(m.at("calendar").at("summary"), "每周整改工作推进会");
}

TEST_F(SmtpChannelTest, ACertificateTheChannelDoesNotTrustIsRefusedAndRetried) {
  const Pki pki = make_pki(dir_);
  ASSERT_FALSE(HasFailure());
  const std::string auth = std::string("office:") + kPassword;
  // Signed by another CA; signed by the private CA but for another name; signed by the
  // private CA, which the system's trust store does not know.
  SmtpSink rogue(sink_dir("rogue"), tls_sink(auth, pki.rogue_cert, pki.rogue_key));
  SmtpSink misnamed(sink_dir("misnamed"), tls_sink(auth, pki.misnamed_cert, pki.misnamed_key));
  SmtpSink good(sink_dir("good"), tls_sink(auth, pki.server_cert, pki.server_key));
  add_tls_smtp(rogue.url(), "email-rogue", pki.ca);
  add_tls_smtp(misnamed.url(), "email-misnamed", pki.ca);
  add_tls_smtp(good.url(), "email-system", "");

  const auto msg = reminder(person("张三", "zhangsan@example.org"));
  const std::vector<std::string> keys = {"reminder/m12@2026-12-04/p1/email-rogue",
                                         "reminder/m12@2026-12-04/p1/email-misnamed",
                                         "reminder/m12@2026-12-04/p1/email-system"};
  enqueue(keys[0], msg, "张三", "email-rogue");
  enqueue(keys[1], msg, "张三", "email-misnamed");
  enqueue(keys[2], msg, "张三", "email-system");
  std::string logs;
  {
    LogCapture capture;
    run_until_idle();
    logs = capture.text();
  }
  Instant retry_after = clock_.now();
  for (const auto& key : keys) {
    auto r = row(key);
    EXPECT_EQ(r.state, OutboxState::failed) << key;
    EXPECT_EQ(r.attempts, 1) << key;
    EXPECT_GT(r.not_before, clock_.now()) << key;
    retry_after = std::max(retry_after, r.not_before);
    EXPECT_NE(r.last_error.find("证书未通过校验"), std::string::npos) << r.last_error;
    EXPECT_NE(r.last_error.find("tls_ca_file"), std::string::npos) << r.last_error;
    EXPECT_EQ(r.last_error.find(kPassword), std::string::npos) << r.last_error;
  }
  for (auto* sink : {&rogue, &misnamed, &good}) {
    EXPECT_TRUE(messages(*sink).empty());
    EXPECT_EQ(sink->log_text().find(kPassword), std::string::npos);
  }
  EXPECT_EQ(logs.find(kPassword), std::string::npos) << logs;

  // The office configures the CA (a reload builds the channels anew): the same row goes out
  // at its next try.
  dispatcher_.reset();
  io_.run_for(10ms);
  cfg_->channels.back().tls_ca_file = pki.ca;
  clock_.set(retry_after + 1s);
  run_until_idle();
  EXPECT_EQ(row(keys[2]).state, OutboxState::sent);
  EXPECT_EQ(row(keys[2]).attempts, 2);
  EXPECT_EQ(messages(good).size(), 1u);
  EXPECT_EQ(row(keys[0]).state, OutboxState::failed);
  EXPECT_TRUE(messages(rogue).empty());
}

}  // namespace
}  // namespace rectifyd::notify
