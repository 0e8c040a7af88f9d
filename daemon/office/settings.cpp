#include "office/settings.h"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "config/config_diff.h"
#include "config/config_file.h"
#include "config/secret_mask.h"
#include "config/toml_patch.h"
#include "core/atomic_file.h"

namespace rectifyd::office {
namespace json = boost::json;
namespace {

/// The name diagnostics use for a candidate: the configuration file's own path.
std::string candidate_name(const ConfigFile& f) {
  return f.path.empty() ? std::string("rectifyd.toml") : f.path;
}

/// The editor's text with its placeholders given back their values from the file.
config::MaskedText unmasked(const ConfigFile& f, const std::string& edited) {
  std::string current;
  if (!f.path.empty()) {
    if (auto t = read_text_file(f.path))
      current = std::move(*t);
  }
  return config::restore_secrets(edited, current, candidate_name(f));
}

Error refused(const std::vector<config::Diagnostic>& errors, std::vector<config::Diagnostic>* out) {
  const auto& first = errors.front();
  if (out)
    *out = errors;
  return invalid(
      "配置有 " + std::to_string(errors.size()) +
          " 处错误，未作任何修改（the configuration has errors; nothing changed）：" +
          config::to_string(first),
      first.file + ":" + std::to_string(first.line) + ":" + std::to_string(first.column));
}

Error no_file() {
  return conflict(
      "rectifyd 正以内置默认配置运行，没有可写的配置文件（running on the embedded default "
      "configuration: there is no file to write）");
}

/// Checks the complete text, writes it over the file and reloads.
Result<ConfigApplied> apply(Office& o, const Actor& actor, const ConfigFile& f,
                            const std::string& text, std::vector<config::Diagnostic>* errors) {
  if (f.path.empty())
    return no_file();
  config::LoadResult r = config::load_config_text(text, f.path);
  if (!r.ok())
    return refused(r.errors, errors);
  const std::vector<std::string> changes = config::diff(*o.config(), *r.config);
  if (auto st = config::replace_file_atomically(f.path, text); !st) {
    spdlog::error("config: cannot write {}: {}", f.path, st.error().message);
    return Error{"无法写入配置文件，未作任何修改（cannot write the configuration file）：" +
                     st.error().message,
                 ErrorKind::internal};
  }
  spdlog::info("config: {} wrote {} ({} change(s)); reloading", actor.name, f.path, changes.size());
  if (auto st = f.reload(actor.name); !st) {
    // Valid a moment ago, refused now (a secret file went away): the old file goes back.
    if (auto back = config::restore_backup(f.path); !back)
      spdlog::error("config: cannot put back the previous configuration: {}", back.error().message);
    return invalid(
        "新配置未能生效，已恢复原配置文件（the reload refused the new file; the previous file "
        "was restored）：" +
        st.error().message);
  }
  return ConfigApplied{o.config()->source, f.path + ".bak", changes};
}

}  // namespace

ConfigText config_text(const ConfigFile& f) {
  ConfigText out{f.path, std::nullopt, ""};
  if (f.path.empty())
    return out;
  auto text = read_text_file(f.path);
  if (!text) {
    out.error = text.error().message;
    return out;
  }
  config::MaskedText masked = config::mask_secrets(*text, f.path);
  if (!masked.ok()) {
    out.error = config::to_string(masked.errors.front());
    return out;
  }
  out.text = std::move(masked.text);
  return out;
}

ConfigCheck check_config(const Office& o, const ConfigFile& f, const std::string& edited) {
  ConfigCheck out;
  config::MaskedText text = unmasked(f, edited);
  if (!text.ok()) {
    out.errors = text.errors;
    return out;
  }
  config::LoadResult r = config::load_config_text(text.text, candidate_name(f));
  if (!r.ok()) {
    out.errors = r.errors;
    return out;
  }
  out.changes = config::diff(*o.config(), *r.config);
  return out;
}

Result<ConfigApplied> replace_config(Office& o, const Actor& actor, const ConfigFile& f,
                                     const std::string& edited,
                                     std::vector<config::Diagnostic>* errors) {
  config::MaskedText text = unmasked(f, edited);
  if (!text.ok())
    return refused(text.errors, errors);
  return apply(o, actor, f, text.text, errors);
}

Result<ConfigApplied> patch_config(Office& o, const Actor& actor, const ConfigFile& f,
                                   const json::object& changes,
                                   std::vector<config::Diagnostic>* errors) {
  if (f.path.empty())
    return no_file();
  auto current = read_text_file(f.path);
  if (!current)
    return Error{current.error().message, ErrorKind::internal};
  auto patched = config::patch_toml_text(*current, changes);
  if (!patched) {
    const std::string& m = patched.error().message;
    return invalid(m, m.substr(0, m.find(':')));
  }
  return apply(o, actor, f, *patched, errors);
}

Status reload_config(const Actor& actor, const ConfigFile& f) {
  if (auto st = f.reload(actor.name); !st)
    return invalid(st.error().message);
  return ok_status();
}

}  // namespace rectifyd::office
