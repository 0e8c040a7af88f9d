#include "notify/generic_channel.h"

#include <boost/json.hpp>

#include "notify/platform.h"
#include "notify/signing.h"

namespace rectifyd::notify {

Result<std::vector<Request>> GenericChannel::prepare(const Envelope& e, const SendContext& ctx) {
  auto url = endpoint_url(config(), ctx.endpoint);
  if (!url)
    return url.error();
  auto m = to_json(e.message).as_object();
  boost::json::object body;
  body["type"] = e.kind;
  body["id"] = e.key;
  body["recipient"] = e.recipient;
  body["subject"] = e.message.subject;
  body["text"] = e.message.text;
  body["items"] = m["items"];
  body["to"] = m["to"];
  if (auto* mt = m.if_contains("meeting"))
    body["meeting"] = *mt;
  else
    body["meeting"] = nullptr;
  body["late"] = e.message.late;
  body["attempt"] = e.attempt;

  Request req;
  req.url = std::move(url.value());
  req.body = boost::json::serialize(body);
  auto ts = std::to_string(ctx.now.time_since_epoch().count());
  req.headers = {"Content-Type: application/json; charset=utf-8", "webhook-id: " + e.key,
                 "webhook-timestamp: " + ts, "Idempotency-Key: " + e.key};
  const auto& secret = config().secret.value;
  if (!secret.empty()) {
    std::string_view b64 = secret;
    if (b64.starts_with("whsec_"))
      b64.remove_prefix(6);
    auto key = base64_decode(b64);
    if (!key)
      return Error{"channel " + id() + ": the signing secret (" + config().secret.source +
                   ") is not whsec_ followed by base64"};
    auto sig = base64_encode(hmac_sha256(*key, e.key + "." + ts + "." + req.body));
    req.headers.push_back("webhook-signature: v1," + sig);
  }
  std::vector<Request> out;
  out.push_back(std::move(req));
  return out;
}

}  // namespace rectifyd::notify
