// rectifyctl link revoke NAME: the office retires every personal link of a person (a phone
// lost, a message forwarded). Their next message carries a new link.

#include <iostream>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "ctl/commands.h"
#include "ctl/lookup.h"
#include "office/personal_links.h"

namespace rectifyd::ctl {

void register_link_commands(CLI::App& app, Context& ctx) {
  auto* link = app.add_subcommand("link", "责任人个人链接 (owners' personal links)");
  link->require_subcommand(1);
  auto name = std::make_shared<std::string>();
  auto* revoke = link->add_subcommand("revoke", "作废某人的全部个人链接 (revoke a person's links)");
  revoke->add_option("name", *name, "姓名 (name)")->required();
  revoke->callback([&ctx, name] {
    ctx.run([&]() -> Status {
      auto office = ctx.office();
      if (!office)
        return office.error();
      store::LedgerStore store((*office)->db());
      auto id = person_id(store, *name, "name");
      if (!id)
        return id.error();
      auto n = office::revoke_links(**office, ctx.who(), *id);
      if (!n)
        return n.error();
      if (ctx.json())
        std::cout << boost::json::serialize(boost::json::object{{"name", *name}, {"revoked", *n}})
                  << "\n";
      else
        std::cout << "已作废" << *name << "的 " << *n << " 个个人链接；下一条消息将附新的链接。\n";
      return ok_status();
    });
  });
}

}  // namespace rectifyd::ctl
