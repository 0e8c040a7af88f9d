#include "notify/dingtalk_channel.h"

#include <boost/json.hpp>

#include "notify/platform.h"
#include "notify/signing.h"
#include "notify/split.h"

namespace rectifyd::notify {
namespace {
constexpr std::size_t kContentLimit = 18000;  // the platform takes about 20,000 bytes
}  // namespace

Result<std::vector<Request>> DingtalkChannel::prepare(const Envelope& e, const SendContext& ctx) {
  auto url = endpoint_url(config(), ctx.endpoint);
  if (!url)
    return url.error();
  std::string target = url.value();
  const auto& secret = config().secret.value;
  if (!secret.empty()) {
    auto ms = std::to_string(ctx.now.time_since_epoch().count() * 1000);
    auto sign = url_encode(base64_encode(hmac_sha256(secret, ms + "\n" + secret)));
    target += (target.find('?') == std::string::npos ? "?" : "&");
    target += "timestamp=" + ms + "&sign=" + sign;
  }
  bool mention = addressed_to_person(e);
  boost::json::array mobiles, users;
  std::string at_line;
  if (mention) {
    for (const auto& a : e.message.to) {
      if (!a.mobile.empty()) {
        mobiles.emplace_back(a.mobile);
        at_line += "@" + a.mobile + " ";
      } else if (!a.dingtalk_id.empty()) {
        users.emplace_back(a.dingtalk_id);
        at_line += "@" + a.dingtalk_id + " ";
      }
    }
  }
  mention = !at_line.empty();
  std::vector<std::string> parts;
  if (mention) {
    parts = split_lines(message_text(e.message), kContentLimit, "（续）\n");
  } else {
    std::string md = e.message.late ? "【补发】" : "";
    md += e.message.subject.empty() ? "" : "#### " + e.message.subject + "\n";
    md += e.message.text;
    parts = split_lines(md, kContentLimit, "（续）\n");
  }
  std::vector<Request> out;
  for (auto& p : parts) {
    boost::json::object body;
    if (mention) {
      body["msgtype"] = "text";
      body["text"] = boost::json::object{{"content", at_line + "\n" + p}};
    } else {
      body["msgtype"] = "markdown";
      body["markdown"] = boost::json::object{
          {"title", e.message.subject.empty() ? e.kind : e.message.subject}, {"text", p}};
    }
    boost::json::object at;
    at["atMobiles"] = mobiles;
    at["atUserIds"] = users;
    at["isAtAll"] = false;
    body["at"] = std::move(at);
    Request req;
    req.url = target;
    req.headers = {"Content-Type: application/json; charset=utf-8"};
    req.body = boost::json::serialize(body);
    out.push_back(std::move(req));
  }
  return out;
}

Outcome DingtalkChannel::classify(const Request& /*req*/, const Response& r) const {
  auto reply = read_platform_reply(r.body, {"errcode"}, {"errmsg"});
  // 130101 / 410100: sending too fast; 310000: keyword or signature check failed;
  // 400101: the robot does not exist.
  return classify_platform(r, "DingTalk", reply, {130101, 410100}, {-1});
}

}  // namespace rectifyd::notify
