#include <iostream>
#include <memory>

#include <boost/json.hpp>

#include "ctl/commands.h"
#include "ctl/table.h"

namespace rectifyd::ctl {

void register_init_commands(CLI::App& app, Context& ctx) {
  auto* init = app.add_subcommand(
      "init", "创建或升级台账数据库 (create the database, or migrate it to the latest schema)");
  init->callback([&ctx] {
    ctx.run([&]() -> Status {
      auto db = ctx.db();
      if (!db)
        return db.error();
      int version = (*db)->schema_version();
      if (ctx.json()) {
        boost::json::object o;
        o["path"] = (*db)->path();
        o["schema_version"] = version;
        print_json(std::cout, o);
      } else {
        std::cout << "台账数据库已就绪：" << (*db)->path() << "（数据结构版本 " << version
                  << "）\n";
      }
      return ok_status();
    });
  });
}

}  // namespace rectifyd::ctl
