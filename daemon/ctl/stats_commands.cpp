#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "core/dates.h"
#include "ctl/commands.h"
#include "ctl/lookup.h"
#include "ctl/table.h"
#include "ledger/label.h"
#include "ledger/stats.h"

namespace rectifyd::ctl {
namespace {

std::string percent(double rate) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", rate * 100.0);
  return buf;
}

std::vector<std::string> count_cells(const ledger::Counts& c) {
  return {std::to_string(c.measures),       std::to_string(c.closed), std::to_string(c.ongoing),
          std::to_string(c.not_applicable), std::to_string(c.open),   std::to_string(c.overdue),
          percent(c.completion_rate())};
}

Status print_stats(Context& ctx, bool by_problem) {
  auto backend = ctx.backend();
  if (!backend)
    return backend.error();
  auto view = (*backend)->stats();
  if (!view)
    return view.error();
  if (ctx.json()) {
    print_json(std::cout, view->json);
    return ok_status();
  }
  const ledger::LedgerStats* s = &view->stats;
  const auto& o = s->overall;
  std::cout << "截至 " << view->as_of << "：\n"
            << "  问题方面 " << s->categories << " 个，问题 " << o.problems << " 个（已办结 "
            << o.problems_done << " 个），整改措施 " << o.measures << " 项。\n"
            << "  已销号 " << o.closed << " 项，长期坚持 " << o.ongoing << " 项，无需整改 "
            << o.not_applicable << " 项；未完成 " << o.open << " 项（其中已报完成待销号 "
            << o.done_reported << " 项，逾期 " << o.overdue << " 项）。\n"
            << "  办结率 " << percent(o.completion_rate()) << "（问题办结率 "
            << percent(o.problem_completion_rate()) << "）。\n"
            << "  约谈 " << o.talks << " 人次，建立完善制度 " << o.regulations << " 项，清退资金 "
            << format_yuan(o.funds_returned_fen) << " 元。\n";
  if (!s->per_category.empty()) {
    std::cout << "\n";
    Table t({"方面", "问题", "措施", "已销号", "长期坚持", "无需整改", "未完成", "逾期", "办结率"});
    for (const auto& c : s->per_category) {
      std::vector<std::string> row{"（" + ledger::chinese_number(c.category.ordinal) + "）" +
                                       truncate_display(c.category.title, 24),
                                   std::to_string(c.counts.problems)};
      for (auto& cell : count_cells(c.counts))
        row.push_back(std::move(cell));
      t.add_row(std::move(row));
    }
    t.print(std::cout);
  }
  if (by_problem && !s->per_problem.empty()) {
    std::cout << "\n";
    Table t({"问题", "措施", "已销号", "长期坚持", "无需整改", "未完成", "逾期", "办结率", "办结"});
    for (const auto& p : s->per_problem) {
      std::vector<std::string> row{"问题" + std::to_string(p.problem.number) + " " +
                                   truncate_display(p.problem.title, 24)};
      for (auto& cell : count_cells(p.counts))
        row.push_back(std::move(cell));
      row.push_back(p.done() ? "是" : "否");
      t.add_row(std::move(row));
    }
    t.print(std::cout);
  }
  return ok_status();
}

}  // namespace

void register_stats_commands(CLI::App& app, Context& ctx) {
  auto* stats = app.add_subcommand("stats", "整改统计与办结率 (counts and completion rate)");
  auto by_problem = std::make_shared<bool>(false);
  stats->add_flag("--by-problem", *by_problem, "逐个问题列出 (one row per problem)");
  stats->callback([&ctx, by_problem] { ctx.run([&] { return print_stats(ctx, *by_problem); }); });
}

}  // namespace rectifyd::ctl
