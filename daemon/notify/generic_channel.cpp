#include "notify/generic_channel.h"

#include <charconv>

#include "core/dates.h"
#include "notify/platform.h"

namespace rectifyd::notify {
namespace {

/// Appends `s` as a JSON string, escaped as boost::json's serializer does.
void put_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\')
      continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    out += '\\';
    switch (c) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '\b':
        out += 'b';
        break;
      case '\f':
        out += 'f';
        break;
      case '\n':
        out += 'n';
        break;
      case '\r':
        out += 'r';
        break;
      case '\t':
        out += 't';
        break;
      default:
        out += "u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void put_key(std::string& out, std::string_view k) {
  out += '"';
  out += k;
  out += "\":";
}

void put_field(std::string& out, std::string_view k, std::string_view v) {
  put_key(out, k);
  put_string(out, v);
  out += ',';
}

void put_int(std::string& out, long long v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  out.append(buf, end);
}

/// As core/message.cpp writes an addressee: the name, then the addresses that are set.
void put_addressee(std::string& out, const Addressee& a) {
  out += '{';
  put_key(out, "name");
  put_string(out, a.name);
  const std::pair<std::string_view, const std::string*> optional[] = {
      {"email", &a.email},
      {"mobile", &a.mobile},
      {"wecom_id", &a.wecom_id},
      {"dingtalk_id", &a.dingtalk_id},
      {"feishu_id", &a.feishu_id}};
  for (const auto& [k, v] : optional) {
    if (v->empty())
      continue;
    out += ',';
    put_key(out, k);
    put_string(out, *v);
  }
  out += '}';
}

void put_addressees(std::string& out, const std::vector<Addressee>& list) {
  out += '[';
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0)
      out += ',';
    put_addressee(out, list[i]);
  }
  out += ']';
}

}  // namespace

std::string generic_webhook_body(const Envelope& e) {
  const Message& m = e.message;
  std::string out;
  std::size_t estimate = 256 + e.key.size() + m.subject.size() + m.text.size();
  for (const auto& it : m.items)
    estimate += 128 + it.label.size() + it.text.size() + it.owner.size() + it.note.size();
  out.reserve(estimate);
  out += '{';
  put_field(out, "type", e.kind);
  put_field(out, "id", e.key);
  put_field(out, "recipient", e.recipient);
  put_field(out, "subject", m.subject);
  put_field(out, "text", m.text);
  put_key(out, "items");
  out += '[';
  for (std::size_t i = 0; i < m.items.size(); ++i) {
    const auto& it = m.items[i];
    out += i > 0 ? ",{" : "{";
    put_key(out, "measure_id");
    put_int(out, static_cast<long long>(it.measure_id));
    out += ',';
    put_field(out, "label", it.label);
    put_field(out, "text", it.text);
    put_field(out, "owner", it.owner);
    put_field(out, "due", it.due);
    put_field(out, "colour", it.colour);
    put_key(out, "note");
    put_string(out, it.note);
    out += '}';
  }
  out += "],";
  put_key(out, "to");
  put_addressees(out, m.to);
  out += ',';
  put_key(out, "meeting");
  if (m.meeting) {
    const auto& mt = *m.meeting;
    out += '{';
    put_field(out, "uid", mt.uid);
    put_key(out, "sequence");
    put_int(out, mt.sequence);
    out += ',';
    put_key(out, "cancelled");
    out += mt.cancelled ? "true," : "false,";
    put_field(out, "start", format_instant_utc(mt.start));
    put_field(out, "end", format_instant_utc(mt.end));
    put_field(out, "time_zone", mt.time_zone);
    put_field(out, "title", mt.title);
    put_field(out, "location", mt.location);
    put_key(out, "organizer");
    put_addressee(out, mt.organizer);
    out += ',';
    put_key(out, "attendees");
    put_addressees(out, mt.attendees);
    out += '}';
  } else {
    out += "null";
  }
  out += ',';
  put_key(out, "late");
  out += m.late ? "true," : "false,";
  put_key(out, "attempt");
  put_int(out, e.attempt);
  out += '}';
  return out;
}

GenericChannel::GenericChannel(config::ChannelConfig cfg) : Channel(std::move(cfg)) {
  const auto& secret = config().secret.value;
  if (secret.empty())
    return;
  std::string_view b64 = secret;
  if (b64.starts_with("whsec_"))
    b64.remove_prefix(6);
  auto key = base64_decode(b64);
  if (!key) {
    bad_secret_ = true;
    return;
  }
  key_ = std::make_unique<HmacSha256Key>(*key);
}

Result<std::vector<Request>> GenericChannel::prepare(const Envelope& e, const SendContext& ctx) {
  auto url = endpoint_url(config(), ctx.endpoint);
  if (!url)
    return url.error();
  if (bad_secret_)
    return Error{"channel " + id() + ": the signing secret (" + config().secret.source +
                 ") is not whsec_ followed by base64"};
  Request req;
  req.url = std::move(url.value());
  req.body = generic_webhook_body(e);
  char ts_buf[24];
  auto [ts_end, ec] = std::to_chars(ts_buf, ts_buf + sizeof ts_buf,
                                    static_cast<long long>(ctx.now.time_since_epoch().count()));
  (void)ec;
  const std::string_view ts(ts_buf, static_cast<std::size_t>(ts_end - ts_buf));
  req.headers.reserve(5);
  req.headers.emplace_back("Content-Type: application/json; charset=utf-8");
  req.headers.emplace_back("webhook-id: ").append(e.key);
  req.headers.emplace_back("webhook-timestamp: ").append(ts);
  req.headers.emplace_back("Idempotency-Key: ").append(e.key);
  if (key_) {
    auto sig = base64_encode(key_->sign({e.key, ".", ts, ".", req.body}));
    req.headers.emplace_back("webhook-signature: v1,").append(sig);
  }
  std::vector<Request> out;
  out.push_back(std::move(req));
  return out;
}

}  // namespace rectifyd::notify
