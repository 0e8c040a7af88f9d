#include "admin/owner_pages.h"

#include <charconv>
#include <filesystem>

#include <spdlog/spdlog.h>
#include <boost/beast/http/field.hpp>

#include "core/dates.h"
#include "office/owner_reports.h"
#include "office/personal_links.h"
#include "store/evidence_store.h"
#include "web/form_data.h"
#include "web/owner_page.h"

namespace rectifyd::admin {
namespace {

Reply html(http::status status, std::string body) {
  Reply r;
  r.status = status;
  r.text = std::move(body);
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Content-Security-Policy", web::owner_page_csp());
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("X-Robots-Tag", "noindex, nofollow");
  return r;
}

std::optional<Id> parse_id(std::string_view s) {
  Id v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0)
    return std::nullopt;
  return v;
}

std::string notice_of(std::string_view ok) {
  if (ok == "progress")
    return "进度已提交，办公室会在台账中看到。";
  if (ok == "done")
    return "已报告完成，等待办公室审核销号；审核结果会另行通知您。";
  if (ok == "extension")
    return "延期申请已提交，等待办公室审批；审批结果会另行通知您。";
  return "";
}

std::string form_refusal(web::FormTokens::Check c) {
  switch (c) {
    case web::FormTokens::Check::used:
      return "此表单已经提交过，未重复处理。如需再次报告，请在下面重新填写。";
    case web::FormTokens::Check::expired:
      return "页面打开时间过长，表单已失效，未做任何修改。请在下面重新填写后提交。";
    default:
      return "表单校验失败，未做任何修改。请在下面重新填写后提交。";
  }
}

}  // namespace

std::string evidence_folder(const config::Config& c, const std::string& db_path) {
  if (!c.web.evidence_folder.empty())
    return c.web.evidence_folder;
  return (std::filesystem::path(db_path).parent_path() / "evidence").string();
}

Reply OwnerPages::too_large(std::string_view target, const config::WebConfig& limits) {
  std::string_view rest = target.substr(kPrefix.size());
  const std::string back = std::string(kPrefix) + std::string(rest.substr(0, rest.find('/')));
  return html(
      http::status::payload_too_large,
      web::plain_page_html("文件过大，未提交",
                           "本次上传的文件合计过大，未做任何修改。每次最多 " +
                               std::to_string(limits.evidence_max_files) + " 个文件，每个不超过 " +
                               store::human_size(limits.evidence_max_bytes) +
                               "。请压缩图片或分次上传后重新提交。",
                           back));
}

OwnerPages::OwnerPages(ApiEnv& env) : env_(env), forms_(env.clock), limiter_(env.clock) {}

std::optional<Reply> OwnerPages::serve(const Call& call,
                                       const http::request<http::string_body>& req,
                                       std::string_view peer) {
  if (!call.path.starts_with(kPrefix))
    return std::nullopt;
  const config::Snapshot cfg = env_.config();
  std::string_view rest = std::string_view(call.path).substr(kPrefix.size());
  const std::string token(rest.substr(0, rest.find('/')));
  rest.remove_prefix(token.size());

  if (auto wait = limiter_.admit(office::link_key(token), cfg->web.requests_per_minute_per_link,
                                 peer, cfg->web.requests_per_minute_per_address)) {
    spdlog::warn("owner page: too many requests from {}", peer);
    Reply r = html(
        http::status::too_many_requests,
        web::plain_page_html("请稍后再试", "请求过于频繁，请 " + std::to_string(wait->count()) +
                                               " 秒后再打开此页面。"));
    r.headers.emplace_back("Retry-After", std::to_string(wait->count()));
    return r;
  }

  office::Office o = office_of(env_);
  auto person = office::person_of_link(o, token);
  if (!person) {
    spdlog::error("owner page: {}", person.error().message);
    return html(http::status::internal_server_error,
                web::plain_page_html("暂时无法打开", "系统暂时无法处理，请稍后再试。"));
  }
  if (!*person)
    return html(http::status::not_found, web::invalid_link_html(cfg->unit.name));

  if (rest.empty()) {
    if (call.method != "GET" && call.method != "HEAD") {
      Reply r = html(http::status::method_not_allowed,
                     web::plain_page_html("无法处理", "请使用页面上的表单提交。"));
      r.headers.emplace_back("Allow", "GET, HEAD");
      return r;
    }
    auto ok = call.query.find("ok");
    auto at = call.query.find("m");
    return show(o, **person, token, http::status::ok,
                ok == call.query.end() ? "" : notice_of(ok->second), std::nullopt, "",
                at == call.query.end() ? 0 : parse_id(at->second).value_or(0));
  }

  // /m/<id>/<action>
  std::optional<Id> measure;
  std::string_view action;
  if (rest.starts_with("/m/")) {
    rest.remove_prefix(3);
    const auto slash = rest.find('/');
    if (slash != std::string_view::npos) {
      measure = parse_id(rest.substr(0, slash));
      action = rest.substr(slash + 1);
    }
  }
  if (!measure || (action != "progress" && action != "done" && action != "extension"))
    return html(http::status::not_found,
                web::plain_page_html("没有这个页面", "请从您的个人链接打开。",
                                     std::string(kPrefix) + token));
  if (call.method != "POST") {
    Reply r = html(
        http::status::method_not_allowed,
        web::plain_page_html("无法处理", "请使用页面上的表单提交。", std::string(kPrefix) + token));
    r.headers.emplace_back("Allow", "POST");
    return r;
  }
  return submit(o, **person, token, *measure, action, req);
}

