#include "web/owner_page.h"

#include <sodium.h>

#include <algorithm>

#include "core/dates.h"
#include "core/markup.h"

namespace rectifyd::web {
namespace {

constexpr std::string_view kStyle =
    "*{box-sizing:border-box}"
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,'PingFang SC','Noto Sans CJK SC',"
    "'Microsoft YaHei',sans-serif;background:#f3f4f6;color:#1f2937}"
    "header{background:#9f1239;color:#fff;padding:14px 16px}"
    "header h1{margin:0;font-size:20px}header p{margin:4px 0 0;font-size:14px;opacity:.9}"
    "main{padding:8px 10px 24px;max-width:720px;margin:0 auto}"
    ".note{background:#ecfdf5;border:1px solid #10b981;color:#065f46;padding:10px 12px;"
    "border-radius:8px;margin:8px 0}"
    ".err{background:#fef2f2;border:1px solid #ef4444;color:#991b1b;padding:10px 12px;"
    "border-radius:8px;margin:8px 0}"
    ".item{background:#fff;border-radius:10px;margin:10px 0;padding:12px 14px;"
    "border-left:6px solid #10b981;box-shadow:0 1px 2px rgba(0,0,0,.08)}"
    ".item.red{border-left-color:#dc2626}.item.yellow{border-left-color:#f59e0b}"
    ".item h2{font-size:17px;margin:0 0 4px;display:flex;gap:8px;align-items:center}"
    ".lamp{font-size:13px;padding:1px 8px;border-radius:10px;color:#fff;background:#10b981;"
    "white-space:nowrap}.red .lamp{background:#dc2626}.yellow .lamp{background:#d97706}"
    ".text{margin:4px 0;overflow-wrap:anywhere}.meta{font-size:14px;color:#4b5563;margin:4px 0}"
    ".late{color:#b91c1c;font-weight:600}"
    ".office{font-size:14px;background:#fff7ed;border-radius:6px;padding:6px 8px;margin:6px 0}"
    "details{border-top:1px solid #e5e7eb;padding:6px 0}"
    "summary{cursor:pointer;font-weight:600;padding:6px 0;color:#1d4ed8}"
    "label{display:block;margin:8px 0 4px;font-size:15px}"
    "input,textarea,button{font:inherit;width:100%;padding:10px;border:1px solid #d1d5db;"
    "border-radius:8px;background:#fff}"
    "textarea{min-height:84px}"
    "button{margin-top:10px;background:#1d4ed8;color:#fff;border:0;font-weight:600}"
    "ol{padding-left:20px;margin:4px 0;font-size:14px}li{margin:4px 0;overflow-wrap:anywhere}"
    ".hint{font-size:13px;color:#6b7280}"
    "footer{font-size:13px;color:#6b7280;text-align:center;padding:12px}";

std::string status_zh(MeasureStatus s) {
  switch (s) {
    case MeasureStatus::open:
      return "未开始";
    case MeasureStatus::in_progress:
      return "整改中";
    case MeasureStatus::done_reported:
      return "已报完成，待办公室销号";
    case MeasureStatus::closed:
      return "已销号";
    case MeasureStatus::ongoing:
      return "长期坚持";
    case MeasureStatus::not_applicable:
      return "无需整改";
  }
  return "";
}

std::string lamp_zh(const std::string& colour) {
  return colour == "red" ? "红灯" : colour == "yellow" ? "黄灯" : "绿灯";
}

std::string head(const std::string& title) {
  return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
         "<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"robots\" "
         "content=\"noindex,nofollow\"><title>" +
         markup_escape(title) + "</title><style>" + std::string(kStyle) + "</style></head><body>";
}

std::string hidden_token(const std::string& token) {
  return "<input type=\"hidden\" name=\"form_token\" value=\"" + markup_escape(token) + "\">";
}

std::string due_text(const office::OwnerItem& it) {
  if (!it.measure.due)
    return "未定时限";
  std::string s = "时限 " + format_date(*it.measure.due);
  if (it.workdays) {
    if (*it.workdays > 0)
      s += "（还剩 " + std::to_string(*it.workdays) + " 个工作日）";
    else if (*it.workdays == 0)
      s += "（今天到期）";
    else
      s = "<span class=\"late\">" + s + "（已逾期 " + std::to_string(-*it.workdays) +
          " 个工作日）</span>";
  }
  return s;
}

std::string item_html(const OwnerPage& p, const office::OwnerItem& it) {
  const Measure& m = it.measure;
  const std::string id = std::to_string(m.id);
  const std::string action = p.base_path + "/m/" + id + "/";
  std::string h = "<section class=\"item " + markup_escape(it.colour) + "\" id=\"m" + id + "\">";
  h += "<h2><span class=\"lamp\">" + lamp_zh(it.colour) + "</span>" + markup_escape(it.label) +
       "</h2>";
  h += "<p class=\"text\">" + markup_escape(m.text) + "</p>";
  h += "<p class=\"meta\">" + due_text(it) + " · 进度 " + std::to_string(m.progress) + "% · " +
       status_zh(m.status) + "</p>";
  if (!it.office_said.empty())
    h += "<p class=\"office\">办公室：" + markup_escape(it.office_said) + "</p>";
  if (it.pending_extension)
    h += "<p class=\"office\">已申请延期至 " + format_date(it.pending_extension->new_due) +
         "，等待办公室审批。</p>";
  if (p.problem && p.problem->measure == m.id)
    h += "<p class=\"err\" role=\"alert\">" + markup_escape(p.problem->message) + "</p>";
  if (!p.notice.empty() && p.notice_measure == m.id)
    h += "<p class=\"note\" role=\"status\">" + markup_escape(p.notice) + "</p>";

  const bool reported = m.status == MeasureStatus::done_reported;
  if (!reported) {
    h += "<details><summary>报告进度</summary><form method=\"post\" action=\"" +
         markup_escape(action) + "progress\">" + hidden_token(p.form_token) + "<label for=\"p" +
         id + "\">完成进度（%）</label><input id=\"p" + id +
         "\" name=\"progress\" type=\"number\" inputmode=\"numeric\" min=\"0\" max=\"100\" "
         "required value=\"" +
         std::to_string(m.progress) + "\"><label for=\"n" + id +
         "\">进展情况</label><textarea id=\"n" + id +
         "\" name=\"note\" maxlength=\"500\" required placeholder=\"本周做了什么、下一步\">"
         "</textarea><button type=\"submit\">提交进度</button></form></details>";
    h += "<details><summary>报告已完成（附佐证材料）</summary><form method=\"post\" "
         "enctype=\"multipart/form-data\" action=\"" +
         markup_escape(action) + "done\">" + hidden_token(p.form_token) + "<label for=\"e" + id +
         "\">完成情况及佐证说明</label><textarea id=\"e" + id +
         "\" name=\"evidence\" maxlength=\"2000\" required></textarea><label for=\"f" + id +
         "\">佐证材料（照片、PDF、Word / Excel / WPS 文档）</label><input id=\"f" + id +
         "\" name=\"files\" type=\"file\" multiple accept=\"image/*,.pdf,.doc,.docx,.xls,"
         ".xlsx,.wps,.et\"><p class=\"hint\">报告后由办公室审核销号。</p><button "
         "type=\"submit\">报告已完成</button></form></details>";
  }
  if (it.can_extend) {
    h += "<details><summary>申请延期</summary><form method=\"post\" action=\"" +
         markup_escape(action) + "extension\">" + hidden_token(p.form_token) + "<label for=\"d" +
         id + "\">申请延期至</label><input id=\"d" + id +
         "\" name=\"new_due\" type=\"date\" required min=\"" + format_date(*m.due + date::days{1}) +
         "\"><label for=\"r" + id + "\">延期理由</label><textarea id=\"r" + id +
         "\" name=\"reason\" maxlength=\"500\" required></textarea><p class=\"hint\">须在时限前"
         "申请，由办公室审批。</p><button type=\"submit\">提交延期申请</button></form></details>";
  }
  h += "<details><summary>历史记录</summary>";
  if (it.history.empty() && it.files.empty()) {
    h += "<p class=\"hint\">暂无记录。</p>";
  } else {
    h += "<ol>";
    for (auto u = it.history.rbegin(); u != it.history.rend(); ++u) {
      h += "<li>" + markup_escape(format_instant_utc(u->at).substr(0, 10)) + " " +
           markup_escape(u->actor) + "：" + std::to_string(u->progress) + "% " +
           markup_escape(u->note) + "</li>";
    }
    h += "</ol>";
    if (!it.files.empty()) {
      h += "<p class=\"hint\">已上传的佐证材料：</p><ol>";
      for (const auto& f : it.files)
        h += "<li>" + markup_escape(f.original_name) + "（" +
             std::to_string((f.size + 1023) / 1024) + " KB）</li>";
      h += "</ol>";
    }
  }
  h += "</details></section>";
  return h;
}

}  // namespace

std::string owner_page_csp() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(kStyle.data()), kStyle.size());
  char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(b64, sizeof b64, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
  return std::string("default-src 'none'; style-src 'sha256-") + b64 +
         "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
}

