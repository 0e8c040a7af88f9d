// rectifyctl import plan|csv|people|demo and export csv|people: the ledger in and out of files.
// Imports are all or nothing; on bad input every error goes to stderr, nothing is written and
// the exit status is 1.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

#include <boost/json.hpp>

#include "core/atomic_file.h"
#include "ctl/commands.h"
#include "ctl/table.h"
#include "ledger_io/ledger_csv.h"
#include "ledger_io/people_csv.h"
#include "ledger_io/plan_import.h"
#include "ledger_io/plan_text.h"
#include "ledger_io/plan_tree.h"
#include "office/imports.h"
#include "store/demo_import.h"
#include "store/ledger_import.h"
#include "store/people_import.h"
#include "time/zone.h"

namespace rectifyd::ctl {
namespace {

/// The whole file, or standard input for "-".
Result<std::string> read_input(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), {});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{"无法读取文件 " + path + "（cannot read " + path + "）"};
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad())
    return Error{"读取文件 " + path + " 时出错（cannot read " + path + "）"};
  return s.str();
}

/// The name errors use for an input: its file name, or "stdin".
std::string source_name(const std::string& path) {
  return path == "-" ? std::string("stdin") : std::filesystem::path(path).filename().string();
}

Error import_failed(const Error& e) {
  return Error{"导入失败，未写入任何数据（import failed, nothing was written）：\n" + e.message};
}

/// Writes to standard output, or to a file replaced whole only once everything is written.
Status write_output(const std::string& path, const std::function<Status(std::ostream&)>& body) {
  if (path.empty() || path == "-") {
    auto st = body(std::cout);
    std::cout.flush();
    return st;
  }
  std::ostringstream out;
  if (auto st = body(out); !st)
    return st;
  return write_file_atomically(path, out.str());
}

}  // namespace