Reply OwnerPages::show(office::Office& o, const Person& p, const std::string& token,
                       http::status status, std::string notice, std::optional<Id> problem_measure,
                       std::string problem, Id notice_measure) {
  auto items = office::owner_items(o, p);
  if (!items) {
    spdlog::error("owner page: {}", items.error().message);
    return html(http::status::internal_server_error,
                web::plain_page_html("暂时无法打开", "系统暂时无法处理，请稍后再试。"));
  }
  const config::Snapshot cfg = o.config();
  web::OwnerPage page;
  page.person = p.name;
  page.unit = cfg->unit.name;
  page.base_path = std::string(kPrefix) + token;
  page.form_token = forms_.make(office::link_key(token));
  page.today = o.today();
  page.items = std::move(*items);
  page.notice = std::move(notice);
  page.notice_measure = notice_measure;
  if (!problem.empty())
    page.problem = web::OwnerPage::Problem{problem_measure.value_or(0), std::move(problem)};
  return html(status, web::owner_page_html(page));
}

Reply OwnerPages::submit(office::Office& o, const Person& p, const std::string& token, Id measure,
                         std::string_view action, const http::request<http::string_body>& req) {
  auto form = web::parse_form(req[http::field::content_type], req.body());
  if (!form)
    return show(o, p, token, http::status::bad_request, "", std::nullopt, form.error().message);
  const auto check = forms_.spend(office::link_key(token), form->field("form_token"));
  if (check != web::FormTokens::Check::ok) {
    spdlog::warn("owner page: {} sent a form with a refused form token", p.name);
    return show(o, p, token, http::status::forbidden, "", measure, form_refusal(check));
  }

  const config::Snapshot cfg = o.config();
  Status done = ok_status();
  if (action == "progress") {
    int progress = -1;
    const std::string_view text = form->field("progress");
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), progress);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
      done = Error{"请填写 0 到 100 之间的进度", ErrorKind::invalid, "/progress"};
    } else if (form->field("note").empty()) {
      done = Error{"请填写进展情况", ErrorKind::invalid, "/note"};
    } else {
      auto r = office::owner_progress(o, p, measure, progress, form->field("note"));
      if (!r)
        done = r.error();
    }
  } else if (action == "done") {
    store::EvidenceStore store(evidence_folder(*cfg, env_.db.path()));
    store::EvidenceLimits limits{cfg->web.evidence_max_bytes, cfg->web.evidence_max_files};
    auto r = office::owner_done(o, p, measure, form->field("evidence"), form->files, store, limits);
    if (!r)
      done = r.error();
  } else {
    auto due = parse_date(std::string(form->field("new_due")));
    if (!due) {
      done = Error{"请选择延期后的日期", ErrorKind::invalid, "/new_due"};
    } else if (form->field("reason").empty()) {
      done = Error{"请填写延期理由", ErrorKind::invalid, "/reason"};
    } else {
      auto r = office::owner_extension(o, p, measure, *due, form->field("reason"));
      if (!r)
        done = r.error();
    }
  }
  if (!done) {
    const auto& e = done.error();
    if (e.kind == ErrorKind::internal)
      spdlog::error("owner page: {}'s report failed: {}", p.name, e.message);
    const bool mine = e.message != office::not_your_item().message;
    return show(
        o, p, token, status_of(e.kind), "", mine ? std::optional<Id>(measure) : 0,
        e.kind == ErrorKind::internal ? "系统暂时无法保存，未做任何修改，请稍后再试。" : e.message);
  }
  spdlog::info("owner page: {} reported {} on measure {}", p.name, action, measure);
  Reply r;
  r.status = http::status::see_other;
  r.text = "";
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", std::string(kPrefix) + token + "?ok=" + std::string(action) +
                                         "&m=" + std::to_string(measure) + "#m" +
                                         std::to_string(measure));
  return r;
}

}  // namespace rectifyd::admin
