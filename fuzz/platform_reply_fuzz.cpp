// The IM platforms' answers (WeCom, DingTalk, Feishu, Slack, generic webhook, and the SMTP
// reply codes): the first byte chooses the channel, the next two the HTTP status, then header
// lines up to an empty line, then the body. Each channel's verdict must be one the dispatcher
// can act on: a reason for a retry or a failure, valid UTF-8 (it reaches the office), never the
// webhook's secret key, and a retry no later than kMaxRetryAfter.

#include <cstdint>
#include <vector>

#include "config/config_load.h"
#include "fuzz_check.h"
#include "ledger_io/utf8.h"
#include "notify/channel.h"

using namespace rectifyd;

namespace {

constexpr const char* kSecretKey = "SECRETKEY0123456789";

const char* const kConfig = R"(
[[channel]]
id = "wecom"
type = "wecom"
url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRETKEY0123456789"

[[channel]]
id = "dingtalk"
type = "dingtalk"
url = "https://oapi.dingtalk.com/robot/send?access_token=SECRETKEY0123456789"
secret = "SECRETKEY0123456789"

[[channel]]
id = "feishu"
type = "feishu"
url = "https://open.feishu.cn/open-apis/bot/v2/hook/SECRETKEY0123456789"
secret = "SECRETKEY0123456789"

[[channel]]
id = "slack"
type = "slack"
url = "https://hooks.slack.com/services/T000/B000/SECRETKEY0123456789"

[[channel]]
id = "generic"
type = "generic"
url = "https://oa.example.org/hooks/rectify?token=SECRETKEY0123456789"
secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

[[channel]]
id = "smtp"
type = "smtp"
url = "smtp://mail.example.org:587"
from_address = "rectifyd@example.org"
username = "rectifyd"
password = "SECRETKEY0123456789"

[routing]
personal = ["wecom"]
group = ["wecom"]
office = ["wecom"]
)";

const Instant kNow = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{3};

std::vector<std::unique_ptr<notify::Channel>> make_channels() {
  auto loaded = config::load_config_text(kConfig, "platforms.toml");
  fuzz::require(loaded.ok(), "the platform configuration loads", loaded.error_text());
  std::vector<std::unique_ptr<notify::Channel>> out;
  for (const auto& c : loaded.config->channels) {
    auto ch = notify::make_channel(c);
    fuzz::require(ch.ok(), "a channel is made", ch ? "" : ch.error().message);
    out.push_back(std::move(*ch));
  }
  return out;
}

std::string_view take_line(std::string_view& rest) {
  const std::size_t nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto channels = make_channels();
  if (size < 3)
    return 0;
  const notify::Channel& channel = *channels[data[0] % channels.size()];
  notify::Response r;
  r.status = (data[1] << 8 | data[2]) % 700;
  r.received_at = kNow;
  std::string_view rest = fuzz::as_text(data + 3, size - 3);
  while (!rest.empty()) {
    std::string_view line = take_line(rest);
    if (line.empty())
      break;
    const std::size_t colon = line.find(':');
    std::string name(line.substr(0, colon));
    for (char& ch : name)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string_view value =
        colon == std::string_view::npos ? std::string_view{} : line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ')
      value.remove_prefix(1);
    r.headers.emplace_back(std::move(name), std::string(value));
  }
  r.body = std::string(rest);

  notify::Request req;
  req.protocol = channel.config().type == config::ChannelType::smtp ? notify::Protocol::smtp
                                                                    : notify::Protocol::http;
  const notify::Outcome o = channel.classify(req, r);
  if (o.kind != notify::Outcome::Kind::sent)
    fuzz::require(!o.reason.empty(), "a failed send says why");
  fuzz::require(!ledger_io::invalid_utf8_at(o.reason).has_value(),
                "a reason is valid UTF-8 (it is shown to the office)", o.reason);
  // (Unless the receiver itself echoed it: its own message is quoted.)
  fuzz::require(o.reason.find(kSecretKey) == std::string::npos ||
                    r.body.find(kSecretKey) != std::string::npos,
                "a reason holds no secret of ours", o.reason);
  if (o.retry_at)
    fuzz::require(*o.retry_at >= kNow && *o.retry_at <= kNow + notify::kMaxRetryAfter,
                  "a receiver's Retry-After holds the endpoint back at most an hour");
  return 0;
}
