#include "app/reload_alert.h"

#include <exception>
#include <sstream>
#include <vector>

#include <date/tz.h>
#include <spdlog/spdlog.h>
#include <boost/json/serialize.hpp>

#include "core/dates.h"
#include "store/outbox.h"
#include "time/zone.h"

namespace rectifyd::app {

Message reload_refused_message(const std::string& config_path, const std::string& errors,
                               Instant at, const date::time_zone* zone) {
  std::vector<std::string> lines;
  std::istringstream in(errors);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty())
      lines.push_back(line);
  }
  std::string when = zone != nullptr ? format_date_zh(local_date(zone, at)) + " " +
                                           date::format("%H:%M", zone->to_local(at))
                                     : format_instant_utc(at);

  Message m;
  m.kind = "config_error";
  m.subject = "配置重新加载失败，仍按原配置运行";
  m.text = when + "重新加载配置文件 " + config_path + " 失败，服务仍按原配置运行。请修正以下 " +
           std::to_string(lines.size()) +
           " 处错误，并用 rectifyctl config validate 检查通过后重新加载（systemctl reload "
           "rectifyd）：";
  for (std::size_t i = 0; i < lines.size() && i < kListedErrors; ++i)
    m.text += "\n" + std::to_string(i + 1) + ". " + lines[i];
  if (lines.size() > kListedErrors)
    m.text += "\n……另有 " + std::to_string(lines.size() - kListedErrors) + " 处，详见服务日志。";
  return m;
}

ReloadFailedHook make_reload_alert(store::Database& db, const Clock& clock, std::string config_path,
                                   std::function<config::Snapshot()> running) {
  return [&db, &clock, path = std::move(config_path),
          running = std::move(running)](const std::string& errors) {
    const config::Snapshot config = running();
    const Instant now = clock.now();
    auto zone = find_zone(config->unit.time_zone);
    const Message m = reload_refused_message(path, errors, now, zone ? *zone : nullptr);
    const std::string payload = boost::json::serialize(to_json(m));
    try {
      db.write([&] {
        store::Outbox outbox(db);
        for (const auto& channel : config->routing.office) {
          store::NewNotification n;
          n.key = "config_error/" + format_instant_utc(now) + "/office/" + channel;
          n.kind = m.kind;
          n.channel = channel;
          n.recipient = "office";
          n.subject = m.subject;
          n.payload = payload;
          n.not_before = now;
          outbox.enqueue(n, now);
        }
      });
    } catch (const std::exception& e) {
      spdlog::error("cannot queue the reload failure for the office: {}", e.what());
    }
  };
}

}  // namespace rectifyd::app