std::string owner_page_html(const OwnerPage& p) {
  std::string h = head("我的整改事项");
  h += "<header><h1>" + markup_escape(p.person) + "的整改事项</h1><p>" +
       std::to_string(p.items.size()) + " 项待完成 · " + format_date(p.today) +
       "</p></header><main>";
  const bool notice_at_item =
      std::any_of(p.items.begin(), p.items.end(),
                  [&](const office::OwnerItem& it) { return it.measure.id == p.notice_measure; });
  if (!p.notice.empty() && !notice_at_item)
    h += "<p class=\"note\" role=\"status\">" + markup_escape(p.notice) + "</p>";
  const bool problem_at_item =
      p.problem && std::any_of(p.items.begin(), p.items.end(), [&](const office::OwnerItem& it) {
        return it.measure.id == p.problem->measure;
      });
  if (p.problem && !problem_at_item)
    h += "<p class=\"err\" role=\"alert\">" + markup_escape(p.problem->message) + "</p>";
  if (p.items.empty())
    h += "<p class=\"note\">您目前没有待完成的整改事项。</p>";
  for (const auto& it : p.items)
    h += item_html(p, it);
  h += "</main><footer>此页面为您的个人链接，请勿转发。如有疑问请联系" + markup_escape(p.unit) +
       "。</footer></body></html>";
  return h;
}

std::string invalid_link_html(const std::string& unit) {
  return head("链接已失效") + "<header><h1>链接已失效</h1></header><main><p class=\"err\">" +
         "此链接已失效或不存在。请查看最近一次收到的整改提醒中的链接，或联系" +
         markup_escape(unit) + "获取新的链接。</p></main></body></html>";
}

std::string plain_page_html(const std::string& title, const std::string& text,
                            const std::string& back_path) {
  std::string h = head(title) + "<header><h1>" + markup_escape(title) +
                  "</h1></header><main><p class=\"err\">" + markup_escape(text) + "</p>";
  if (!back_path.empty())
    h += "<p><a href=\"" + markup_escape(back_path) + "\">返回我的整改事项</a></p>";
  return h + "</main></body></html>";
}

}  // namespace rectifyd::web
