#include "plan/kind_label.h"

#include <map>

namespace rectifyd::plan {

std::string kind_label_zh(const std::string& kind) {
  static const std::map<std::string, std::string> kNames = {
      {"reminder", "到期提醒"},          {"overdue", "逾期提醒"},
      {"escalation", "逾期升级"},        {"missed", "停机漏发汇总"},
      {"calendar_warning", "日历预警"},  {"meeting_notice", "会议通知"},
      {"update_request", "进度更新"},    {"nudge", "催报进度"},
      {"meeting_summary", "会议小结"},   {"meeting_cancelled", "会议取消"},
      {"dead_letter", "死信告警"},       {"channel_down", "渠道故障"},
      {"channel_recovered", "渠道恢复"}, {"backup_failed", "备份失败"},
      {"disk_full", "磁盘已满"},         {"disk_recovered", "磁盘恢复"},
      {"owner_notice", "办理结果告知"},
  };
  auto it = kNames.find(kind);
  return it == kNames.end() ? kind : it->second;
}

}  // namespace rectifyd::plan
