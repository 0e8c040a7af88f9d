// /api/v1/config: the configuration in force (secrets redacted), validation of a candidate file,
// replacing the file whole (PUT) or some keys of it (PATCH), and a reload, each the office
// layer's action (office/settings.h); these routes only translate.

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "admin/routes.h"
#include "config/config_diff.h"
#include "config/config_load.h"
#include "office/settings.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

json::array diagnostics_json(const std::vector<config::Diagnostic>& ds) {
  json::array out;
  for (const auto& d : ds) {
    out.push_back(json::object{{"file", d.file},
                               {"line", d.line},
                               {"column", d.column},
                               {"message", d.message},
                               {"text", config::to_string(d)}});
  }
  return out;
}

Reply invalid(const std::vector<config::Diagnostic>& errors) {
  const auto& first = errors.front();
  return validation_error(
      "配置有 " + std::to_string(errors.size()) +
          " 处错误，未作任何修改（the configuration has errors; nothing "
          "changed）：" +
          config::to_string(first),
      first.file + ":" + std::to_string(first.line) + ":" + std::to_string(first.column),
      diagnostics_json(errors));
}

office::ConfigFile config_file(ApiEnv& env) {
  return office::ConfigFile{env.config_path, env.reload};
}

json::array lines_json(const std::vector<std::string>& lines) {
  json::array out;
  for (const auto& l : lines)
    out.push_back(json::string(l));
  return out;
}

/// Every setting as {key, value} or, for a secret, {key, secret: true, set} and no value.
json::array entries_json(const config::Config& cfg) {
  json::array out;
  for (const auto& s : config::flatten(cfg)) {
    json::object e{{"table", s.table}, {"key", s.key()}};
    if (s.secret) {
      e["secret"] = true;
      e["set"] = s.set;
    } else {
      e["value"] = s.text;
    }
    out.push_back(std::move(e));
  }
  return out;
}

Reply show(ApiEnv& env, const Call&) {
  const config::Snapshot cfg = env.config();
  json::object out{{"source", cfg->source},
                   {"settings", config::redacted_json(*cfg)},
                   {"toml", config::redacted_toml(*cfg)},
                   {"entries", entries_json(*cfg)}};
  // The file as the console's editor shows it: inline secrets replaced by a placeholder.
  if (!env.config_path.empty()) {
    office::ConfigText file = office::config_text(config_file(env));
    if (file.text)
      out["file"] = json::object{{"path", file.path}, {"text", *file.text}};
    else
      out["file"] = json::object{{"path", file.path}, {"error", file.error}};
  }
  return ok(std::move(out));
}

Reply validate(ApiEnv& env, const Call& c) {
  office::ConfigCheck check = office::check_config(office_of(env), config_file(env), c.body);
  if (!check.ok())
    return invalid(check.errors);
  return ok(json::object{{"valid", true}, {"changes", lines_json(check.changes)}});
}

Reply applied(const Result<office::ConfigApplied>& r,
              const std::vector<config::Diagnostic>& errors) {
  if (!r) {
    if (!errors.empty())
      return invalid(errors);
    return failure(r.error());
  }
  return ok(json::object{{"applied", true},
                         {"source", r->source},
                         {"backup", r->backup},
                         {"changes", lines_json(r->changes)}});
}

Reply put(ApiEnv& env, const Call& c) {
  if (c.body.empty())
    return error(http::status::bad_request,
                 "请求体应为完整的 TOML 配置文件（the body must be the "
                 "whole TOML file）",
                 "body");
  auto office = office_of(env);
  std::vector<config::Diagnostic> errors;
  auto r = office::replace_config(office, actor_of(c), config_file(env), c.body, &errors);
  return applied(r, errors);
}

Reply patch(ApiEnv& env, const Call& c) {
  json::object changes;
  if (!env.config_path.empty()) {
    if (auto e = parse_object(c, changes))
      return *e;
    if (changes.empty())
      return error(http::status::bad_request,
                   "请求体应为 {\"键\": 值} 形式的 JSON 对象，例如 {\"meeting.start\": \"16:00\"}",
                   "/");
  }
  auto office = office_of(env);
  std::vector<config::Diagnostic> errors;
  auto r = office::patch_config(office, actor_of(c), config_file(env), changes, &errors);
  return applied(r, errors);
}

Reply reload(ApiEnv& env, const Call& c) {
  if (auto st = office::reload_config(actor_of(c), config_file(env)); !st) {
    json::array details;
    std::string_view rest = st.error().message;
    while (!rest.empty()) {
      auto nl = rest.find('\n');
      if (nl != 0)
        details.push_back(json::string(rest.substr(0, nl)));
      if (nl == std::string_view::npos)
        break;
      rest.remove_prefix(nl + 1);
    }
    return validation_error(
        "重新加载被拒绝，仍使用原配置（reload refused; the previous "
        "configuration stays）",
        env.config_path, std::move(details));
  }
  return ok(json::object{{"reloaded", true}, {"source", env.config()->source}});
}

}  // namespace

void add_config_routes(RouteTable& t) {
  t.add("GET", "/config", show);
  t.add("PUT", "/config", put);
  t.add("PATCH", "/config", patch);
  t.add("POST", "/config/validate", validate);
  t.add("POST", "/config/reload", reload);
}

}  // namespace rectifyd::admin
