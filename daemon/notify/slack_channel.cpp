#include "notify/slack_channel.h"

#include <boost/json.hpp>

#include "notify/platform.h"
#include "notify/split.h"

namespace rectifyd::notify {
namespace {
constexpr std::size_t kSectionLimit = 2900;  // a section's text takes 3000 characters
constexpr std::size_t kMaxBlocks = 45;       // a message takes 50 blocks
}  // namespace

Result<std::vector<Request>> SlackChannel::prepare(const Envelope& e, const SendContext& ctx) {
  auto url = endpoint_url(config(), ctx.endpoint);
  if (!url)
    return url.error();
  const auto& m = e.message;
  auto sections = split_lines(m.text, kSectionLimit);
  std::vector<Request> out;
  for (std::size_t first = 0; first < sections.size(); first += kMaxBlocks) {
    boost::json::array blocks;
    if (first == 0 && !m.subject.empty()) {
      blocks.push_back(boost::json::object{
          {"type", "header"},
          {"text", boost::json::object{{"type", "plain_text"},
                                       {"text", std::string(utf8_prefix(m.subject, 150))}}}});
    }
    for (std::size_t i = first; i < sections.size() && i < first + kMaxBlocks; ++i) {
      blocks.push_back(boost::json::object{
          {"type", "section"},
          {"text", boost::json::object{{"type", "mrkdwn"}, {"text", sections[i]}}}});
    }
    boost::json::object body;
    body["text"] = std::string(utf8_prefix(message_text(m), 3000));
    body["blocks"] = std::move(blocks);
    Request req;
    req.url = url.value();
    req.headers = {"Content-Type: application/json; charset=utf-8"};
    req.body = boost::json::serialize(body);
    out.push_back(std::move(req));
  }
  return out;
}

}  // namespace rectifyd::notify
