#include "render/owner_notice_text.h"

#include "render/deadline_text.h"

namespace rectifyd::render {

Message render_owner_notice(const OwnerNotice& n) {
  Message m;
  m.kind = "owner_notice";
  const std::string item = n.label + "“" + shorten(n.text, 40) + "”";
  std::string body;
  if (n.kind == "closed") {
    m.subject = "【已销号】" + n.label;
    body = "您负责的" + item + "已经办公室审核销号，无需再报告进度。";
    if (!n.reason.empty())
      body += "\n办公室意见：" + n.reason;
  } else if (n.kind == "returned") {
    m.subject = "【退回】" + n.label + " 未通过销号审核";
    body = "您报告完成的" + item + "未通过办公室审核，已退回。\n退回理由：" +
           (n.reason.empty() ? std::string("（未写明）") : n.reason) + "\n请按意见继续整改" +
           (n.due.empty() ? std::string() : "，于 " + n.due + " 前") + "重新报告完成并附佐证材料。";
  } else if (n.kind == "extension_approved") {
    m.subject = "【延期已批准】" + n.label;
    body = "您为" + item + "提出的延期申请已批准，新的时限为 " + n.new_due + "，请按新时限完成。";
    if (!n.reason.empty())
      body += "\n办公室意见：" + n.reason;
  } else {
    m.subject = "【延期未批准】" + n.label;
    body = "您为" + item + "提出的延期申请未获批准" +
           (n.due.empty() ? std::string() : "，时限仍为 " + n.due) + "。";
    body += "\n理由：" + (n.reason.empty() ? std::string("（未写明）") : n.reason);
    body += "\n请按原时限完成；有困难请联系领导小组办公室。";
  }
  m.text = n.owner + "同志：\n" + body + "\n" + n.unit_name;
  MessageItem it;
  it.measure_id = n.measure_id;
  it.label = n.label;
  it.text = shorten(n.text, 60);
  it.owner = n.owner;
  it.due = n.kind == "extension_approved" ? n.new_due : n.due;
  m.items.push_back(std::move(it));
  return m;
}

Message with_report_line(Message m, ReportLine line, const std::string& url) {
  switch (line) {
    case ReportLine::link:
      m.text +=
          "\n报告进度、报完成（附佐证材料）或申请延期，请打开您的个人链接（仅限本人使用，"
          "请勿转发）：\n" +
          url;
      break;
    case ReportLine::use_personal_link:
      m.text += "\n请使用单独发送给您本人的个人链接报告进度、报完成或申请延期。";
      break;
  }
  return m;
}

}  // namespace rectifyd::render
