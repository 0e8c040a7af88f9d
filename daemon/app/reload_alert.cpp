#include "app/reload_alert.h"

#include <exception>

#include <spdlog/spdlog.h>

#include "core/dates.h"
#include "engine/intent_writer.h"
#include "render/config_text.h"
#include "time/zone.h"

namespace rectifyd::app {

ReloadFailedHook make_reload_alert(store::Database& db, const Clock& clock, std::string config_path,
                                   std::function<config::Snapshot()> running) {
  return [&db, &clock, path = std::move(config_path),
          running = std::move(running)](const std::string& errors) {
    const config::Snapshot config = running();
    const Instant now = clock.now();
    auto zone = find_zone(config->unit.time_zone);
    plan::Intent intent;
    intent.rule = "config_error";
    intent.occurrence = format_instant_utc(now);
    intent.recipient_kind = plan::RecipientKind::office;
    intent.recipient = "office";
    intent.channels = config->routing.office;
    intent.planned = now;
    intent.not_before = now;
    intent.message = render::reload_refused_message(path, errors, now, zone ? *zone : nullptr);
    try {
      engine::write_intents(db, {intent}, now);
    } catch (const std::exception& e) {
      spdlog::error("cannot queue the reload failure for the office: {}", e.what());
    }
  };
}

}  // namespace rectifyd::app
