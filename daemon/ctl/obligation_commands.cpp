// rectifyctl obligation add|list|done: recurring obligations (长期坚持) of a measure — a rule
// from plan/recurrence.h and a lead time — and the record that one occurrence was done. The
// planner reminds each open occurrence like a measure; recording it done stops the reminders.

#include <iostream>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "core/dates.h"
#include "ctl/commands.h"
#include "ctl/lookup.h"
#include "ctl/table.h"
#include "ledger/label.h"
#include "office/obligations.h"
#include "plan/recurrence.h"
#include "store/calendar_days.h"
#include "store/obligations.h"
#include "time/zone.h"

namespace rectifyd::ctl {
namespace {

namespace json = boost::json;

struct ObligationArgs {
  Id measure = 0;
  std::string rule;
  int lead = 3;
  std::string title;
  std::string starts;
  Id id = 0;
  std::string due;
  std::string note;
  bool json = false;
};

Status run_add(Context& ctx, const ObligationArgs& a) {
  office::NewObligation n;
  n.measure = a.measure;
  n.rule = a.rule;
  n.lead_workdays = a.lead;
  n.title = a.title;
  if (!a.starts.empty()) {
    auto d = parse_date_arg(a.starts, "--starts");
    if (!d)
      return d.error();
    n.starts = *d;
  }
  auto office = ctx.office();
  if (!office)
    return office.error();
  auto added = office::add_obligation(**office, ctx.who(), n);
  if (!added) {
    const Error& e = added.error();
    if (e.location == "/rule")
      return Error{"--rule: " + e.message, e.kind};
    if (e.location == "/lead_workdays")
      return Error{"--lead: " + e.message, e.kind};
    return e;
  }
  std::cout << "已添加长期坚持事项 " << added->id << "："
            << plan::describe_recurrence_zh(added->rule) << "，提前 " << a.lead
            << " 个工作日提醒。\n";
  return ok_status();
}

Status run_list(Context& ctx, const ObligationArgs& a) {
  auto cfg = ctx.config();
  if (!cfg)
    return cfg.error();
  auto db = ctx.db();
  if (!db)
    return db.error();
  auto today = ctx.today();
  if (!today)
    return today.error();
  auto calendar = try_load_calendar(**db, (*cfg)->calendar);
  if (!calendar)
    return calendar.error();
  json::array out;
  Table t({"编号", "措施", "事项", "周期", "提前", "责任人", "下次时限"});
  for (const auto& r : store::active_obligations(**db)) {
    auto rule = plan::parse_recurrence(r.rule);
    std::string next;
    if (rule) {
      if (auto n = plan::next_occurrence(*rule, *calendar, *today, r.lead_workdays))
        next = format_date(n->due);
    }
    const std::string label = ledger::measure_label(r.problem_number, r.measure_ordinal);
    json::object o;
    o["id"] = r.id;
    o["measure_id"] = r.measure_id;
    o["label"] = label;
    o["rule"] = r.rule;
    o["rule_zh"] = rule ? plan::describe_recurrence_zh(*rule) : std::string();
    o["lead_workdays"] = r.lead_workdays;
    o["title"] = r.title;
    o["owner"] = r.owner;
    o["next_due"] = next;
    t.add_row({std::to_string(r.id), label, r.title,
               rule ? plan::describe_recurrence_zh(*rule) : r.rule, std::to_string(r.lead_workdays),
               r.owner, next});
    out.push_back(std::move(o));
  }
  if (a.json || ctx.json())
    print_json(std::cout, out);
  else
    t.print(std::cout);
  return ok_status();
}

Status run_done(Context& ctx, const ObligationArgs& a) {
  auto due = parse_date_arg(a.due, "DUE");
  if (!due)
    return due.error();
  auto office = ctx.office();
  if (!office)
    return office.error();
  if (auto st = office::complete_obligation(**office, ctx.who(), a.id, *due, a.note); !st)
    return st;
  std::cout << "已记录：长期坚持事项 " << a.id << " 时限 " << format_date(*due) << " 已完成。\n";
  return ok_status();
}

}  // namespace

void register_obligation_commands(CLI::App& app, Context& ctx) {
  auto* ob = app.add_subcommand("obligation", "长期坚持事项：添加、查看、登记完成 (obligations)");
  ob->require_subcommand(1);
  auto a = std::make_shared<ObligationArgs>();

  auto* add = ob->add_subcommand("add", "为措施添加周期性事项 (add a recurring obligation)");
  add->add_option("MEASURE", a->measure, "措施编号 (measure id)")->required();
  add->add_option("--rule", a->rule, "周期，如 monthly:15、half_yearly:06-30,12-31")->required();
  add->add_option("--lead", a->lead, "提前几个工作日提醒 (lead working days)")
      ->capture_default_str();
  add->add_option("--title", a->title, "事项名称 (title)");
  add->add_option("--starts", a->starts,
                  "起始日期 YYYY-MM-DD，默认今天 (first day, default today)");
  add->callback([&ctx, a] { ctx.run([&] { return run_add(ctx, *a); }); });

  auto* list = ob->add_subcommand("list", "列出长期坚持事项 (list obligations)");
  list->add_flag("--json", a->json, "输出 JSON (print one JSON document)");
  list->callback([&ctx, a] { ctx.run([&] { return run_list(ctx, *a); }); });

  auto* done = ob->add_subcommand("done", "登记某次时限已完成 (record one occurrence done)");
  done->add_option("ID", a->id, "事项编号 (obligation id)")->required();
  done->add_option("DUE", a->due, "该次时限 YYYY-MM-DD (the occurrence's due date)")->required();
  done->add_option("--note", a->note, "备注 (note)");
  done->callback([&ctx, a] { ctx.run([&] { return run_done(ctx, *a); }); });
}

}  // namespace rectifyd::ctl
