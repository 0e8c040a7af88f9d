// rectifyctl export xlsx, import xlsx, report weekly|final: the papers an office hands on. The
// work is done in daemon/papers, which the admin API calls too.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <boost/json.hpp>

#include "core/atomic_file.h"
#include "core/dates.h"
#include "ctl/commands.h"
#include "ctl/lookup.h"
#include "ctl/table.h"
#include "office/imports.h"
#include "papers/docx.h"
#include "papers/html.h"
#include "papers/ledger_xlsx.h"
#include "papers/papers.h"
#include "time/zone.h"

namespace rectifyd::ctl {
namespace {

Result<std::string> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{"无法读取文件 " + path + "（cannot read " + path + "）"};
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad())
    return Error{"读取文件 " + path + " 时出错（cannot read " + path + "）"};
  return s.str();
}

Result<papers::ViewOptions> view_options(Context& ctx) {
  auto cfg = ctx.config();
  if (!cfg)
    return cfg.error();
  auto zone = find_zone((*cfg)->unit.time_zone);
  if (!zone)
    return zone.error();
  auto colours = colouring(ctx);
  if (!colours)
    return colours.error();
  papers::ViewOptions o;
  o.colouring = std::move(*colours);
  o.zone = *zone;
  return o;
}

void print_import(Context& ctx, const ledger_io::LedgerImportSummary& s) {
  if (ctx.json()) {
    print_json(std::cout, boost::json::object{{"round_id", s.round_id},
                                              {"rows", s.rows},
                                              {"categories_created", s.categories_created},
                                              {"problems_created", s.problems_created},
                                              {"measures_created", s.measures_created},
                                              {"measures_updated", s.measures_updated},
                                              {"measures_unchanged", s.measures_unchanged}});
    return;
  }
  std::cout << ledger_io::import_summary_zh(s);
}

Result<papers::PaperContext> paper_context(Context& ctx) {
  auto cfg = ctx.config();
  if (!cfg)
    return cfg.error();
  auto zone = find_zone((*cfg)->unit.time_zone);
  if (!zone)
    return zone.error();
  auto today = ctx.today();
  if (!today)
    return today.error();
  auto db = ctx.db();
  if (!db)
    return db.error();
  return papers::PaperContext{**db, **cfg, ctx.clock().now(), *today, *zone};
}

Status write_text(const std::string& path, const std::string& text) {
  return write_file_atomically(path, text);
}

/// Writes the paper as .docx, and as HTML and text when asked.
Status write_paper(const papers::Paper& paper, const std::string& docx, const std::string& html,
                   const std::string& text) {
  if (!docx.empty()) {
    if (auto st = papers::write_docx(paper, docx); !st)
      return st;
    std::cerr << "已写出 " << docx << "\n";
  }
  if (!html.empty()) {
    if (auto st = write_text(html, papers::paper_html(paper)); !st)
      return st;
    std::cerr << "已写出 " << html << "\n";
  }
  if (!text.empty()) {
    if (text == "-") {
      std::cout << papers::paper_text(paper);
    } else {
      if (auto st = write_text(text, papers::paper_text(paper)); !st)
        return st;
      std::cerr << "已写出 " << text << "\n";
    }
  }
  return ok_status();
}

}  // namespace

