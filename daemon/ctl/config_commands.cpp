// rectifyctl config validate|show|diff|default|put|set|reload: check a configuration file
// before the daemon loads it, read one back with its secrets redacted, and (through a running
// rectifyd) replace it, change some keys of it, or reload it.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <boost/json.hpp>

#include "config/config_diff.h"
#include "config/config_load.h"
#include "config/default_config.h"
#include "ctl/commands.h"
#include "ctl/table.h"
#include "store/ledger_store.h"

namespace rectifyd::ctl {
namespace {

boost::json::object diagnostic_json(const config::Diagnostic& d) {
  return {{"file", d.file}, {"line", d.line}, {"column", d.column}, {"message", d.message}};
}

/// The names of the people in the database, when one exists already (never creates one), or
/// known to the running rectifyd with --url.
std::optional<std::vector<std::string>> people_in_database(Context& ctx) {
  if (ctx.remote()) {
    auto backend = ctx.backend();
    if (!backend)
      return std::nullopt;
    auto people = (*backend)->people();
    if (!people)
      return std::nullopt;
    std::vector<std::string> names;
    for (const auto& p : *people)
      names.push_back(p.name);
    return names;
  }
  auto path = ctx.db_path();
  std::error_code ec;
  if (!path || !std::filesystem::exists(*path, ec))
    return std::nullopt;
  auto db = ctx.db();
  if (!db)
    return std::nullopt;
  store::LedgerStore store(**db);
  auto people = store.people();
  if (!people)
    return std::nullopt;
  std::vector<std::string> names;
  for (const auto& p : *people)
    names.push_back(p.name);
  return names;
}

/// Prints every error (and warnings about unknown people); exits with status 1 on errors.
void validate(Context& ctx, const std::string& file) {
  auto loaded = config::load_config_file(file);
  std::vector<config::Diagnostic> warnings;
  if (loaded.ok()) {
    if (auto names = people_in_database(ctx))
      warnings = config::check_against_people(*loaded.config, *names);
  }
  if (ctx.json()) {
    boost::json::array errors;
    for (const auto& d : loaded.errors)
      errors.push_back(diagnostic_json(d));
    boost::json::array warns;
    for (const auto& d : warnings)
      warns.push_back(diagnostic_json(d));
    print_json(std::cout, boost::json::object{{"file", file},
                                              {"ok", loaded.ok()},
                                              {"errors", std::move(errors)},
                                              {"warnings", std::move(warns)}});
  } else {
    for (const auto& d : loaded.errors)
      std::cerr << config::to_string(d) << "\n";
    for (const auto& d : warnings)
      std::cerr << config::to_string(d) << "（警告 warning）\n";
    if (loaded.ok())
      std::cout << "配置有效：" << file << "\n";
    else
      std::cerr << "共 " << loaded.errors.size() << " 处错误，请逐条修改后重新检查（"
                << loaded.errors.size() << " error(s)）。\n";
  }
  if (!loaded.ok())
    throw CLI::RuntimeError(1);
}

Result<config::Config> load_or_current(Context& ctx, const std::string& file) {
  if (file.empty()) {
    auto current = ctx.config();
    if (!current)
      return current.error();
    return **current;
  }
  auto loaded = config::load_config_file(file);
  if (!loaded.ok())
    return Error{"配置文件有误（configuration errors）：\n" + loaded.error_text()};
  return std::move(*loaded.config);
}

Result<std::string> read_input(const std::string& path) {
  std::ostringstream s;
  if (path == "-") {
    s << std::cin.rdbuf();
    return s.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{"无法读取文件 " + path + "（cannot read " + path + "）"};
  s << in.rdbuf();
  return s.str();
}

/// What a written configuration changed: one line per key, or the API's JSON.
Status report_applied(Context& ctx, const Result<ConfigApplied>& r, const std::string& done_zh) {
  if (!r)
    return r.error();
  if (ctx.json()) {
    print_json(std::cout, r->json);
    return ok_status();
  }
  std::cout << done_zh << "\n";
  for (const auto& line : r->changes)
    std::cout << "  " << line << "\n";
  return ok_status();
}

}  // namespace

void register_config_commands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand("config", "配置文件：检查、查看、比较 (configuration)");
  group->require_subcommand(1);

  auto file = std::make_shared<std::string>();
  auto* v = group->add_subcommand(
      "validate", "检查配置文件，列出全部错误及行列号 (check a file; exit 1 on any error)");
  v->add_option("file", *file, "配置文件 (configuration file)")->required();
  v->callback([&ctx, file] { validate(ctx, *file); });

