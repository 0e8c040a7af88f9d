// rectifyctl user add|passwd|disable: the console's logins. The password is read from standard
// input (one line) or from --password-file, never from the command line, where other users of
// the machine could read it.

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <boost/json.hpp>

#include "ctl/commands.h"
#include "office/users.h"

namespace rectifyd::ctl {
namespace {

/// The first line of --password-file, or of standard input.
Result<std::string> read_password(const std::string& file) {
  std::string line;
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in)
      return Error{"无法读取密码文件 " + file + "（cannot read the password file）"};
    std::getline(in, line);
  } else {
    if (isatty(0))
      std::cerr << "请输入密码（至少 " << office::kMinPasswordLength << " 个字符），回车结束：";
    std::getline(std::cin, line);
  }
  if (!line.empty() && line.back() == '\r')
    line.pop_back();
  if (line.empty())
    return Error{"没有读到密码：请从标准输入或 --password-file 提供（no password given）"};
  return line;
}

void print_user(const office::User& u, bool json, const char* what) {
  if (json) {
    std::cout << boost::json::serialize(boost::json::object{{"name", u.name},
                                                            {"role", office::to_string(u.role)},
                                                            {"disabled", u.disabled}})
              << "\n";
    return;
  }
  std::cout << what << "：" << u.name << "（"
            << (u.role == office::Role::office ? "办公室" : "只读") << "）。\n";
}

}  // namespace

void register_user_commands(CLI::App& app, Context& ctx) {
  auto* user = app.add_subcommand("user", "控制台登录账号 (console logins)");
  user->require_subcommand(1);

  struct Args {
    std::string name, role = "office", password_file;
  };
  auto args = std::make_shared<Args>();

  auto* add = user->add_subcommand("add", "为在册人员开通登录账号 (give a person a login)");
  add->add_option("name", args->name, "姓名 (name)")->required();
  add->add_option("--role", args->role, "office（办公室，可操作）或 viewer（只读）")
      ->check(CLI::IsMember({"office", "viewer"}));
  add->add_option("--password-file", args->password_file, "从文件首行读取密码 (password file)");
  add->callback([&ctx, args] {
    ctx.run([&]() -> Status {
      auto role = office::parse_role(args->role);
      if (!role)
        return role.error();
      auto password = read_password(args->password_file);
      if (!password)
        return password.error();
      auto office = ctx.office();
      if (!office)
        return office.error();
      auto u = office::add_user(**office, ctx.who(), args->name, *role, *password);
      if (!u)
        return u.error();
      print_user(*u, ctx.json(), "已开通登录账号");
      return ok_status();
    });
  });

  auto* passwd = user->add_subcommand("passwd", "重设密码，结束其所有会话 (set a new password)");
  passwd->add_option("name", args->name, "姓名 (name)")->required();
  passwd->add_option("--password-file", args->password_file, "从文件首行读取密码 (password file)");
  passwd->callback([&ctx, args] {
    ctx.run([&]() -> Status {
      auto password = read_password(args->password_file);
      if (!password)
        return password.error();
      auto office = ctx.office();
      if (!office)
        return office.error();
      auto u = office::set_password(**office, ctx.who(), args->name, *password);
      if (!u)
        return u.error();
      print_user(*u, ctx.json(), "已重设密码");
      return ok_status();
    });
  });

  auto* disable = user->add_subcommand("disable", "停用登录账号，结束其所有会话 (disable a login)");
  disable->add_option("name", args->name, "姓名 (name)")->required();
  disable->callback([&ctx, args] {
    ctx.run([&]() -> Status {
      auto office = ctx.office();
      if (!office)
        return office.error();
      auto u = office::disable_user(**office, ctx.who(), args->name);
      if (!u)
        return u.error();
      print_user(*u, ctx.json(), "已停用登录账号");
      return ok_status();
    });
  });
}

}  // namespace rectifyd::ctl
