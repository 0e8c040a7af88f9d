#include "notify/feishu_channel.h"

#include <boost/json.hpp>

#include "notify/platform.h"
#include "notify/signing.h"
#include "notify/split.h"

namespace rectifyd::notify {
namespace {
constexpr std::size_t kBodyLimit = 20 * 1024;
constexpr std::size_t kContentLimit = 18 * 1024;  // leaves room for the JSON around it
}  // namespace

Result<std::vector<Request>> FeishuChannel::prepare(const Envelope& e, const SendContext& ctx) {
  auto url = endpoint_url(config(), ctx.endpoint);
  if (!url)
    return url.error();
  std::string mentions;
  if (addressed_to_person(e)) {
    for (const auto& a : e.message.to) {
      if (!a.feishu_id.empty())
        mentions += "<at user_id=\"" + a.feishu_id + "\">" + a.name + "</at> ";
    }
  }
  auto text = message_text(e.message);
  auto parts = split_lines(text, kContentLimit, "（续）\n");
  std::vector<Request> out;
  for (auto& p : parts) {
    boost::json::object body;
    const auto& secret = config().secret.value;
    if (!secret.empty()) {
      auto ts = std::to_string(ctx.now.time_since_epoch().count());
      body["timestamp"] = ts;
      body["sign"] = base64_encode(hmac_sha256(ts + "\n" + secret, ""));
    }
    if (!mentions.empty()) {
      body["msg_type"] = "text";
      body["content"] = boost::json::object{{"text", mentions + "\n" + p}};
    } else {
      boost::json::array lines;
      std::size_t pos = 0;
      while (pos <= p.size()) {
        auto nl = p.find('\n', pos);
        auto line = p.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? p.size() + 1 : nl + 1;
        lines.push_back(boost::json::array{boost::json::object{{"tag", "text"}, {"text", line}}});
      }
      boost::json::object zh;
      zh["title"] = e.message.subject;
      zh["content"] = std::move(lines);
      body["msg_type"] = "post";
      body["content"] =
          boost::json::object{{"post", boost::json::object{{"zh_cn", std::move(zh)}}}};
    }
    Request req;
    req.url = url.value();
    req.headers = {"Content-Type: application/json; charset=utf-8"};
    req.body = boost::json::serialize(body);
    if (req.body.size() > kBodyLimit)
      return Error{"message too large for Feishu even after splitting"};
    out.push_back(std::move(req));
  }
  return out;
}

Outcome FeishuChannel::classify(const Request& /*req*/, const Response& r) const {
  auto reply = read_platform_reply(r.body, {"code", "StatusCode"}, {"msg", "StatusMessage"});
  // 11232: too many requests; 19021: signature check failed.
  return classify_platform(r, "Feishu", reply, {11232}, {});
}

}  // namespace rectifyd::notify