void register_paper_commands(CLI::App& app, Context& ctx) {
  // export xlsx FILE
  auto* exp = app.get_subcommand("export");
  auto* xlsx_out = exp->add_subcommand(
      "xlsx", "导出 Excel 台账：台账、统计和四个清单，可再导入 (export the ledger workbook)");
  auto out_file = std::make_shared<std::string>();
  xlsx_out->add_option("file", *out_file, "输出文件 .xlsx (output file)")->required();
  xlsx_out->callback([&ctx, out_file] {
    ctx.run([&]() -> Status {
      auto o = view_options(ctx);
      if (!o)
        return o.error();
      auto db = ctx.db();
      if (!db)
        return db.error();
      if (auto st = papers::export_ledger_xlsx(**db, *o, *out_file); !st)
        return st;
      std::cerr << "已导出 Excel 台账到 " << *out_file << "\n";
      return ok_status();
    });
  });

  // import xlsx FILE
  auto* imp = app.get_subcommand("import");
  auto* xlsx_in = imp->add_subcommand(
      "xlsx",
      "导入 Excel 台账（导出的格式，可在 Excel 或 WPS 中修改）(import the ledger workbook)");
  auto in_file = std::make_shared<std::string>();
  xlsx_in->add_option("file", *in_file, "Excel 台账 .xlsx (workbook)")->required();
  xlsx_in->callback([&ctx, in_file] {
    ctx.run([&]() -> Status {
      auto bytes = read_bytes(*in_file);
      if (!bytes)
        return bytes.error();
      auto o = ctx.office();
      if (!o)
        return o.error();
      auto s = office::import_ledger_xlsx(**o, ctx.who(), *bytes,
                                          std::filesystem::path(*in_file).filename().string());
      if (!s)
        return Error{"导入失败，未写入任何数据（import failed, nothing was written）：\n" +
                     s.error().message};
      print_import(ctx, *s);
      return ok_status();
    });
  });

  auto* report = app.add_subcommand("report", "写出通报和整改情况报告 (write the papers)");
  report->require_subcommand(1);

  // report weekly --date D [-o FILE.docx] [--html FILE] [--text FILE]
  auto* weekly = report->add_subcommand(
      "weekly", "每周推进会后的整改进展通报：Word 和可打印的网页 (the weekly 通报)");
  auto day = std::make_shared<std::string>();
  auto weekly_docx = std::make_shared<std::string>();
  auto weekly_html = std::make_shared<std::string>();
  auto weekly_text = std::make_shared<std::string>();
  weekly->add_option("--date", *day, "推进会日期 YYYY-MM-DD，默认今天 (the meeting day)");
  weekly->add_option("-o,--output", *weekly_docx, "Word 文件 .docx (output)");
  weekly->add_option("--html", *weekly_html, "可打印的网页 .html (printable page)");
  weekly->add_option("--text", *weekly_text, "纯文本，- 为标准输出 (plain text)");
  weekly->callback([&ctx, day, weekly_docx, weekly_html, weekly_text] {
    ctx.run([&]() -> Status {
      auto pc = paper_context(ctx);
      if (!pc)
        return pc.error();
      LocalDate d = pc->today;
      if (!day->empty()) {
        auto parsed = parse_date_arg(*day, "--date");
        if (!parsed)
          return parsed.error();
        d = *parsed;
      }
      auto paper = papers::make_weekly_report(*pc, d);
      if (!paper)
        return paper.error();
      std::string docx = *weekly_docx;
      if (docx.empty() && weekly_html->empty() && weekly_text->empty())
        docx = "通报-" + format_date(d) + ".docx";
      return write_paper(*paper, docx, *weekly_html, *weekly_text);
    });
  });

  // report final FILE.docx [--text FILE] [--html FILE] [--group …] [--period …] [--authority …]
  auto* final_report = report->add_subcommand(
      "final", "整改情况报告：按公文格式的 Word 文件，另可写出纯文本 (the final report)");
  auto final_docx = std::make_shared<std::string>();
  auto final_html = std::make_shared<std::string>();
  auto final_text = std::make_shared<std::string>();
  auto opts = std::make_shared<papers::FinalReportOptions>();
  final_report->add_option("file", *final_docx, "Word 文件 .docx (output)")->required();
  final_report->add_option("--text", *final_text,
                           "纯文本（可用 import plan 再导入），- 为标准输出 (plain text)");
  final_report->add_option("--html", *final_html, "可打印的网页 .html (printable page)");
  final_report->add_option("--group", opts->inspection_group, "巡察组，如 区委第一巡察组");
  final_report->add_option("--period", opts->inspection_period,
                           "巡察起止日期，如 2022年8月31日至2022年9月30日");
  final_report->add_option("--authority", opts->authority, "部署巡察的党组织，如 区委");
  final_report->callback([&ctx, final_docx, final_html, final_text, opts] {
    ctx.run([&]() -> Status {
      auto pc = paper_context(ctx);
      if (!pc)
        return pc.error();
      auto paper = papers::make_final_report(*pc, *opts);
      if (!paper)
        return paper.error();
      return write_paper(*paper, *final_docx, *final_html, *final_text);
    });
  });
}

}  // namespace rectifyd::ctl
