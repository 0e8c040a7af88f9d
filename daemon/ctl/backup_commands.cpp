// rectifyctl backup FILE | restore FILE | restore --check FILE: a consistent copy of the database
// while the daemon runs (with the evidence files), and putting one back after checking it, the
// database it replaces kept aside. The work is store/backup.h's; this file only speaks.

#include <iostream>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "core/dates.h"
#include "ctl/commands.h"
#include "ctl/table.h"
#include "store/audit.h"
#include "store/backup.h"
#include "time/zone.h"

namespace rectifyd::ctl {
namespace {

namespace json = boost::json;

const date::time_zone* unit_zone(Context& ctx) {
  auto cfg = ctx.config();
  if (!cfg)
    return nullptr;
  auto zone = find_zone((*cfg)->unit.time_zone);
  return zone ? *zone : nullptr;
}

std::string when(const store::BackupInfo& info, const date::time_zone* zone) {
  if (!info.taken_at)
    return "时间不详";
  return zone ? format_instant(*info.taken_at, zone).substr(0, 16)
              : format_instant_utc(*info.taken_at);
}

/// "16 个问题、52 项措施、12 人，待发消息 3 条，证明材料 4 个".
std::string contents(const store::BackupInfo& info) {
  const auto& c = info.counts;
  return std::to_string(c.problems) + " 个问题、" + std::to_string(c.measures) + " 项措施、" +
         std::to_string(c.people) + " 人，待发消息 " + std::to_string(c.outbox_waiting) +
         " 条，证明材料 " + std::to_string(info.evidence_files) + " 个";
}

json::object to_json(const store::BackupInfo& info) {
  const auto& c = info.counts;
  json::object o{{"path", info.path},
                 {"schema_version", info.schema_version},
                 {"rounds", c.rounds},
                 {"problems", c.problems},
                 {"measures", c.measures},
                 {"people", c.people},
                 {"outbox_waiting", c.outbox_waiting},
                 {"audit", c.audit},
                 {"evidence_files", info.evidence_files}};
  o["taken_at"] = info.taken_at ? json::value(format_instant_utc(*info.taken_at)) : json::value();
  return o;
}

Status run_backup(Context& ctx, const std::string& file) {
  auto db = ctx.db();
  if (!db)
    return db.error();
  auto info = store::write_backup(**db, file, ctx.clock().now());
  if (!info)
    return info.error();
  if (ctx.json()) {
    print_json(std::cout, to_json(*info));
    return ok_status();
  }
  std::cout << "已备份到 " << info->path << "（" << when(*info, unit_zone(ctx)) << "）："
            << contents(*info) << "。\n恢复：rectifyctl restore " << info->path << "\n";
  return ok_status();
}

Status run_check(Context& ctx, const std::string& file) {
  auto info = store::check_backup(file);
  if (!info)
    return info.error();
  if (ctx.json()) {
    print_json(std::cout, to_json(*info));
    return ok_status();
  }
  std::cout << info->path << "：完好（备份于 " << when(*info, unit_zone(ctx)) << "，数据库版本 "
            << info->schema_version << "）：" << contents(*info) << "。\n";
  return ok_status();
}

Status run_restore(Context& ctx, const std::string& file) {
  auto path = ctx.db_path();
  if (!path)
    return path.error();
  const Instant now = ctx.clock().now();
  auto restored = store::restore_backup(file, *path, now);
  if (!restored)
    return restored.error();

  // The restored ledger records that it was restored, and from what.
  auto db = ctx.db();
  if (!db)
    return Error{"已恢复，但无法打开恢复后的数据库：" + db.error().message};
  AuditEntry e;
  e.at = now;
  e.actor = ctx.actor();
  e.action = "store.restore";
  e.entity = "store";
  e.before = restored->replaced.empty()
                 ? std::string("{}")
                 : json::serialize(json::object{{"kept_aside", restored->replaced}});
  e.after = json::serialize(to_json(restored->restored));
  Status audited = ok_status();
  (*db)->write([&] {
    auto id = store::AuditLog(**db).append(e);
    if (!id)
      audited = id.error();
  });
  if (!audited)
    return Error{"已恢复，但审计记录未写入：" + audited.error().message};

  if (ctx.json()) {
    json::object o{{"restored", to_json(restored->restored)},
                   {"database", *path},
                   {"replaced", restored->replaced},
                   {"replaced_evidence", restored->replaced_evidence}};
    print_json(std::cout, o);
    return ok_status();
  }
  const auto& info = restored->restored;
  std::cout << "已从 " << info.path << " 恢复 " << *path << "（备份于 "
            << when(info, unit_zone(ctx)) << "）：" << contents(info) << "。\n";
  if (!restored->replaced.empty())
    std::cout << "被替换的数据库保存在 " << restored->replaced << "\n";
  if (!restored->replaced_evidence.empty())
    std::cout << "被替换的证明材料保存在 " << restored->replaced_evidence << "\n";
  return ok_status();
}

}  // namespace

void register_backup_commands(CLI::App& app, Context& ctx) {
  auto* backup = app.add_subcommand(
      "backup", "备份数据库（服务运行时也可），连同证明材料 (back the database up)");
  auto file = std::make_shared<std::string>();
  backup->add_option("FILE", *file, "备份文件（不得已存在）")->required();
  backup->callback([&ctx, file] { ctx.run([&] { return run_backup(ctx, *file); }); });

  auto* restore = app.add_subcommand(
      "restore", "从备份恢复数据库（先检查备份；原数据库另存）；须先停止 rectifyd (restore)");
  auto from = std::make_shared<std::string>();
  auto check_only = std::make_shared<bool>(false);
  restore->add_option("FILE", *from, "备份文件")->required();
  restore->add_flag("--check", *check_only, "只检查备份是否完好，不做替换 (check only)");
  restore->callback([&ctx, from, check_only] {
    ctx.run([&] { return *check_only ? run_check(ctx, *from) : run_restore(ctx, *from); });
  });
}

}  // namespace rectifyd::ctl
