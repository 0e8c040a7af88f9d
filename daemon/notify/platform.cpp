#include "notify/platform.h"

#include <algorithm>

#include <boost/json.hpp>

#include "notify/split.h"

namespace rectifyd::notify {
using namespace std::chrono_literals;

Result<std::string> endpoint_url(const config::ChannelConfig& cfg, std::size_t i) {
  if (cfg.urls.empty())
    return Error{"channel " + cfg.id + " has no URL configured"};
  return cfg.urls[std::min(i, cfg.urls.size() - 1)].value;
}

bool addressed_to_person(const Envelope& e) {
  return e.recipient != "group" && e.recipient != "office" && !e.message.to.empty();
}

std::string message_text(const Message& m) {
  std::string out;
  if (m.late)
    out += "【补发】";
  if (!m.subject.empty() && !m.text.starts_with(m.subject)) {
    out += m.subject;
    out += '\n';
  }
  out += m.text;
  return out;
}

PlatformReply read_platform_reply(const std::string& body,
                                  std::initializer_list<const char*> code_keys,
                                  std::initializer_list<const char*> message_keys) {
  PlatformReply reply;
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object())
    return reply;
  const auto& o = v.as_object();
  for (const char* k : code_keys) {
    if (auto* c = o.if_contains(k)) {
      if (c->is_int64()) {
        reply.code = c->as_int64();
        break;
      }
      if (c->is_uint64()) {
        reply.code = static_cast<std::int64_t>(c->as_uint64());
        break;
      }
    }
  }
  for (const char* k : message_keys) {
    if (auto* m = o.if_contains(k); m && m->is_string()) {
      reply.message = std::string(utf8_prefix(m->as_string(), 120));
      break;
    }
  }
  return reply;
}

Outcome classify_platform(const Response& r, const char* platform, const PlatformReply& reply,
                          std::initializer_list<std::int64_t> rate_limited,
                          std::initializer_list<std::int64_t> transient) {
  auto http = classify_http(r);
  if (http.kind != Outcome::Kind::sent)
    return http;
  if (!reply.code || *reply.code == 0)
    return Outcome::sent();
  std::string why = std::string(platform) + " error " + std::to_string(*reply.code);
  if (!reply.message.empty())
    why += ": " + reply.message;
  auto has = [&](std::initializer_list<std::int64_t> codes) {
    return std::find(codes.begin(), codes.end(), *reply.code) != codes.end();
  };
  if (has(rate_limited))
    return Outcome::retry(std::move(why), at_least_after(r.received_at, 60s));
  if (has(transient))
    return Outcome::retry(std::move(why));
  return Outcome::permanent(std::move(why));
}

}  // namespace rectifyd::notify
