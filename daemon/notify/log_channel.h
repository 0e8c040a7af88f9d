#pragma once
// The embedded default channel: one JSON line per message (at, key, kind, recipient, channel,
// subject, text) to standard output or a file. Writes complete synchronously, without curl.

#include <cstdio>

#include "notify/channel.h"

namespace rectifyd::notify {

class LogChannel final : public Channel {
 public:
  explicit LogChannel(config::ChannelConfig cfg);
  ~LogChannel() override;
  Result<std::vector<Request>> prepare(const Envelope& e, const SendContext& ctx) override;

 private:
  std::FILE* out_ = nullptr;
  bool owned_ = false;
};

}  // namespace rectifyd::notify
