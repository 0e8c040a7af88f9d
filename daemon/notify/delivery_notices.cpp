#include "notify/delivery_notices.h"

#include <algorithm>

#include "core/dates.h"
#include "render/deadline_text.h"
#include "time/zone.h"

namespace rectifyd::notify {
namespace {

std::string local_text(const date::time_zone* zone, Instant t) {
  return format_date_zh(local_date(zone, t)) +
         render::format_time_of_day(local_time_of_day(zone, t));
}

plan::Intent office_intent(std::string_view rule, std::string occurrence, Instant now) {
  plan::Intent i;
  i.rule = std::string(rule);
  i.occurrence = std::move(occurrence);
  i.recipient_kind = plan::RecipientKind::office;
  i.recipient = "office";
  i.planned = now;
  i.not_before = now;
  return i;
}

}  // namespace

bool is_delivery_notice(std::string_view kind) {
  return kind == kDeadLetterRule || kind == kChannelDownRule || kind == kChannelRecoveredRule;
}

plan::Intent dead_letter_intent(const config::Config& cfg,
                                const std::vector<render::DeadLetterEntry>& rows, Id lo, Id hi,
                                Instant now) {
  auto i = office_intent(
      kDeadLetterRule,
      format_instant_utc(now) + "/" + std::to_string(lo) + "-" + std::to_string(hi), now);
  i.channels = cfg.routing.office;
  i.message = render::render_dead_letter(rows);
  return i;
}

plan::Intent channel_notice_intent(const config::Config& cfg, const date::time_zone* zone,
                                   const ChannelStatus& s, bool recovered, Instant now) {
  const Instant since = s.failing_since.value_or(now);
  auto i = office_intent(recovered ? kChannelRecoveredRule : kChannelDownRule,
                         s.channel + "/" + format_instant_utc(since), now);
  for (const auto& ch : cfg.routing.office) {
    if (ch != s.channel)
      i.channels.push_back(ch);
  }
  render::ChannelOutage o;
  o.channel = s.channel;
  o.since_local = local_text(zone, since);
  o.failing_for = std::chrono::duration_cast<std::chrono::minutes>(now - since);
  o.failures = s.failures;
  o.last_error = s.last_error;
  o.until_local = local_text(zone, now);
  o.unit_name = cfg.unit.name;
  i.message = recovered ? render::render_channel_recovered(o) : render::render_channel_down(o);
  return i;
}

}  // namespace rectifyd::notify
