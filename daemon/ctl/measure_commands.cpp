#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "ctl/commands.h"
#include "ctl/lookup.h"
#include "ctl/table.h"
#include "ledger/colour.h"
#include "ledger/ledger_json.h"

namespace rectifyd::ctl {
namespace {

struct MeasureArgs {
  Id id = 0;
  std::string text;  ///< owner name, date, evidence, reason…
  int number = 0;    ///< progress
  std::string note;  ///< --note / --reason / --evidence
  bool ongoing = false;
};

/// Prints a measure after a change: one Chinese sentence, or its JSON.
void report_measure(Context& ctx, const MeasureView& v, const std::string& done_zh) {
  if (ctx.json()) {
    print_json(std::cout, v.json);
    return;
  }
  const Measure& m = v.measure;
  std::cout << "措施 " << m.id << "（" << v.label << "）" << done_zh << "当前状态："
            << label_zh(m.status);
  if (m.due)
    std::cout << "，时限 " << format_date(*m.due);
  std::cout << "，进度 " << m.progress << "%。\n";
}

/// Turns the command's arguments into the change (looking up names, reading dates).
using MeasureAction = std::function<Result<MeasureChange>(Backend&, const MeasureArgs&)>;

/// Registers `measure <name> ID …` running one change and printing the result.
CLI::App* add_measure_action(CLI::App* group, Context& ctx, const std::string& name,
                             const std::string& help, std::shared_ptr<MeasureArgs> args,
                             std::string done_zh, MeasureAction action) {
  auto* cmd = group->add_subcommand(name, help);
  cmd->add_option("id", args->id, "措施编号 (measure id)")->required();
  cmd->callback([&ctx, args, done_zh, action] {
    ctx.run([&]() -> Status {
      auto backend = ctx.backend();
      if (!backend)
        return backend.error();
      auto change = action(**backend, *args);
      if (!change)
        return change.error();
      auto m = (*backend)->change_measure(args->id, *change);
      if (!m)
        return m.error();
      report_measure(ctx, *m, done_zh);
      return ok_status();
    });
  });
  return cmd;
}

/// A change of this verb with the command's note, evidence or reason.
MeasureAction with_text(const char* verb) {
  return [verb](Backend&, const MeasureArgs& x) -> Result<MeasureChange> {
    MeasureChange c;
    c.verb = verb;
    c.text = x.note;
    return c;
  };
}

Status show_measure(Context& ctx, Id id) {
  auto backend = ctx.backend();
  if (!backend)
    return backend.error();
  auto detail = (*backend)->measure(id);
  if (!detail)
    return detail.error();
  if (ctx.json()) {
    print_json(std::cout, detail->json);
    return ok_status();
  }
  const MeasureView& v = detail->view;
  const Measure& x = v.measure;
  const auto* updates = &detail->updates;
  const auto* extensions = &detail->extensions;
  std::cout << "措施 " << x.id << "（" << v.label << "）\n"
            << "  内容：" << x.text << "\n"
            << "  责任人：" << v.owner << "\n"
            << "  责任领导：" << v.leader << "\n"
            << "  时限：" << (x.due ? format_date(*x.due) : "未设定");
  if (x.original_due)
    std::cout << "（原时限 " << format_date(*x.original_due) << "）";
  std::cout << "\n  状态：" << label_zh(x.status) << "（" << ledger::label_zh(v.colour) << "）\n"
            << "  进度：" << x.progress << "%（计划 " << x.planned_progress << "%）\n";
  if (!x.evidence.empty())
    std::cout << "  佐证：" << x.evidence << "\n";
  if (!x.na_reason.empty())
    std::cout << "  无需整改理由：" << x.na_reason << "\n";
  if (!updates->empty()) {
    std::cout << "\n进度记录：\n";
    Table t({"时间", "报告人", "进度", "说明"});
    for (const auto& u : *updates) {
      t.add_row({format_instant_utc(u.at), u.actor, std::to_string(u.progress) + "%",
                 truncate_display(u.note, 40)});
    }
    t.print(std::cout);
  }
  if (!extensions->empty()) {
    std::cout << "\n延期申请：\n";
    Table t({"编号", "申请人", "原时限", "新时限", "状态", "理由"});
    for (const auto& e : *extensions) {
      std::string state = e.state == ExtensionState::pending    ? "待审批"
                          : e.state == ExtensionState::approved ? "已批准"
                                                                : "已驳回";
      t.add_row({std::to_string(e.id), e.requested_by, format_date(e.old_due),
                 format_date(e.new_due), state, truncate_display(e.reason, 30)});
    }
    t.print(std::cout);
  }
  return ok_status();
}

Status print_decision(Context& ctx, const DecisionView& d, const std::string& verb) {
  if (ctx.json()) {
    print_json(std::cout, d.json);
    return ok_status();
  }
  std::cout << "延期申请 " << d.extension.id << " " << verb << "。措施 " << d.measure_id
            << " 的时限为 " << (d.due ? format_date(*d.due) : "未设定") << "。\n";
  return ok_status();
}

}  // namespace

void register_measure_commands(CLI::App& app, Context& ctx) {
  auto* group = app.add_subcommand("measure", "整改措施 (one measure)");
  group->require_subcommand(1);

  auto show_id = std::make_shared<Id>(0);
  auto* show = group->add_subcommand("show", "查看措施详情 (show a measure)");
  show->add_option("id", *show_id, "措施编号 (measure id)")->required();
  show->callback([&ctx, show_id] { ctx.run([&] { return show_measure(ctx, *show_id); }); });

  auto a = std::make_shared<MeasureArgs>();
  add_measure_action(group, ctx, "assign", "指定责任人 (assign the owner)", a, "已指定责任人。",
                     [](Backend& b, const MeasureArgs& x) -> Result<MeasureChange> {
                       auto owner = b.person_by_name(x.text);
                       if (!owner)
                         return owner.error();
                       if (!*owner)
                         return no_person(x.text, "责任人");
                       MeasureChange c;
                       c.verb = "assign";
                       c.owner_id = (*owner)->id;
                       return c;
                     })
      ->add_option("owner", a->text, "责任人姓名 (owner's name)")
      ->required();

  auto d = std::make_shared<MeasureArgs>();
  add_measure_action(group, ctx, "due", "设定时限 (set the due date)", d, "时限已设定。",
                     [](Backend&, const MeasureArgs& x) -> Result<MeasureChange> {
                       auto due = parse_date_arg(x.text, "时限");
                       if (!due)
                         return due.error();
                       MeasureChange c;
                       c.verb = "due";
                       c.due = *due;
                       return c;
                     })
      ->add_option("date", d->text, "时限 YYYY-MM-DD (due date)")
      ->required();

  auto p = std::make_shared<MeasureArgs>();
  auto* progress = add_measure_action(group, ctx, "progress", "报告进度 (report progress, 0–100)",
                                      p, "进度已记录。",
                                      [](Backend&, const MeasureArgs& x) -> Result<MeasureChange> {
                                        MeasureChange c;
                                        c.verb = "progress";
                                        c.progress = x.number;
                                        c.text = x.note;
                                        return c;
                                      });
  progress->add_option("percent", p->number, "完成百分比 (percent done)")->required();
  progress->add_option("--note", p->note, "进展说明 (what was done)");

  auto done = std::make_shared<MeasureArgs>();
  add_measure_action(group, ctx, "done", "报告整改完成，须附佐证 (report done, with evidence)",
                     done, "已报完成，待办公室销号。", with_text("done"))
      ->add_option("--evidence", done->note, "佐证材料说明 (evidence)");

  auto c = std::make_shared<MeasureArgs>();
  add_measure_action(group, ctx, "close", "销号 (close; --ongoing: 长期坚持)", c, "已办结。",
                     [](Backend&, const MeasureArgs& x) -> Result<MeasureChange> {
                       MeasureChange change;
                       change.verb = "close";
                       change.ongoing = x.ongoing;
                       return change;
                     })
      ->add_flag("--ongoing", c->ongoing, "转为长期坚持 (close as a recurring obligation)");

  auto r = std::make_shared<MeasureArgs>();
  add_measure_action(group, ctx, "reopen", "重新打开 (reopen)", r, "已重新打开。",
                     with_text("reopen"))
      ->add_option("--reason", r->note, "理由 (reason)");

  auto back = std::make_shared<MeasureArgs>();
  add_measure_action(group, ctx, "return", "退回，须说明还差什么 (return a reported done)", back,
                     "已退回责任人。", with_text("return"))
      ->add_option("--reason", back->note, "理由 (reason)");

  auto na = std::make_shared<MeasureArgs>();
  add_measure_action(group, ctx, "na", "标记无需整改，须说明理由 (mark not applicable)", na,
                     "已标记无需整改。", with_text("na"))
      ->add_option("--reason", na->note, "理由 (reason)");

  auto ext = std::make_shared<MeasureArgs>();
  auto* extend = group->add_subcommand("extend", "申请延期，须在时限前 (request an extension)");
  extend->add_option("id", ext->id, "措施编号 (measure id)")->required();
  extend->add_option("date", ext->text, "新时限 YYYY-MM-DD (new due date)")->required();
  extend->add_option("--reason", ext->note, "理由 (reason)");
  extend->callback([&ctx, ext] {
    ctx.run([&]() -> Status {
      auto new_due = parse_date_arg(ext->text, "新时限");
      if (!new_due)
        return new_due.error();
      auto backend = ctx.backend();
      if (!backend)
        return backend.error();
      auto e = (*backend)->request_extension(ext->id, *new_due, ext->note);
      if (!e)
        return e.error();
      if (ctx.json()) {
        print_json(std::cout, ledger::to_json(*e));
      } else {
        std::cout << "延期申请 " << e->id << " 已提交：措施 " << e->measure_id << " 时限由 "
                  << format_date(e->old_due) << " 延至 " << format_date(e->new_due)
                  << "，待办公室审批。\n";
      }
      return ok_status();
    });
  });

  auto decide = [&](const char* name, const char* help, bool approve) {
    auto id = std::make_shared<Id>(0);
    auto reason = std::make_shared<std::string>();
    auto* cmd = group->add_subcommand(name, help);
    cmd->add_option("extension", *id, "延期申请编号 (extension id)")->required();
    if (!approve)
      cmd->add_option("--reason", *reason, "驳回理由，告知责任人 (reason)");
    cmd->callback([&ctx, id, reason, approve] {
      ctx.run([&]() -> Status {
        auto backend = ctx.backend();
        if (!backend)
          return backend.error();
        auto d2 = (*backend)->decide_extension(*id, approve, *reason);
        if (!d2)
          return d2.error();
        return print_decision(ctx, *d2, approve ? "已批准" : "已驳回");
      });
    });
  };
  decide("approve-extension", "批准延期 (approve an extension)", true);
  decide("reject-extension", "驳回延期 (reject an extension)", false);
}

}  // namespace rectifyd::ctl
