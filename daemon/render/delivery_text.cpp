#include "render/delivery_text.h"

namespace rectifyd::render {
namespace {

constexpr std::size_t kDeadLetterListed = 50;

std::string duration_zh(std::chrono::minutes d) {
  const auto h = std::chrono::duration_cast<std::chrono::hours>(d);
  const auto m = d - h;
  std::string out;
  if (h.count() > 0)
    out += std::to_string(h.count()) + " 小时";
  if (m.count() > 0 || h.count() == 0)
    out += std::to_string(m.count()) + " 分钟";
  return out;
}

void sign(std::string& text, const std::string& unit) {
  if (!unit.empty()) {
    text += "\n";
    text += unit;
  }
}

}  // namespace

Message render_dead_letter(const std::vector<DeadLetterEntry>& rows) {
  Message m;
  m.kind = "dead_letter";
  m.subject = "有 " + std::to_string(rows.size()) + " 条通知未能送达";
  std::string text =
      "以下 " + std::to_string(rows.size()) +
      " 条通知未能送达，请今日内核对收件人地址和渠道配置，处理后在管理界面重新发送：";
  for (std::size_t i = 0; i < rows.size() && i < kDeadLetterListed; ++i) {
    const auto& r = rows[i];
    // Appended piece by piece: a chain of operator+ starting from a literal trips GCC 12's
    // -Wrestrict false positive at -O3.
    text += '\n';
    text += std::to_string(i + 1);
    text += ". ";
    text += r.subject.empty() ? r.kind : r.subject;
    text += "（收件人：";
    text += r.recipient;
    text += "，渠道：";
    text += r.channel;
    text += "，第 ";
    text += std::to_string(r.attempts);
    text += " 次尝试）原因：";
    text += r.reason;
  }
  if (rows.size() > kDeadLetterListed)
    text += "\n……另有 " + std::to_string(rows.size() - kDeadLetterListed) + " 条，详见管理界面。";
  m.text = std::move(text);
  return m;
}

Message render_channel_down(const ChannelOutage& o) {
  Message m;
  m.kind = "channel_down";
  m.subject = "通知渠道 " + o.channel + " 已连续 " + duration_zh(o.failing_for) + "无法送达";
  std::string text = "通知渠道 ";
  text += o.channel;
  text += " 自 ";
  text += o.since_local;
  text += " 起无法送达（已失败 ";
  text += std::to_string(o.failures);
  text += " 次，最近一次原因：";
  text += o.last_error;
  text +=
      "）。经该渠道发出的提醒和通知尚未送到收件人。\n请尽快检查接收方地址、密钥和网络；"
      "恢复后积压的通知会自动补发，届时另行告知。";
  sign(text, o.unit_name);
  m.text = std::move(text);
  return m;
}

Message render_channel_recovered(const ChannelOutage& o) {
  Message m;
  m.kind = "channel_recovered";
  m.subject = "通知渠道 " + o.channel + " 已恢复";
  std::string text = "通知渠道 ";
  text += o.channel;
  text += " 已于 ";
  text += o.until_local;
  text += " 恢复（自 ";
  text += o.since_local;
  text += " 起中断约 ";
  text += duration_zh(o.failing_for);
  text += "，期间失败 ";
  text += std::to_string(o.failures);
  text += " 次）。积压的通知正在补发，无需处理。";
  sign(text, o.unit_name);
  m.text = std::move(text);
  return m;
}

}  // namespace rectifyd::render
