#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "ctl/commands.h"
#include "ctl/lookup.h"
#include "ctl/table.h"
#include "ledger/colour.h"

namespace rectifyd::ctl {
namespace {

struct ListOptions {
  std::string owner;
  std::string leader;
  std::vector<std::string> statuses;
  std::string colour;
  bool overdue = false;
  CLI::Option* due_within_opt = nullptr;
  int due_within = 0;
};

Status list_measures(Context& ctx, const ListOptions& o) {
  std::optional<ledger::Colour> colour;
  if (!o.colour.empty()) {
    colour = ledger::parse_colour(o.colour);
    if (!colour) {
      return Error{"--colour：无法识别“" + o.colour +
                   "”，可用 green、yellow、red（--colour: expected green, yellow or red）"};
    }
  }
  std::vector<MeasureStatus> statuses;
  for (const auto& s : o.statuses) {
    auto st = parse_measure_status(s);
    if (!st) {
      return Error{"--status：无法识别“" + s +
                   "”，可用 open、in_progress、done_reported、closed、ongoing、not_applicable"
                   "（--status: unknown status）"};
    }
    statuses.push_back(*st);
  }
  if (o.due_within_opt->count() > 0 && o.due_within < 0)
    return Error{"--due-within：天数不能为负（--due-within: days must be 0 or more）"};
  auto backend = ctx.backend();
  if (!backend)
    return backend.error();
  for (auto [name, option] : {std::pair{&o.owner, "--owner"}, std::pair{&o.leader, "--leader"}}) {
    if (name->empty())
      continue;
    auto p = (*backend)->person_by_name(*name);
    if (!p)
      return p.error();
    if (!*p)
      return no_person(*name, option);
  }
  MeasureQuery q;
  q.owner = o.owner;
  q.leader = o.leader;
  q.statuses = std::move(statuses);
  q.colour = colour;
  q.overdue = o.overdue;
  if (o.due_within_opt->count() > 0)
    q.due_within = o.due_within;
  auto listed = (*backend)->measures(q);
  if (!listed)
    return listed.error();

  boost::json::array arr;
  Table t({"编号", "措施", "内容", "责任人", "责任领导", "时限", "状态", "进度", "灯"});
  for (const auto& v : listed->measures) {
    if (ctx.json()) {
      arr.push_back(v.json);
      continue;
    }
    const Measure& m = v.measure;
    t.add_row({std::to_string(m.id), v.label, truncate_display(m.text, 30), v.owner, v.leader,
               m.due ? format_date(*m.due) : "—", std::string(label_zh(m.status)),
               std::to_string(m.progress) + "%", std::string(ledger::label_zh(v.colour))});
  }
  if (ctx.json()) {
    boost::json::object out;
    out["as_of"] = listed->as_of;
    out["count"] = arr.size();
    out["measures"] = std::move(arr);
    print_json(std::cout, out);
  } else if (t.empty()) {
    std::cout << "没有符合条件的整改措施。\n";
  } else {
    t.print(std::cout);
  }
  return ok_status();
}

}  // namespace

void register_ledger_commands(CLI::App& app, Context& ctx) {
  auto* ledger_cmd = app.add_subcommand("ledger", "整改台账 (the ledger)");
  ledger_cmd->require_subcommand(1);
  auto* list = ledger_cmd->add_subcommand("list", "列出整改措施 (list measures)");
  auto o = std::make_shared<ListOptions>();
  list->add_option("--owner", o->owner, "责任人姓名 (owner's name)");
  list->add_option("--leader", o->leader, "责任领导姓名 (responsible leader's name)");
  list->add_option("--status", o->statuses,
                   "状态，可多个 (status, repeatable or comma-separated): open|in_progress|"
                   "done_reported|closed|ongoing|not_applicable")
      ->delimiter(',');
  list->add_option("--colour,--color", o->colour, "红黄绿灯 (colour): green|yellow|red");
  list->add_flag("--overdue", o->overdue, "只列逾期未完成的 (only overdue open work)");
  o->due_within_opt = list->add_option("--due-within", o->due_within,
                                       "N 天内到期 (due within N calendar days from today)");
  list->callback([&ctx, o] { ctx.run([&] { return list_measures(ctx, *o); }); });
}

}  // namespace rectifyd::ctl
