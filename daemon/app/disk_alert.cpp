#include "app/disk_alert.h"

#include <sys/statvfs.h>

#include <cstdint>
#include <filesystem>

#include <date/tz.h>
#include <spdlog/spdlog.h>

#include "core/dates.h"
#include "notify/channel.h"
#include "time/zone.h"

namespace rectifyd::app {
namespace {

constexpr auto kRemindEvery = std::chrono::hours{1};
constexpr auto kWatchEvery = std::chrono::seconds{5};
/// Room enough for a few transactions and the WAL they grow.
constexpr std::uint64_t kRoomNeeded = 1024 * 1024;

std::string when(Instant t, const date::time_zone* zone) {
  return zone ? format_date_zh(local_date(zone, t)) + " " + date::format("%H:%M", zone->to_local(t))
              : format_instant_utc(t);
}

}  // namespace

Message disk_full_message(const std::string& db_path, Instant since, const date::time_zone* zone) {
  Message m;
  m.kind = "disk_full";
  m.subject = "数据库磁盘已满，修改暂时无法保存";
  m.text = "自" + when(since, zone) + "起，数据库 " + db_path +
           " 所在磁盘已满。服务仍在运行，已排队的消息全部保留，但新的修改和消息暂时无法保存。"
           "请立即清理该磁盘空间；空间恢复后服务自动继续，无需重启。";
  return m;
}

Message disk_recovered_message(const std::string& db_path, Instant since, Instant now,
                               const date::time_zone* zone) {
  Message m;
  m.kind = "disk_recovered";
  m.subject = "数据库磁盘空间已恢复";
  m.text = "数据库 " + db_path + " 所在磁盘自" + when(since, zone) + "起已满，" + when(now, zone) +
           "已恢复写入，服务照常运行，排队的消息继续发送。";
  return m;
}

DiskAlert::DiskAlert(boost::asio::io_context& io, const Clock& clock, std::string db_path,
                     std::function<config::Snapshot()> config, std::function<void()> recovered)
    : transport_(io),
      watch_(io),
      recovered_(std::move(recovered)),
      clock_(clock),
      db_path_(std::move(db_path)),
      config_(std::move(config)) {}

DiskAlert::~DiskAlert() {
  watch_.cancel();
  transport_.cancel_all();
}

bool DiskAlert::has_room() const {
  const std::filesystem::path p(db_path_);
  const std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) != 0)
    return false;
  return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize >= kRoomNeeded;
}

void DiskAlert::watch() {
  watch_.expires_after(kWatchEvery);
  watch_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || !since_)
      return;
    if (!has_room())
      return watch();
    space_returned();
    if (recovered_)
      recovered_();
  });
}

void DiskAlert::disk_full(const std::string& error) {
  const Instant now = clock_.now();
  if (!since_) {
    since_ = now;
    spdlog::critical("store: the disk is full ({}); changes are refused until space returns",
                     error);
    watch();
  }
  if (last_told_ && now - *last_told_ < kRemindEvery)
    return;
  last_told_ = now;
  told_this_time_ = true;
  auto zone = find_zone(config_()->unit.time_zone);
  send(disk_full_message(db_path_, *since_, zone ? *zone : nullptr),
       "disk_full/" + format_instant_utc(*since_));
}

void DiskAlert::space_returned() {
  if (!since_)
    return;
  const Instant now = clock_.now();
  spdlog::info("store: the disk has room again; planning and delivering");
  // Told that it is over only when told that it began (a disk that fills again within the
  // hour is not announced twice).
  if (told_this_time_) {
    auto zone = find_zone(config_()->unit.time_zone);
    send(disk_recovered_message(db_path_, *since_, now, zone ? *zone : nullptr),
         "disk_recovered/" + format_instant_utc(*since_));
  }
  since_.reset();
  told_this_time_ = false;
}

void DiskAlert::send(const Message& m, const std::string& key) {
  const config::Snapshot cfg = config_();
  const Instant now = clock_.now();
  for (const auto& id : cfg->routing.office) {
    const config::ChannelConfig* cc = cfg->channel(id);
    if (cc == nullptr)
      continue;
    auto channel = notify::make_channel(*cc);
    if (!channel) {
      spdlog::error("store: cannot tell the office through {}: {}", id, channel.error().message);
      continue;
    }
    notify::Envelope e;
    e.key = key + "/office/" + id;
    e.kind = m.kind;
    e.channel = id;
    e.recipient = "office";
    e.message = m;
    e.created_at = now;
    auto requests = (*channel)->prepare(e, notify::SendContext{0, now});
    if (!requests) {
      spdlog::error("store: cannot tell the office through {}: {}", id, requests.error().message);
      continue;
    }
    ++sent_;
    const auto timeout =
        std::chrono::duration_cast<std::chrono::milliseconds>((*channel)->timeout());
    for (auto& r : *requests) {
      auto it = in_flight_.insert(in_flight_.end(), std::move(r));
      transport_.start(*it, timeout, [this, it, id](notify::Response res) {
        if (res.curl_code != CURLE_OK || res.status >= 300)
          spdlog::error("store: the office alert through {} failed: {} {}", id, res.status,
                        res.transport_error);
        in_flight_.erase(it);
      });
    }
  }
}

}  // namespace rectifyd::app
