#pragma once
// Email through an SMTP server (libcurl on the dispatcher's curl multi, so consecutive mails
// to one server reuse its connection). One mail transaction per outbox row: MAIL FROM is
// from_address; RCPT TO is every addressee with an email. A message for a person without an
// email address fails for good with a reason the office can act on. A message for "group" or
// "office" goes to its addressees, else to the meeting's attendees, else to from_address (the
// office's own mailbox). smtp:// follows `tls`: "required" (STARTTLS, or the mail is not
// sent), "opportunistic" (STARTTLS when the server offers it, else clear text) or "none"
// (clear text); smtps:// is TLS from the start. The server's certificate is always verified,
// against tls_ca_file when set (a private CA), else the system's trust store. The body is
// multipart/alternative: text, HTML and, for meeting notices and cancellations, an iCalendar
// invitation (METHOD:REQUEST / METHOD:CANCEL). The Message-ID is derived from the idempotency key,
// so a mail re-sent after a crash carries the same one.

#include "notify/channel.h"

namespace rectifyd::notify {

class SmtpChannel final : public Channel {
 public:
  using Channel::Channel;
  std::size_t endpoints() const override { return 1; }
  Result<std::vector<Request>> prepare(const Envelope& e, const SendContext& ctx) override;
  /// Sent when curl finished the transaction; SMTP 4xx replies and transport failures retry;
  /// 5xx replies, a refused login and a server without STARTTLS (when required) are permanent.
  /// A certificate that does not verify retries, with a reason naming tls_ca_file.
  Outcome classify(const Request& req, const Response& r) const override;
};

}  // namespace rectifyd::notify