void register_io_commands(CLI::App& app, Context& ctx) {
  auto* import =
      app.add_subcommand("import", "导入方案、台账或人员 (import a plan, ledger or people)");
  import->require_subcommand(1);

  // import plan FILE [--round NAME] [--dry-run]
  auto* plan = import->add_subcommand(
      "plan", "导入整改方案文本 (import a plan text: （一）…方面 / 问题N： / 一是…)");
  auto plan_file = std::make_shared<std::string>();
  auto round = std::make_shared<std::string>("巡察整改");
  auto dry_run = std::make_shared<bool>(false);
  plan->add_option("file", *plan_file, "方案文本文件，UTF-8；- 为标准输入 (plan text file)")
      ->required();
  plan->add_option("--round", *round, "巡察轮次名称 (round name)")->capture_default_str();
  plan->add_flag("--dry-run", *dry_run,
                 "只显示将导入的方面、问题和措施，不写入 (show the tree, write nothing)");
  plan->callback([&ctx, plan_file, round, dry_run] {
    ctx.run([&]() -> Status {
      auto text = read_input(*plan_file);
      if (!text)
        return text.error();
      auto parsed = office::preview_plan(*text, source_name(*plan_file));
      if (!parsed)
        return import_failed(parsed.error());
      if (*dry_run) {
        if (ctx.json())
          print_json(std::cout, ledger_io::plan_tree_json(*parsed));
        else
          std::cout << ledger_io::plan_tree_text(*parsed) << "（试导入，未写入任何数据）\n";
        return ok_status();
      }
      auto o = ctx.office();
      if (!o)
        return o.error();
      auto s = office::import_plan(**o, ctx.who(), *text, source_name(*plan_file), *round);
      if (!s)
        return import_failed(s.error());
      if (ctx.json()) {
        boost::json::array warnings;
        for (const auto& n : s->notes)
          warnings.push_back(boost::json::string(n));
        print_json(std::cout, boost::json::object{{"round_id", s->round_id},
                                                  {"round", *round},
                                                  {"categories", s->categories},
                                                  {"problems", s->problems},
                                                  {"measures", s->measures},
                                                  {"warnings", std::move(warnings)}});
      } else {
        for (const auto& n : s->notes)
          std::cerr << "注意：" << n << "\n";
        std::cout << "已导入整改方案“" << *round << "”："
                  << ledger_io::plan_counts_text(s->categories, s->problems, s->measures)
                  << "。请用 rectifyctl import csv 或 measure assign 补齐责任人和时限。\n";
      }
      return ok_status();
    });
  });

  // import csv FILE
  auto* csv = import->add_subcommand("csv", "导入台账 CSV (import the ledger CSV)");
  auto csv_file = std::make_shared<std::string>();
  csv->add_option("file", *csv_file,
                  "台账 CSV，表头 category,problem_no,problem,leader,measure_no,measure,owner,"
                  "due,status,…；- 为标准输入 (ledger CSV)")
      ->required();
  csv->callback([&ctx, csv_file] {
    ctx.run([&]() -> Status {
      auto text = read_input(*csv_file);
      if (!text)
        return text.error();
      auto o = ctx.office();
      if (!o)
        return o.error();
      auto s = office::import_ledger(**o, ctx.who(), *text, source_name(*csv_file));
      if (!s)
        return import_failed(s.error());
      if (ctx.json()) {
        print_json(std::cout, boost::json::object{{"round_id", s->round_id},
                                                  {"rows", s->rows},
                                                  {"categories_created", s->categories_created},
                                                  {"problems_created", s->problems_created},
                                                  {"measures_created", s->measures_created},
                                                  {"measures_updated", s->measures_updated},
                                                  {"measures_unchanged", s->measures_unchanged},
                                                  {"encoding", to_string(s->encoding)}});
      } else {
        std::cout << ledger_io::import_summary_zh(*s);
      }
      return ok_status();
    });
  });

  // import people FILE
  auto* people = import->add_subcommand("people", "导入人员 CSV (import the people CSV)");
  auto people_file = std::make_shared<std::string>();
  people
      ->add_option("file", *people_file,
                   "人员 CSV，表头 name,title,department,email,mobile,wecom_id,dingtalk_id,"
                   "feishu_id,roles,time_zone；- 为标准输入 (people CSV)")
      ->required();
  people->callback([&ctx, people_file] {
    ctx.run([&]() -> Status {
      auto text = read_input(*people_file);
      if (!text)
        return text.error();
      auto o = ctx.office();
      if (!o)
        return o.error();
      auto s = office::import_people(**o, ctx.who(), *text, source_name(*people_file));
      if (!s)
        return import_failed(s.error());
      if (ctx.json()) {
        print_json(std::cout,
                   boost::json::object{
                       {"rows", s->rows}, {"created", s->created}, {"updated", s->updated}});
      } else {
        std::cout << "已导入人员 " << s->rows << " 人：新增 " << s->created << " 人，更新 "
                  << s->updated << " 人。\n";
      }
      return ok_status();
    });
  });

  // import demo
  auto* demo = import->add_subcommand(
      "demo", "载入演示台账（仅当台账为空）(load the demo ledger into an empty ledger)");
  demo->callback([&ctx] {
    ctx.run([&]() -> Status {
      auto config = ctx.config();
      if (!config)
        return config.error();
      auto zone = find_zone((*config)->unit.time_zone);
      if (!zone)
        return zone.error();
      auto db = ctx.db();
      if (!db)
        return db.error();
      auto s = store::load_demo(**db, ctx.clock().now(), *zone, ctx.actor());
      if (!s)
        return s.error();
      if (ctx.json()) {
        print_json(std::cout, boost::json::object{{"loaded", s->loaded},
                                                  {"people", s->people.rows},
                                                  {"problems", s->ledger.problems_created},
                                                  {"measures", s->ledger.measures_created}});
      } else if (!s->loaded) {
        std::cout << "台账已有数据，未载入演示台账。\n";
      } else {
        std::cout << "已载入演示台账：" << s->people.rows << " 名人员、"
                  << s->ledger.problems_created << " 个问题、" << s->ledger.measures_created
                  << " 条措施，时限以今天为准（有已逾期、今天到期和即将到期的事项）。\n";
      }
      return ok_status();
    });
  });

  auto* exp = app.add_subcommand("export", "导出台账或人员 (export the ledger or people)");
  exp->require_subcommand(1);

  // export csv [-o FILE]
  auto* exp_csv = exp->add_subcommand("csv", "导出台账 CSV，可再导入 (export the ledger as CSV)");
  auto csv_out = std::make_shared<std::string>();
  auto bom = std::make_shared<bool>(false);
  exp_csv->add_option("-o,--output", *csv_out, "输出文件，默认标准输出 (output file; stdout)");
  exp_csv->add_flag("--bom", *bom,
                    "文件开头加 UTF-8 BOM，便于 Excel 识别中文 (start with a UTF-8 BOM for Excel)");
  exp_csv->callback([&ctx, csv_out, bom] {
    ctx.run([&]() -> Status {
      auto db = ctx.db();
      if (!db)
        return db.error();
      auto st = write_output(*csv_out, [&](std::ostream& out) {
        if (*bom)
          out << "\xEF\xBB\xBF";
        return store::export_ledger_csv(**db, out);
      });
      if (st && !csv_out->empty() && *csv_out != "-")
        std::cerr << "已导出台账到 " << *csv_out << "\n";
      return st;
    });
  });

  // export people [-o FILE]
  auto* exp_people = exp->add_subcommand("people", "导出人员 CSV (export people as CSV)");
  auto people_out = std::make_shared<std::string>();
  exp_people->add_option("-o,--output", *people_out,
                         "输出文件，默认标准输出 (output file; stdout)");
  exp_people->callback([&ctx, people_out] {
    ctx.run([&]() -> Status {
      auto db = ctx.db();
      if (!db)
        return db.error();
      auto st = write_output(
          *people_out, [&](std::ostream& out) { return store::export_people_csv(**db, out); });
      if (st && !people_out->empty() && *people_out != "-")
        std::cerr << "已导出人员到 " << *people_out << "\n";
      return st;
    });
  });
}

}  // namespace rectifyd::ctl
