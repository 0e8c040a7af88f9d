// /api/v1/config: the configuration in force (secrets redacted), validation of a candidate file,
// replacing the file whole (PUT) or some keys of it (PATCH), and a reload. A new file is
// validated first, written atomically with the previous one kept as <file>.bak, then applied
// through the daemon's reload, the path SIGHUP takes; its audit row holds the redacted diff
// and the actor. If the reload refuses the file after all, the previous file is put back.

#include <filesystem>

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "admin/config_file.h"
#include "admin/routes.h"
#include "admin/toml_patch.h"
#include "config/config_diff.h"
#include "config/config_load.h"
#include "config/secret_mask.h"

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

Reply invalid(const config::LoadResult& r) {
  return invalid(r.errors);
}

/// The name diagnostics use for a candidate: the configuration file's own path.
std::string candidate_name(const ApiEnv& env) {
  return env.config_path.empty() ? std::string("rectifyd.toml") : env.config_path;
}

/// The editor's text with its kept-secret placeholders given back their values from the file.
config::MaskedText unmasked(const ApiEnv& env, const std::string& text) {
  std::string current;
  if (!env.config_path.empty()) {
    if (auto t = read_text_file(env.config_path))
      current = std::move(*t);
  }
  return config::restore_secrets(text, current, candidate_name(env));
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
    auto text = read_text_file(env.config_path);
    config::MaskedText masked =
        text ? config::mask_secrets(*text, env.config_path) : config::MaskedText{};
    if (text && masked.ok())
      out["file"] = json::object{{"path", env.config_path}, {"text", masked.text}};
    else
      out["file"] = json::object{
          {"path", env.config_path},
          {"error", text ? config::to_string(masked.errors.front()) : text.error().message}};
  }
  return ok(std::move(out));
}

Reply validate(ApiEnv& env, const Call& c) {
  config::MaskedText text = unmasked(env, c.body);
  if (!text.ok())
    return invalid(text.errors);
  config::LoadResult r = config::load_config_text(text.text, candidate_name(env));
  if (!r.ok())
    return invalid(r);
  return ok(json::object{{"valid", true},
                         {"changes", lines_json(config::diff(*env.config(), *r.config))}});
}

/// Validates `text`, writes it over the configuration file and reloads.
Reply apply(ApiEnv& env, const Call& c, const std::string& text) {
  if (env.config_path.empty())
    return error(http::status::conflict,
                 "rectifyd 正以内置默认配置运行，没有可写的配置文件（running on the embedded "
                 "default configuration: there is no file to write）");
  config::LoadResult r = config::load_config_text(text, env.config_path);
  if (!r.ok())
    return invalid(r);
  const config::Snapshot before = env.config();
  const std::vector<std::string> changes = config::diff(*before, *r.config);
  if (auto st = replace_file_atomically(env.config_path, text); !st) {
    spdlog::error("admin: cannot write {}: {}", env.config_path, st.error().message);
    return error(http::status::internal_server_error,
                 "无法写入配置文件，未作任何修改（cannot write the configuration file）：" +
                     st.error().message);
  }
  spdlog::info("admin: {} wrote {} ({} change(s)); reloading", c.actor, env.config_path,
               changes.size());
  if (auto st = env.reload(c.actor); !st) {
    // Valid a moment ago, refused now (a secret file went away): the old file goes back.
    if (auto back = restore_backup(env.config_path); !back)
      spdlog::error("admin: cannot put back the previous configuration: {}", back.error().message);
    return error(http::status::unprocessable_entity,
                 "新配置未能生效，已恢复原配置文件（the reload refused the new file; the previous "
                 "file was restored）：" +
                     st.error().message);
  }
  return ok(json::object{{"applied", true},
                         {"source", env.config()->source},
                         {"backup", env.config_path + ".bak"},
                         {"changes", lines_json(changes)}});
}

Reply put(ApiEnv& env, const Call& c) {
  if (c.body.empty())
    return error(http::status::bad_request,
                 "请求体应为完整的 TOML 配置文件（the body must be the "
                 "whole TOML file）",
                 "body");
  config::MaskedText text = unmasked(env, c.body);
  if (!text.ok())
    return invalid(text.errors);
  return apply(env, c, text.text);
}

Reply patch(ApiEnv& env, const Call& c) {
  if (env.config_path.empty())
    return apply(env, c, "");
  json::object changes;
  if (auto e = parse_object(c, changes))
    return *e;
  if (changes.empty())
    return error(http::status::bad_request,
                 "请求体应为 {\"键\": 值} 形式的 JSON 对象，例如 {\"meeting.start\": \"16:00\"}",
                 "/");
  auto current = read_text_file(env.config_path);
  if (!current)
    return error(http::status::internal_server_error, current.error().message);
  auto patched = patch_toml_text(*current, changes);
  if (!patched) {
    const std::string& m = patched.error().message;
    return error(http::status::unprocessable_entity, m, m.substr(0, m.find(':')));
  }
  return apply(env, c, *patched);
}

Reply reload(ApiEnv& env, const Call& c) {
  if (auto st = env.reload(c.actor); !st) {
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
