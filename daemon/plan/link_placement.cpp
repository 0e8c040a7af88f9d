#include "plan/link_placement.h"

#include <array>
#include <string_view>

#include "render/owner_notice_text.h"

namespace rectifyd::plan {

bool carries_link(const Message& m) {
  static constexpr std::array<std::string_view, 5> kKinds = {
      "reminder", "overdue", "update_request", "nudge", "owner_notice"};
  for (auto k : kKinds) {
    if (m.kind == k)
      return true;
  }
  return false;
}

Result<std::vector<Intent>> place_links(std::vector<Intent> intents, const config::Config& config,
                                        const LinkSource& link_of) {
  if (config.web.public_url.empty())
    return intents;
  std::vector<Intent> out;
  out.reserve(intents.size());
  for (auto& intent : intents) {
    if (intent.recipient_kind != RecipientKind::person || !intent.person_id ||
        !carries_link(intent.message)) {
      out.push_back(std::move(intent));
      continue;
    }
    std::vector<std::string> alone, shared;
    for (const auto& ch : intent.channels) {
      const config::ChannelConfig* c = config.channel(ch);
      (c && c->reaches_person_alone() ? alone : shared).push_back(ch);
    }
    if (!shared.empty()) {
      Intent s = intent;
      s.channels = std::move(shared);
      s.message =
          render::with_report_line(std::move(s.message), render::ReportLine::use_personal_link);
      out.push_back(std::move(s));
    }
    if (!alone.empty()) {
      auto link = link_of ? link_of(*intent.person_id)
                          : Result<std::optional<std::string>>(std::optional<std::string>{});
      if (!link)
        return link.error();
      intent.channels = std::move(alone);
      if (*link)
        intent.message =
            render::with_report_line(std::move(intent.message), render::ReportLine::link, **link);
      out.push_back(std::move(intent));
    }
  }
  return out;
}

}  // namespace rectifyd::plan