  auto show_file = std::make_shared<std::string>();
  auto* s = group->add_subcommand(
      "show", "显示生效的配置，密钥只显示来源 (print the configuration, secrets redacted)");
  s->add_option("file", *show_file, "配置文件，默认为当前使用的配置 (default: the one in use)");
  s->callback([&ctx, show_file] {
    ctx.run([&]() -> Status {
      if (show_file->empty()) {
        auto backend = ctx.backend();
        if (!backend)
          return backend.error();
        auto c = (*backend)->config();
        if (!c)
          return c.error();
        if (ctx.json())
          print_json(std::cout, c->settings);
        else
          std::cout << c->toml;
        return ok_status();
      }
      auto c = load_or_current(ctx, *show_file);
      if (!c)
        return c.error();
      if (ctx.json())
        print_json(std::cout, config::redacted_json(*c));
      else
        std::cout << config::redacted_toml(*c);
      return ok_status();
    });
  });

  auto before = std::make_shared<std::string>();
  auto after = std::make_shared<std::string>();
  auto* d = group->add_subcommand(
      "diff", "比较两个配置文件，每个改动一行 (one line per changed key, secrets redacted)");
  d->add_option("before", *before, "原配置文件 (old file)")->required();
  d->add_option("after", *after, "新配置文件 (new file)")->required();
  d->callback([&ctx, before, after] {
    ctx.run([&]() -> Status {
      auto a = load_or_current(ctx, *before);
      if (!a)
        return a.error();
      auto b = load_or_current(ctx, *after);
      if (!b)
        return b.error();
      auto lines = config::diff(*a, *b);
      if (ctx.json()) {
        boost::json::array out;
        for (const auto& line : lines)
          out.emplace_back(line);
        print_json(std::cout, out);
      } else if (lines.empty()) {
        std::cout << "两个配置相同（no differences）。\n";
      } else {
        for (const auto& line : lines)
          std::cout << line << "\n";
      }
      return ok_status();
    });
  });

  group
      ->add_subcommand("default",
                       "输出带注释的默认配置文件 (print the documented default configuration)")
      ->callback([] { std::cout << config::default_config_text(); });

  auto put_file = std::make_shared<std::string>();
  auto* put = group->add_subcommand(
      "put", "以文件替换运行中 rectifyd 的配置并重新加载，须 --url (replace the file and reload)");
  put->add_option("file", *put_file, "新配置文件，- 为标准输入 (new configuration file)")
      ->required();
  put->callback([&ctx, put_file] {
    ctx.run([&]() -> Status {
      auto backend = ctx.backend();
      if (!backend)
        return backend.error();
      auto text = read_input(*put_file);
      if (!text)
        return text.error();
      return report_applied(ctx, (*backend)->put_config(*text), "新配置已生效。");
    });
  });

  auto assignments = std::make_shared<std::vector<std::string>>();
  auto* set = group->add_subcommand(
      "set", "修改运行中 rectifyd 的若干配置项：KEY=VALUE（VALUE 为 JSON 或文本），须 --url");
  set->add_option("assignments", *assignments, "如 meeting.start=16:00")->required();
  set->callback([&ctx, assignments] {
    ctx.run([&]() -> Status {
      boost::json::object changes;
      for (const auto& a : *assignments) {
        auto eq = a.find('=');
        if (eq == std::string::npos || eq == 0)
          return Error{"应为 KEY=VALUE，例如 meeting.start=16:00，收到“" + a + "”"};
        const std::string value = a.substr(eq + 1);
        boost::system::error_code ec;
        boost::json::value parsed = boost::json::parse(value, ec);
        changes[a.substr(0, eq)] = ec ? boost::json::value(value) : parsed;
      }
      auto backend = ctx.backend();
      if (!backend)
        return backend.error();
      return report_applied(ctx, (*backend)->patch_config(changes), "配置已修改并生效。");
    });
  });

  group->add_subcommand("reload", "让运行中的 rectifyd 重新加载配置文件，须 --url (reload)")
      ->callback([&ctx] {
        ctx.run([&]() -> Status {
          auto backend = ctx.backend();
          if (!backend)
            return backend.error();
          return report_applied(ctx, (*backend)->reload_config(), "配置已重新加载。");
        });
      });
}

}  // namespace rectifyd::ctl
