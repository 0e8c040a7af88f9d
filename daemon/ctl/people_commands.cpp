#include <iostream>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "core/names.h"
#include "ctl/commands.h"
#include "ctl/table.h"
#include "ledger/ledger_json.h"

namespace rectifyd::ctl {
namespace {

/// The fields a person can be given on the command line; each option remembers whether it was
/// given, so `edit` changes only those.
struct PersonOptions {
  std::string name;
  std::string title, department, email, mobile, wecom, dingtalk, feishu, roles, tz;
  bool active = true;
  std::string rename;
  std::vector<std::pair<CLI::Option*, std::string*>> text_fields;
  CLI::Option* roles_opt = nullptr;
  CLI::Option* active_opt = nullptr;

  void add(CLI::App* cmd, bool editing) {
    auto text = [&](const char* flag, std::string& field, const char* help) {
      text_fields.emplace_back(cmd->add_option(flag, field, help), &field);
    };
    text("--title", title, "职务 (title)");
    text("--department", department, "部门 (department)");
    text("--email", email, "电子邮箱 (email)");
    text("--mobile", mobile, "手机号 (mobile)");
    text("--wecom", wecom, "企业微信 userid (WeCom user id)");
    text("--dingtalk", dingtalk, "钉钉 userid (DingTalk user id)");
    text("--feishu", feishu, "飞书 open_id (Feishu id)");
    text("--tz", tz, "本人时区，空为单位时区 (own time zone)");
    roles_opt = cmd->add_option(
        "--roles", roles, "角色: owner,leader,chief,office (责任人/责任领导/第一责任人/办公室)");
    if (editing) {
      active_opt = cmd->add_option("--active", active, "在岗 true/false (active)");
      cmd->add_option("--rename", rename, "改名为 (new name)");
    }
  }

  /// Applies the given options to p.
  Status apply(Person& p) const {
    auto field_of = [&](const std::string* f) -> std::string& {
      if (f == &title)
        return p.title;
      if (f == &department)
        return p.department;
      if (f == &email)
        return p.email;
      if (f == &mobile)
        return p.mobile;
      if (f == &wecom)
        return p.wecom_id;
      if (f == &dingtalk)
        return p.dingtalk_id;
      if (f == &feishu)
        return p.feishu_id;
      return p.time_zone;
    };
    for (const auto& [opt, value] : text_fields) {
      if (opt->count() > 0)
        field_of(value) = *value;
    }
    if (roles_opt->count() > 0) {
      auto r = parse_roles(roles);
      if (!r) {
        return Error{"--roles：无法识别“" + roles +
                     "”，可用 owner、leader、chief、office，用逗号分隔（--roles: expected "
                     "owner, leader, chief, office separated by commas）"};
      }
      p.roles = *r;
    }
    if (active_opt && active_opt->count() > 0)
      p.active = active;
    if (!rename.empty())
      p.name = rename;
    return ok_status();
  }
};

void print_person(const Person& p, bool json) {
  if (json) {
    print_json(std::cout, ledger::to_json(p));
    return;
  }
  std::cout << "人员 " << p.id << "：" << p.name;
  if (!p.title.empty())
    std::cout << "（" << p.title << "）";
  std::cout << "\n";
}

/// The person of this name, through the backend; not_found naming it otherwise.
Result<Person> named(Backend& b, const std::string& name) {
  auto found = b.person_by_name(name);
  if (!found)
    return found.error();
  if (!*found)
    return Error{"没有名为“" + name + "”的人员（no person named \"" + name + "\"）",
                 ErrorKind::not_found};
  return **found;
}

}  // namespace

void register_people_commands(CLI::App& app, Context& ctx) {
  auto* people = app.add_subcommand("people", "人员名单 (people)");
  people->require_subcommand(1);

  auto* list = people->add_subcommand("list", "列出人员 (list people)");
  auto role = std::make_shared<std::string>();
  list->add_option("--role", *role, "只列出此角色 (only this role): owner|leader|chief|office");
  list->callback([&ctx, role] {
    ctx.run([&]() -> Status {
      std::optional<Role> want;
      if (!role->empty()) {
        want = parse_role(*role);
        if (!want) {
          return Error{"--role：无法识别“" + *role +
                       "”，可用 owner、leader、chief、office（--role: unknown role）"};
        }
      }
      auto backend = ctx.backend();
      if (!backend)
        return backend.error();
      auto all = (*backend)->people();
      if (!all)
        return all.error();
      boost::json::array arr;
      Table t({"编号", "姓名", "职务", "部门", "角色", "邮箱", "手机", "在岗"});
      for (const auto& p : *all) {
        if (want && !p.roles.has(*want))
          continue;
        arr.push_back(ledger::to_json(p));
        t.add_row({std::to_string(p.id), p.name, p.title, p.department, roles_to_string(p.roles),
                   p.email, p.mobile, p.active ? "是" : "否"});
      }
      if (ctx.json()) {
        boost::json::object o;
        o["people"] = std::move(arr);
        print_json(std::cout, o);
      } else if (t.empty()) {
        std::cout << "没有人员。可用 rectifyctl people add 添加。\n";
      } else {
        t.print(std::cout);
      }
      return ok_status();
    });
  });

  auto* add = people->add_subcommand("add", "添加人员 (add a person)");
  auto add_opts = std::make_shared<PersonOptions>();
  add->add_option("name", add_opts->name, "姓名 (name)")->required();
  add_opts->add(add, false);
  add->callback([&ctx, add_opts] {
    ctx.run([&]() -> Status {
      Person p;
      p.name = add_opts->name;
      if (auto st = add_opts->apply(p); !st)
        return st;
      auto backend = ctx.backend();
      if (!backend)
        return backend.error();
      auto added = (*backend)->add_person(p);
      if (!added)
        return added.error();
      print_person(*added, ctx.json());
      return ok_status();
    });
  });

  auto* edit = people->add_subcommand("edit", "修改人员 (change a person; only the options given)");
  auto edit_opts = std::make_shared<PersonOptions>();
  edit->add_option("name", edit_opts->name, "姓名 (name)")->required();
  edit_opts->add(edit, true);
  edit->callback([&ctx, edit_opts] {
    ctx.run([&]() -> Status {
      auto backend = ctx.backend();
      if (!backend)
        return backend.error();
      auto found = named(**backend, edit_opts->name);
      if (!found)
        return found.error();
      Person p = *found;
      if (auto st = edit_opts->apply(p); !st)
        return st;
      auto updated = (*backend)->edit_person(p);
      if (!updated)
        return updated.error();
      print_person(*updated, ctx.json());
      return ok_status();
    });
  });

  auto* deactivate = people->add_subcommand(
      "deactivate", "停用人员：不再收到消息，不能再作为责任人 (deactivate a person)");
  auto gone = std::make_shared<std::string>();
  deactivate->add_option("name", *gone, "姓名 (name)")->required();
  deactivate->callback([&ctx, gone] {
    ctx.run([&]() -> Status {
      auto backend = ctx.backend();
      if (!backend)
        return backend.error();
      auto found = named(**backend, *gone);
      if (!found)
        return found.error();
      auto p = (*backend)->deactivate_person(found->id);
      if (!p)
        return p.error();
      if (ctx.json())
        print_person(*p, true);
      else
        std::cout << "已停用人员 " << p->id << "：" << p->name << "。\n";
      return ok_status();
    });
  });
}

}  // namespace rectifyd::ctl
