#include "notify/channel.h"

#include <algorithm>

#include <charconv>

#include "notify/dingtalk_channel.h"
#include "notify/feishu_channel.h"
#include "notify/generic_channel.h"
#include "notify/log_channel.h"
#include "notify/slack_channel.h"
#include "notify/smtp_channel.h"
#include "notify/wecom_channel.h"

namespace rectifyd::notify {

config::RateLimit default_rate(config::ChannelType type) {
  using config::ChannelType;
  switch (type) {
    case ChannelType::wecom:
      return {0, 20};
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
  return {0, 0};
}

std::string redact_url(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos)
    return "(url)";
  auto host_begin = scheme_end + 3;
  auto host_end = url.find_first_of("/?#", host_begin);
  auto authority =
      url.substr(host_begin, host_end == std::string_view::npos ? std::string_view::npos
                                                                : host_end - host_begin);
  // user:password@host: keep only the host.
  if (auto at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  std::string out(url.substr(0, host_begin));
  out += authority;
  out += "/…";
  return out;
}

Instant at_least_after(PreciseInstant received, std::chrono::seconds wait) {
  return std::chrono::ceil<std::chrono::seconds>(received + wait);
}

std::optional<Instant> parse_retry_after(std::string_view value, PreciseInstant received) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
    value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r'))
    value.remove_suffix(1);
  if (value.empty())
    return std::nullopt;
  if (value.front() >= '0' && value.front() <= '9') {
    long long secs = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), secs);
    if (ec != std::errc{} || p != value.data() + value.size() || secs < 0)
      return std::nullopt;
    return at_least_after(received, std::min(std::chrono::seconds{secs}, kMaxRetryAfter));
  }
  std::string copy(value);
  time_t t = curl_getdate(copy.c_str(), nullptr);
  if (t < 0)
    return std::nullopt;
  const Instant now = at_least_after(received, std::chrono::seconds{0});
  return std::clamp(Instant{std::chrono::seconds{t}}, now, now + kMaxRetryAfter);
}

Outcome classify_http(const Response& r) {
  if (r.curl_code != CURLE_OK)
    return Outcome::retry(r.transport_error.empty() ? std::string("transport error")
                                                    : r.transport_error);
  if (r.status >= 200 && r.status < 300)
    return Outcome::sent();
  std::string why = "HTTP " + std::to_string(r.status);
  if (r.status == 408 || r.status == 429 || r.status >= 500) {
    std::optional<Instant> at;
    if (auto h = r.header("retry-after"))
      at = parse_retry_after(*h, r.received_at);
    return Outcome::retry(std::move(why), at);
  }
  return Outcome::permanent(std::move(why));
}

config::RateLimit Channel::rate() const {
  if (cfg_.rate.per_second > 0 || cfg_.rate.per_minute > 0)
    return cfg_.rate;
  return default_rate(cfg_.type);
}

Result<std::unique_ptr<Channel>> make_channel(const config::ChannelConfig& cfg) {
  using config::ChannelType;
  switch (cfg.type) {
    case ChannelType::log:
      return std::unique_ptr<Channel>(std::make_unique<LogChannel>(cfg));
    case ChannelType::generic:
      return std::unique_ptr<Channel>(std::make_unique<GenericChannel>(cfg));
    case ChannelType::wecom:
      return std::unique_ptr<Channel>(std::make_unique<WecomChannel>(cfg));
    case ChannelType::dingtalk:
      return std::unique_ptr<Channel>(std::make_unique<DingtalkChannel>(cfg));
    case ChannelType::feishu:
      return std::unique_ptr<Channel>(std::make_unique<FeishuChannel>(cfg));
    case ChannelType::slack:
      return std::unique_ptr<Channel>(std::make_unique<SlackChannel>(cfg));
    case ChannelType::smtp:
      return std::unique_ptr<Channel>(std::make_unique<SmtpChannel>(cfg));
  }
  return Error{"channel \"" + cfg.id + "\": this type is not available in this build"};
}

}  // namespace rectifyd::notify
