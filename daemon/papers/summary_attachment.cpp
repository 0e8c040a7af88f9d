#include "papers/summary_attachment.h"

#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "core/dates.h"
#include "papers/docx.h"
#include "papers/papers.h"
#include "time/zone.h"

namespace rectifyd::papers {

std::string weekly_report_filename(LocalDate day) {
  const date::year_month_day ymd{day};
  return "整改工作通报（" + std::to_string(static_cast<int>(ymd.year())) + "年" +
         std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(ymd.day())) + "日）.docx";
}

Status attach_weekly_reports(store::Database& db, const config::Config& config,
                             const std::string& scratch_dir, Instant now,
                             std::vector<plan::Intent>& intents) {
  std::set<std::string> mail_channels;
  for (const auto& c : config.channels) {
    if (c.type == config::ChannelType::smtp)
      mail_channels.insert(c.id);
  }
  auto goes_by_mail = [&](const plan::Intent& i) {
    if (i.message.kind != "meeting_summary")
      return false;
    for (const auto& c : i.channels) {
      if (mail_channels.contains(c))
        return true;
    }
    return false;
  };
  bool any = false;
  for (const auto& i : intents)
    any = any || goes_by_mail(i);
  if (!any)
    return ok_status();

  auto zone = find_zone(config.unit.time_zone);
  if (!zone)
    return zone.error();
  const PaperContext ctx{db, config, now, local_date(*zone, now), *zone};
  std::map<LocalDate, Attachment> made;
  for (auto& i : intents) {
    if (!goes_by_mail(i))
      continue;
    const LocalDate day = local_date(*zone, i.planned);
    auto it = made.find(day);
    if (it == made.end()) {
      auto paper = make_weekly_report(ctx, day);
      if (!paper)
        return paper.error();
      auto bytes = docx_bytes(*paper, scratch_dir);
      if (!bytes)
        return bytes.error();
      it = made.emplace(day, Attachment{weekly_report_filename(day), kWeeklyReportFileType,
                                        std::move(*bytes)})
               .first;
    }
    i.message.attachments.push_back(it->second);
  }
  return ok_status();
}

engine::Engine::Decorate weekly_report_decorator(store::Database& db, std::string scratch_dir) {
  return [&db, scratch = std::move(scratch_dir)](const config::Config& c, Instant now,
                                                 std::vector<plan::Intent>& intents) {
    if (auto st = attach_weekly_reports(db, c, scratch, now, intents); !st)
      spdlog::warn("the weekly report is not attached to the summary mail: {}", st.error().message);
  };
}

}  // namespace rectifyd::papers
