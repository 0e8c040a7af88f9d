#include "notify/smtp_channel.h"

#include "notify/icalendar.h"
#include "notify/mime.h"
#include "notify/platform.h"

namespace rectifyd::notify {
namespace {

Addressee mailbox(std::string name, std::string email) {
  Addressee a;
  a.name = std::move(name);
  a.email = std::move(email);
  return a;
}

bool for_group(const Envelope& e) {
  return e.recipient == "group" || e.recipient == "office";
}

/// For a reason the office reads: control characters (a line break in a bad address)
/// must not reach the log or the dead-letter notice as they are.
std::string display(const Addressee& a) {
  std::string s = a.name.empty() ? a.email : a.name + " <" + a.email + ">";
  for (auto& c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      c = ' ';
  }
  return s;
}

/// Who receives the mail, in order, each address once; an Error says whom we cannot reach.
Result<std::vector<Addressee>> recipients(const Envelope& e, const config::ChannelConfig& cfg) {
  std::vector<Addressee> out;
  std::vector<std::string> missing;
  auto add = [&](const Addressee& a) -> Status {
    if (a.email.empty()) {
      missing.push_back(a.name.empty() ? std::string("（未具名）") : a.name);
      return ok_status();
    }
    if (!mime::valid_address(a.email))
      return Error{"电子邮箱地址无效：" + display(a)};
    for (const auto& o : out) {
      if (o.email == a.email)
        return ok_status();
    }
    out.push_back(a);
    return ok_status();
  };
  for (const auto& a : e.message.to) {
    if (auto s = add(a); !s)
      return s.error();
  }
  if (out.empty() && !for_group(e)) {
    std::string who = missing.empty() ? e.recipient : missing.front();
    return Error{who + " 未登记电子邮箱地址，邮件无法发送；请在人员名单中补充邮箱"};
  }
  if (out.empty() && e.message.meeting) {
    for (const auto& a : e.message.meeting->attendees) {
      if (a.email.empty())
        continue;
      if (auto s = add(a); !s)
        return s.error();
    }
  }
  if (out.empty())
    out.push_back(mailbox(cfg.from_name, cfg.from_address));
  return out;
}

}  // namespace

Result<std::vector<Request>> SmtpChannel::prepare(const Envelope& e, const SendContext& ctx) {
  const auto& cfg = config();
  if (cfg.smtp_url.empty())
    return Error{"channel " + id() + ": no smtp_url"};
  if (!mime::valid_address(cfg.from_address))
    return Error{"channel " + id() + ": from_address \"" + cfg.from_address +
                 "\" is not an email address"};
  auto to = recipients(e, cfg);
  if (!to)
    return to.error();

  Message m = e.message;
  m.late = m.late || e.late;
  for (std::size_t i = 0; i < m.attachments.size(); ++i)
    m.text += (i == 0 ? "\n\n附件：" : "、") + m.attachments[i].filename;
  mime::Mail mail;
  mail.from = mailbox(cfg.from_name, cfg.from_address);
  mail.to = *to;
  mail.subject = m.late ? "【补发】" + m.subject : m.subject;
  mail.date = ctx.now;
  mail.message_id = mime::message_id(e.key, cfg.from_address);
  // RFC 3834: automatic replies (out of office) are not sent back to us.
  mail.extra_headers = {"Auto-Submitted: auto-generated"};
  mail.alternatives.push_back({"text/plain; charset=UTF-8", message_text(m)});
  mail.alternatives.push_back({"text/html; charset=UTF-8", mime::html_body(m)});
  if (m.meeting) {
    if (m.meeting->uid.empty())
      return Error{"meeting invitation without a UID"};
    ical::InviteContext ictx;
    ictx.description = m.text;
    ictx.stamp = ctx.now;
    ictx.fallback_organizer = mail.from;
    mail.alternatives.push_back(
        {"text/calendar; method=" + std::string(ical::method(*m.meeting)) + "; charset=UTF-8",
         ical::build_calendar(*m.meeting, ictx)});
  }
  for (const auto& a : m.attachments)
    mail.files.push_back({a.filename, a.content_type, a.bytes});

  Request req;
  req.protocol = Protocol::smtp;
  req.url = cfg.smtp_url.value;
  req.body = mime::render(mail);
  req.mail_from = cfg.from_address;
  for (const auto& a : mail.to)
    req.rcpt_to.push_back(a.email);
  req.username = cfg.username;
  req.password = cfg.password.value;
  req.tls = cfg.tls;
  if (!cfg.tls_ca_file.empty()) {
    // Only the trust anchors change: curl's peer and host name checks stay on.
    req.customize = [ca = cfg.tls_ca_file](CURL* easy) {
      curl_easy_setopt(easy, CURLOPT_CAINFO, ca.c_str());
      curl_easy_setopt(easy, CURLOPT_CAPATH, nullptr);
    };
  }
  std::vector<Request> out;
  out.push_back(std::move(req));
  return out;
}

Outcome SmtpChannel::classify(const Request& req, const Response& r) const {
  (void)req;
  if (r.curl_code == CURLE_OK)
    return Outcome::sent();
  std::string detail = r.transport_error.empty() ? "transport error" : r.transport_error;
  if (r.curl_code == CURLE_LOGIN_DENIED)
    return Outcome::permanent("SMTP 登录被拒绝，请检查用户名和密码（" + detail + "）");
  if (r.curl_code == CURLE_USE_SSL_FAILED)
    return Outcome::permanent("邮件服务器不支持 STARTTLS，而配置要求加密（tls = \"required\"）（" +
                              detail + "）");
  // TLS failures retry: the office can fix the server's certificate or tls_ca_file (a reload)
  // while the row is still young enough to go out.
  if (r.curl_code == CURLE_PEER_FAILED_VERIFICATION)
    return Outcome::retry(
        "邮件服务器的证书未通过校验（不是由信任的 CA 签发，或与服务器地址不符），邮件未发送，"
        "将自动重试；请核对 smtp 地址，或在 tls_ca_file 中配置签发该证书的 CA（" +
        detail + "）");
  if (r.curl_code == CURLE_SSL_CACERT_BADFILE)
    return Outcome::retry(std::string(config().tls_ca_file.empty()
                                          ? "无法读取系统的 CA 证书"
                                          : "无法读取 tls_ca_file 中的 CA 证书") +
                          "，邮件未发送，将自动重试；请检查该文件（" + detail + "）");
  if (r.curl_code == CURLE_SSL_CONNECT_ERROR)
    return Outcome::retry("与邮件服务器的 TLS 握手失败，邮件未发送，将自动重试（" + detail + "）");
  if (r.status >= 500 && r.status < 600)
    return Outcome::permanent("SMTP " + std::to_string(r.status) + "：" + detail);
  if (r.status >= 400 && r.status < 500)
    return Outcome::retry("SMTP " + std::to_string(r.status) + "：" + detail);
  return Outcome::retry(detail);
}

}  // namespace rectifyd::notify
