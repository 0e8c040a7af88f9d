#include "notify/wecom_channel.h"

#include <boost/json.hpp>

#include "notify/platform.h"
#include "notify/split.h"

namespace rectifyd::notify {
namespace {
constexpr std::size_t kTextLimit = 2048;
constexpr std::size_t kMarkdownLimit = 4096;
}  // namespace

Result<std::vector<Request>> WecomChannel::prepare(const Envelope& e, const SendContext& ctx) {
  auto url = endpoint_url(config(), ctx.endpoint);
  if (!url)
    return url.error();
  bool mention = addressed_to_person(e);
  boost::json::array mobiles, users;
  for (const auto& a : e.message.to) {
    if (!a.mobile.empty())
      mobiles.emplace_back(a.mobile);
    else if (!a.wecom_id.empty())
      users.emplace_back(a.wecom_id);
  }
  mention = mention && (!mobiles.empty() || !users.empty());
  std::string text = message_text(e.message);
  std::vector<std::string> parts;
  if (mention) {
    parts = split_lines(text, kTextLimit, "（续）\n");
  } else {
    std::string md = e.message.late ? "【补发】" : "";
    md += e.message.subject.empty() ? "" : "**" + e.message.subject + "**\n";
    md += e.message.text;
    parts = split_lines(md, kMarkdownLimit, "（续）\n");
  }
  std::vector<Request> out;
  for (auto& p : parts) {
    boost::json::object body;
    if (mention) {
      body["msgtype"] = "text";
      boost::json::object t;
      t["content"] = std::move(p);
      if (!mobiles.empty())
        t["mentioned_mobile_list"] = mobiles;
      if (!users.empty())
        t["mentioned_list"] = users;
      body["text"] = std::move(t);
    } else {
      body["msgtype"] = "markdown";
      body["markdown"] = boost::json::object{{"content", std::move(p)}};
    }
    Request req;
    req.url = url.value();
    req.headers = {"Content-Type: application/json; charset=utf-8"};
    req.body = boost::json::serialize(body);
    out.push_back(std::move(req));
  }
  return out;
}

Outcome WecomChannel::classify(const Request& /*req*/, const Response& r) const {
  auto reply = read_platform_reply(r.body, {"errcode"}, {"errmsg"});
  // 45009: over the robot's rate limit; 93000: the robot's key is invalid (removed robot).
  // -1: the platform is busy.
  return classify_platform(r, "WeCom", reply, {45009}, {-1});
}

}  // namespace rectifyd::notify
