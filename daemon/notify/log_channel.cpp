#include "notify/log_channel.h"

#include <cerrno>
#include <cstring>

#include <boost/json.hpp>

#include "core/dates.h"

namespace rectifyd::notify {

LogChannel::LogChannel(config::ChannelConfig cfg) : Channel(std::move(cfg)) {
  if (config().path.empty() || config().path == "-") {
    out_ = stdout;
  } else {
    out_ = std::fopen(config().path.c_str(), "a");
    owned_ = out_ != nullptr;
  }
}

LogChannel::~LogChannel() {
  if (owned_)
    std::fclose(out_);
}

Result<std::vector<Request>> LogChannel::prepare(const Envelope& e, const SendContext& ctx) {
  if (out_ == nullptr)
    return Error{"log channel " + id() + ": cannot open " + config().path};
  boost::json::object line;
  line["at"] = format_instant_utc(ctx.now);
  line["key"] = e.key;
  line["kind"] = e.kind;
  line["recipient"] = e.recipient;
  line["channel"] = e.channel;
  line["subject"] = e.message.subject;
  line["text"] = e.message.text;
  if (e.message.late)
    line["late"] = true;
  auto text = boost::json::serialize(line) + "\n";
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size() || std::fflush(out_) != 0)
    return Error{"log channel " + id() + ": write failed: " + std::strerror(errno)};
  return std::vector<Request>{};
}

}  // namespace rectifyd::notify
