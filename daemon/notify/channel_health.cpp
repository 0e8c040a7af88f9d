#include "notify/channel_health.h"

namespace rectifyd::notify {

ChannelHealth::ChannelHealth(std::chrono::seconds alert_after, std::chrono::seconds log_every)
    : alert_after_(alert_after), log_every_(log_every) {}

ChannelHealth::Entry& ChannelHealth::entry(const std::string& channel) {
  auto [it, added] = channels_.try_emplace(channel);
  if (added)
    it->second.status.channel = channel;
  return it->second;
}

std::optional<HealthChange> ChannelHealth::succeeded(const std::string& channel, Instant now) {
  Entry& e = entry(channel);
  ChannelStatus& s = e.status;
  s.transfers_total++;
  std::optional<HealthChange> change;
  if (s.failing)
    change = HealthChange{HealthChange::Kind::recovered, s, s.failures - e.failures_at_log};
  s.failing = false;
  s.failing_since.reset();
  s.failures = 0;
  s.office_told = false;
  s.last_success = now;
  e.last_logged.reset();
  e.failures_at_log = 0;
  return change;
}

std::optional<HealthChange> ChannelHealth::failed(const std::string& channel,
                                                  const std::string& error, Instant now) {
  Entry& e = entry(channel);
  ChannelStatus& s = e.status;
  s.transfers_total++;
  s.failures_total++;
  s.failures++;
  s.last_error = error;
  if (!s.failing) {
    s.failing = true;
    s.failing_since = now;
    e.last_logged = now;
    e.failures_at_log = s.failures;
    return HealthChange{HealthChange::Kind::failing, s, 1};
  }
  if (e.last_logged && now - *e.last_logged < log_every_)
    return std::nullopt;
  HealthChange change{HealthChange::Kind::still_failing, s, s.failures - e.failures_at_log};
  e.last_logged = now;
  e.failures_at_log = s.failures;
  return change;
}

std::vector<ChannelStatus> ChannelHealth::take_due_alerts(Instant now) {
  std::vector<ChannelStatus> due;
  for (auto& [id, e] : channels_) {
    ChannelStatus& s = e.status;
    if (s.failing && !s.office_told && s.failing_since && now - *s.failing_since >= alert_after_) {
      s.office_told = true;
      due.push_back(s);
    }
  }
  return due;
}

std::optional<Instant> ChannelHealth::next_alert() const {
  std::optional<Instant> next;
  for (const auto& [id, e] : channels_) {
    const ChannelStatus& s = e.status;
    if (!s.failing || s.office_told || !s.failing_since)
      continue;
    const Instant at = *s.failing_since + alert_after_;
    if (!next || at < *next)
      next = at;
  }
  return next;
}

void ChannelHealth::retain(const std::set<std::string>& channels) {
  std::erase_if(channels_, [&](const auto& kv) { return !channels.contains(kv.first); });
}

std::vector<ChannelStatus> ChannelHealth::snapshot() const {
  std::vector<ChannelStatus> out;
  out.reserve(channels_.size());
  for (const auto& [id, e] : channels_)
    out.push_back(e.status);
  return out;
}

std::optional<ChannelStatus> ChannelHealth::status(const std::string& channel) const {
  auto it = channels_.find(channel);
  if (it == channels_.end())
    return std::nullopt;
  return it->second.status;
}

}  // namespace rectifyd::notify
