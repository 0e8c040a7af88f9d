#pragma once
// A channel turns one channel-neutral Message into the transfers its receiver understands
// (a WeCom robot post, a signed JSON webhook, an SMTP mail transaction) and judges each
// finished transfer: sent, retry later, or failed for good. Channels do no I/O of their own
// (except `log`, which writes synchronously): the dispatcher runs every Request on one curl
// multi handle on the Asio loop, applies rate limits, retries and dead letters.
//
// Stability: this interface is implemented by channels outside notify/ (smtp). Add members,
// never change the meaning of existing ones.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <curl/curl.h>

#include "config/config.h"
#include "core/message.h"
#include "core/model.h"
#include "core/result.h"

namespace rectifyd::notify {

/// One outbox row as a channel sees it.
struct Envelope {
  Id row_id = 0;
  std::string key;      ///< the idempotency key: send it (webhook-id, Idempotency-Key, Message-ID)
  std::string kind;     ///< reminder, overdue, meeting_notice, dead_letter…
  std::string channel;  ///< the channel id
  std::string recipient;  ///< a person's name, or "group" / "office"
  Message message;
  int attempt = 1;  ///< 1 for the first try; raised on every claim
  Instant created_at{};
  bool late = false;
};

/// Where and when this attempt goes.
struct SendContext {
  std::size_t endpoint = 0;  ///< index into the channel's URLs (0 when it has a single endpoint)
  Instant now{};             ///< for signatures and timestamps
};

enum class Protocol { http, smtp };

/// One transfer the dispatcher performs on a curl easy handle.
struct Request {
  Protocol protocol = Protocol::http;
  /// Full URL, secret (webhook keys, SMTP credentials): never logged, never put in an error.
  std::string url;
  /// "Name: value" lines (HTTP only). Content-Type must be given by the channel.
  std::vector<std::string> headers;
  /// HTTP: the POST body. SMTP: the whole RFC 5322 message (CRLF line ends, dot-stuffing is
  /// curl's job), uploaded after MAIL FROM / RCPT TO.
  std::string body;

  // SMTP only.
  std::string mail_from;             ///< envelope sender, bare address
  std::vector<std::string> rcpt_to;  ///< envelope recipients, bare addresses
  std::string username;              ///< empty: no AUTH
  std::string password;              ///< secret
  /// smtp://: required → CURLUSESSL_ALL, opportunistic → CURLUSESSL_TRY, none → CURLUSESSL_NONE.
  config::SmtpTls tls = config::SmtpTls::required;

  /// Optional: extra curl options set after the common ones (CA file, AUTH mechanism…).
  /// Must not replace the callbacks, the private pointer or the URL.
  std::function<void(CURL*)> customize;
};

/// What came back from one transfer.
struct Response {
  CURLcode curl_code = CURLE_OK;  ///< not CURLE_OK: transport failure (connect, timeout, TLS…)
  std::string transport_error;    ///< curl's error text, already free of secrets
  long status = 0;                ///< HTTP status, or the last SMTP reply code
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-case
  std::string body;              ///< HTTP body (SMTP: empty), truncated to 64 KiB
  PreciseInstant received_at{};  ///< to the millisecond: a wait the receiver asks counts from here

  /// The first header of that (lower-case) name.
  std::optional<std::string_view> header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k == name)
        return std::string_view(v);
    }
    return std::nullopt;
  }
};

/// A channel's verdict on one transfer.
struct Outcome {
  enum class Kind { sent, retry, permanent };
  Kind kind = Kind::sent;
  /// retry: not before this instant (Retry-After, a platform's rate-limit answer); when empty
  /// the dispatcher's backoff decides.
  std::optional<Instant> retry_at;
  /// retry/permanent: why, short, for the outbox's last_error and the office's dead-letter
  /// notice. Never a secret (no URL with its key, no password).
  std::string reason;

  static Outcome sent() { return {}; }
  static Outcome retry(std::string why, std::optional<Instant> at = std::nullopt) {
    return {Kind::retry, at, std::move(why)};
  }
  static Outcome permanent(std::string why) {
    return {Kind::permanent, std::nullopt, std::move(why)};
  }
};

/// The documented default rate per endpoint for a channel type (WeCom 20/min, DingTalk 20/min,
/// Feishu 5/s and 100/min, Slack 1/s, others unlimited).
config::RateLimit default_rate(config::ChannelType type);

/// "https://qyapi.weixin.qq.com/…": scheme and host only, for logs and errors.
std::string redact_url(std::string_view url);

/// The longest a receiver's Retry-After can hold an endpoint back: it pauses every row of that
/// endpoint, so "Retry-After: 99999999" must not stop a channel for years.
inline constexpr std::chrono::seconds kMaxRetryAfter{3600};
/// Retry-After as delta seconds or an HTTP date, at most kMaxRetryAfter ahead (a date in the
/// past means now); nullopt when absent or unreadable. Delta seconds count from `received` and
/// the result is rounded up to the next whole second, so the receiver gets at least the wait it
/// asked for.
std::optional<Instant> parse_retry_after(std::string_view value, PreciseInstant received);

/// `received` + `wait`, rounded up to a whole second.
Instant at_least_after(PreciseInstant received, std::chrono::seconds wait);

/// The common judgement of an HTTP transfer: transport errors, 408, 429 and 5xx retry
/// (honouring Retry-After); 2xx is sent; other statuses are permanent.
Outcome classify_http(const Response& r);

class Channel {
 public:
  explicit Channel(config::ChannelConfig cfg) : cfg_(std::move(cfg)) {}
  virtual ~Channel() = default;
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  const config::ChannelConfig& config() const { return cfg_; }
  const std::string& id() const { return cfg_.id; }

  /// How many endpoints share this channel's load; each has its own rate limiter.
  virtual std::size_t endpoints() const { return cfg_.urls.empty() ? 1 : cfg_.urls.size(); }
  /// Per-endpoint rate: the configured one, else default_rate(type).
  virtual config::RateLimit rate() const;
  /// Transfers in flight at once for this channel.
  virtual int concurrency() const { return cfg_.concurrency > 0 ? cfg_.concurrency : 1; }
  /// Whole-transfer time limit.
  virtual std::chrono::seconds timeout() const { return cfg_.timeout; }

  /// Formats the envelope for one endpoint: the transfers to make, in order; the row is sent
  /// when every one is. Several requests arise when a message exceeds the platform's size
  /// limit. A synchronous channel (log) delivers here and returns no requests. An Error means
  /// the message cannot be formatted for this channel: a permanent failure.
  virtual Result<std::vector<Request>> prepare(const Envelope& e, const SendContext& ctx) = 0;

  /// Judges one finished transfer. The default is classify_http(); platforms that answer
  /// HTTP 200 with an error code in the body, and SMTP, override it.
  virtual Outcome classify(const Request& req, const Response& r) const {
    (void)req;
    return classify_http(r);
  }

 private:
  config::ChannelConfig cfg_;
};

/// Builds the channel a configuration names. Unknown or unavailable types are an Error.
Result<std::unique_ptr<Channel>> make_channel(const config::ChannelConfig& cfg);

}  // namespace rectifyd::notify
