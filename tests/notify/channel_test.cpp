#include "notify/channel.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/dates.h"
#include "notify/platform.h"

namespace rectifyd::notify {
namespace {

using namespace std::chrono_literals;

Instant t0() {
  return *parse_instant("2026-12-01T01:00:00Z");
}

Response http(long status, std::string body = "{}") {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.received_at = t0();
  return r;
}

TEST(Channel, RetryAfterSecondsAndHttpDate) {
  EXPECT_EQ(parse_retry_after("120", t0()), t0() + 120s);
  EXPECT_EQ(parse_retry_after(" 0 ", t0()), t0());
  EXPECT_EQ(parse_retry_after("Tue, 01 Dec 2026 01:05:00 GMT", t0()), t0() + 5min);
  EXPECT_FALSE(parse_retry_after("", t0()).has_value());
  EXPECT_FALSE(parse_retry_after("soon", t0()).has_value());
  EXPECT_FALSE(parse_retry_after("-5", t0()).has_value());
  // A receiver cannot hold an endpoint back for longer than an hour, nor into the past.
  EXPECT_EQ(parse_retry_after("99999999999", t0()), t0() + kMaxRetryAfter);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2099 07:28:00 GMT", t0()), t0() + kMaxRetryAfter);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 20", t0()), t0());
}

TEST(Channel, RetryAfterCountsFromTheAnswerAndRoundsUp) {
  // An answer at any point inside a second: the wait asked for is never cut short, and never
  // stretched by a whole second more.
  for (int ms : {0, 1, 274, 500, 725, 999}) {
    const PreciseInstant received = t0() + std::chrono::milliseconds{ms};
    const auto at = parse_retry_after("2", received);
    ASSERT_TRUE(at.has_value());
    EXPECT_GE(PreciseInstant(*at), received + 2s) << ms;
    EXPECT_LT(PreciseInstant(*at), received + 3s) << ms;
    EXPECT_EQ(*at, ms == 0 ? t0() + 2s : t0() + 3s) << ms;
  }
  // An HTTP date is an instant of its own.
  EXPECT_EQ(parse_retry_after("Tue, 01 Dec 2026 01:05:00 GMT", t0() + 725ms), t0() + 5min);
  auto r = http(429);
  r.received_at = t0() + 725ms;
  r.headers = {{"retry-after", "2"}};
  EXPECT_EQ(classify_http(r).retry_at, t0() + 3s);
}

TEST(Channel, HttpStatusJudgement) {
  EXPECT_EQ(classify_http(http(200)).kind, Outcome::Kind::sent);
  EXPECT_EQ(classify_http(http(204)).kind, Outcome::Kind::sent);
  for (long s : {408L, 429L, 500L, 502L, 503L})
    EXPECT_EQ(classify_http(http(s)).kind, Outcome::Kind::retry) << s;
  for (long s : {400L, 401L, 403L, 404L, 410L})
    EXPECT_EQ(classify_http(http(s)).kind, Outcome::Kind::permanent) << s;
  auto r = http(503);
  r.headers = {{"retry-after", "30"}};
  EXPECT_EQ(classify_http(r).retry_at, t0() + 30s);
  Response broken;
  broken.curl_code = CURLE_COULDNT_CONNECT;
  broken.transport_error = "Couldn't connect to server";
  auto o = classify_http(broken);
  EXPECT_EQ(o.kind, Outcome::Kind::retry);
  EXPECT_EQ(o.reason, "Couldn't connect to server");
}

TEST(Channel, RedactedUrlsKeepOnlySchemeAndHost) {
  EXPECT_EQ(redact_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"),
            "https://qyapi.weixin.qq.com/…");
  EXPECT_EQ(redact_url("smtps://user:pw@mail.example.org:465"), "smtps://mail.example.org:465/…");
  EXPECT_EQ(redact_url("no url here"), "(url)");
}

Outcome platform(config::ChannelType type, const std::string& body) {
  config::ChannelConfig c;
  c.type = type;
  c.id = "x";
  c.urls = {{"http://127.0.0.1:9/x", "inline"}};
  auto ch = make_channel(c);
  EXPECT_TRUE(ch);
  return (*ch)->classify(Request{}, http(200, body));
}

TEST(Channel, PlatformCodesInTheBody) {
  using config::ChannelType;
  using K = Outcome::Kind;
  EXPECT_EQ(platform(ChannelType::wecom, R"({"errcode":0,"errmsg":"ok"})").kind, K::sent);
  EXPECT_EQ(platform(ChannelType::wecom, R"({"errcode":45009})").kind, K::retry);
  EXPECT_EQ(platform(ChannelType::wecom, R"({"errcode":45009})").retry_at, t0() + 60s);
  EXPECT_EQ(platform(ChannelType::wecom, R"({"errcode":93000})").kind, K::permanent);
  EXPECT_EQ(platform(ChannelType::dingtalk, R"({"errcode":130101})").kind, K::retry);
  EXPECT_EQ(platform(ChannelType::dingtalk, R"({"errcode":410100})").kind, K::retry);
  EXPECT_EQ(platform(ChannelType::dingtalk, R"({"errcode":310000})").kind, K::permanent);
  EXPECT_EQ(platform(ChannelType::dingtalk, R"({"errcode":400101})").kind, K::permanent);
  EXPECT_EQ(platform(ChannelType::feishu, R"({"code":0,"msg":"success"})").kind, K::sent);
  EXPECT_EQ(platform(ChannelType::feishu, R"({"code":11232})").kind, K::retry);
  EXPECT_EQ(platform(ChannelType::feishu, R"({"code":19021})").kind, K::permanent);
  EXPECT_EQ(platform(ChannelType::feishu, R"({"StatusCode":0})").kind, K::sent);
}

TEST(Channel, WecomSplitsLongDigestsAtItemBoundaries) {
  config::ChannelConfig c;
  c.type = config::ChannelType::wecom;
  c.id = "wecom";
  c.urls = {{"http://127.0.0.1:9/wecom", "inline"}};
  auto ch = make_channel(c);
  ASSERT_TRUE(ch);
  Envelope e;
  e.key = "digest/w49/group/wecom";
  e.kind = "weekly_digest";
  e.recipient = "group";
  e.message.subject = "本周整改进展";
  e.message.text = "本周整改进展";
  std::vector<std::string> lines;
  for (int i = 1; i <= 60; ++i) {
    lines.push_back("问题" + std::to_string(i) +
                    " 措施二：建立健全档案数字化管理制度，逾期 3 个工作日，请责任人立即办理");
    e.message.text += "\n" + lines.back();
  }
  auto reqs = (*ch)->prepare(e, SendContext{0, t0()});
  ASSERT_TRUE(reqs);
  ASSERT_GT(reqs->size(), 1u);
  std::size_t seen = 0;
  for (const auto& r : *reqs) {
    auto body = boost::json::parse(r.body);
    EXPECT_EQ(body.at("msgtype"), "markdown");
    std::string content(body.at("markdown").at("content").as_string());
    EXPECT_LE(content.size(), 4096u);
    // Every item line arrives whole, in order.
    std::size_t pos = 0;
    while (seen < lines.size() && (pos = content.find(lines[seen], pos)) != std::string::npos)
      ++seen;
  }
  EXPECT_EQ(seen, lines.size());
}

}  // namespace
}  // namespace rectifyd::notify
