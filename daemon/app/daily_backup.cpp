#include "app/daily_backup.h"

#include <filesystem>
#include <sstream>

#include <date/tz.h>
#include <spdlog/spdlog.h>

#include "core/dates.h"
#include "engine/intent_writer.h"
#include "store/backup.h"
#include "time/zone.h"

namespace rectifyd::app {
namespace {

const date::time_zone* zone_of(const config::Config& c) {
  auto zone = find_zone(c.unit.time_zone);
  return zone ? *zone : date::locate_zone("UTC");
}

/// The instant a daily backup was taken, from its name (UTC).
std::optional<Instant> taken_at(const std::filesystem::path& p) {
  const std::string name = p.filename().string();  // rectifyd-YYYYMMDD-HHMMSS.db
  std::istringstream in(name.substr(9, 15));
  date::sys_seconds t;
  in >> date::parse("%Y%m%d-%H%M%S", t);
  if (in.fail())
    return std::nullopt;
  return Instant{t};
}

}  // namespace

Instant last_backup_slot(const config::Config& c, Instant now) {
  const date::time_zone* zone = zone_of(c);
  const LocalDate today = local_date(zone, now);
  const Instant slot = resolve_local(zone, today, c.backup.at);
  return slot <= now ? slot : resolve_local(zone, today - date::days{1}, c.backup.at);
}

Instant next_backup_slot(const config::Config& c, Instant now) {
  const date::time_zone* zone = zone_of(c);
  const LocalDate today = local_date(zone, now);
  const Instant slot = resolve_local(zone, today, c.backup.at);
  return slot > now ? slot : resolve_local(zone, today + date::days{1}, c.backup.at);
}

std::string backup_folder(const config::Config& c, const std::string& db_path) {
  if (!c.backup.folder.empty())
    return c.backup.folder;
  const std::filesystem::path db(db_path);
  return ((db.has_parent_path() ? db.parent_path() : std::filesystem::path(".")) / "backups")
      .string();
}

bool backup_due(const config::Config& c, const std::string& folder, Instant now) {
  if (!c.backup.enabled)
    return false;
  const Instant slot = last_backup_slot(c, now);
  for (const auto& p : store::list_daily_backups(folder)) {
    if (auto t = taken_at(p); t && *t >= slot)
      return false;
  }
  return true;
}

Message backup_failed_message(const std::string& folder, const std::string& why, Instant at,
                              const date::time_zone* zone) {
  Message m;
  m.kind = "backup_failed";
  m.subject = "数据库每日备份失败";
  const std::string when =
      zone ? format_date_zh(local_date(zone, at)) + " " + date::format("%H:%M", zone->to_local(at))
           : format_instant_utc(at);
  m.text = when + "未能把数据库备份到 " + folder + "：" + why +
           "。服务照常运行，一小时后自动重试。请今天内检查该目录的磁盘空间和权限，"
           "或手动运行 rectifyctl backup 文件名 备份一份。";
  return m;
}

void queue_office_message(store::Database& db, const config::Config& config, const Message& m,
                          const std::string& key_prefix, Instant at) {
  plan::Intent intent;
  intent.rule = key_prefix;
  intent.occurrence = format_date(local_date(zone_of(config), at));
  intent.recipient_kind = plan::RecipientKind::office;
  intent.recipient = "office";
  intent.channels = config.routing.office;
  intent.planned = at;
  intent.not_before = at;
  intent.message = m;
  try {
    engine::write_intents(db, {intent}, at);
  } catch (const std::exception& e) {
    spdlog::error("cannot queue \"{}\" for the office: {}", m.subject, e.what());
  }
}

PlanHook with_daily_backup(PlanHook planner, store::Database& db, BackupFailedHook failed) {
  auto retry_at = std::make_shared<std::optional<Instant>>();
  return [planner = std::move(planner), &db, failed = std::move(failed), retry_at](
             const config::Config& c, Instant now) -> Result<std::optional<Wake>> {
    auto planned = planner(c, now);
    if (!c.backup.enabled)
      return planned;
    const std::string folder = backup_folder(c, db.path());
    if ((!*retry_at || now >= **retry_at) && backup_due(c, folder, now)) {
      std::error_code ec;
      std::filesystem::create_directories(folder, ec);
      const std::string dest =
          (std::filesystem::path(folder) / store::daily_backup_name(now)).string();
      auto taken = ec ? Result<store::BackupInfo>(Error{folder + ": " + ec.message()})
                      : store::write_backup(db, dest, now);
      if (taken) {
        retry_at->reset();
        spdlog::info("backup: {} ({} measures)", dest, taken->counts.measures);
        if (auto st = store::prune_daily_backups(folder, static_cast<std::size_t>(c.backup.keep));
            !st)
          spdlog::warn("backup: {}", st.error().message);
      } else {
        *retry_at = now + std::chrono::hours{1};
        spdlog::error("backup: {}", taken.error().message);
        if (failed)
          failed(backup_failed_message(folder, taken.error().message, now, zone_of(c)), now);
      }
    }
    if (!planned)
      return planned;
    Instant next = *retry_at ? **retry_at : next_backup_slot(c, now);
    if (*planned && (*planned)->at <= next)
      return planned;
    return std::optional<Wake>{Wake{next, "backup"}};
  };
}

}  // namespace rectifyd::app
