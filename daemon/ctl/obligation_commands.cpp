// rectifyctl obligation add|list|done: recurring obligations (长期坚持) of a measure — a rule
// from plan/recurrence.h and a lead time — and the record that one occurrence was done. The
// planner reminds each open occurrence like a measure; recording it done stops the reminders.

#include <functional>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "ctl/commands.h"
#include "ctl/lookup.h"
#include "ctl/table.h"
#include "ledger/audit.h"
#include "ledger/label.h"
#include "plan/recurrence.h"
#include "time/calendar_import.h"
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

/// Runs f inside one write transaction with its audit row; any failure stores neither.
Status write_with_audit(Context& ctx, store::Database& db, const std::string& action,
                        const std::string& entity, const std::function<json::object()>& f) {
  try {
    db.write([&] {
      AuditEntry e;
      e.at = ctx.clock().now();
      e.actor = ctx.actor();
      e.action = action;
      e.entity = entity;
      e.after = json::serialize(f());
      auto audit = ledger::AuditLog(db).append(e);
      if (!audit)
        throw std::runtime_error(audit.error().message);
    });
  } catch (const std::exception& e) {
    return Error{std::string("未保存（not stored）：") + e.what()};
  }
  return ok_status();
}

Status run_add(Context& ctx, const ObligationArgs& a) {
  auto rule = plan::parse_recurrence(a.rule);
  if (!rule)
    return Error{"--rule: " + rule.error().message};
  if (a.lead < 0)
    return Error{"--lead: 提前工作日数不能为负（must be 0 or more）"};
  // Without --starts the obligation starts today: earlier occurrences are not owed.
  std::optional<LocalDate> starts;
  if (!a.starts.empty()) {
    auto d = parse_date_arg(a.starts, "--starts");
    if (!d)
      return d.error();
    starts = *d;
  } else {
    auto today = ctx.today();
    if (!today)
      return today.error();
    starts = *today;
  }
  auto db = ctx.db();
  if (!db)
    return db.error();
  SQLite::Statement exists((*db)->sql(), "SELECT 1 FROM measures WHERE id = ?");
  exists.bind(1, a.measure);
  if (!exists.executeStep())
    return Error{"没有编号为 " + std::to_string(a.measure) + " 的措施（no measure " +
                 std::to_string(a.measure) + "）"};
  Id id = 0;
  auto st =
      write_with_audit(ctx, **db, "obligation.add", "measure:" + std::to_string(a.measure), [&] {
        SQLite::Statement ins((*db)->sql(),
                              "INSERT INTO recurrences(measure_id, rule, "
                              "lead_days, title, starts) VALUES (?,?,?,?,?)");
        ins.bind(1, a.measure);
        ins.bind(2, plan::format_recurrence(*rule));
        ins.bind(3, a.lead);
        ins.bind(4, a.title);
        if (starts)
          ins.bind(5, format_date(*starts));
        else
          ins.bind(5);
        ins.exec();
        id = (*db)->sql().getLastInsertRowid();
        json::object o;
        o["recurrence_id"] = id;
        o["rule"] = plan::format_recurrence(*rule);
        o["lead_workdays"] = a.lead;
        o["title"] = a.title;
        return o;
      });
  if (!st)
    return st;
  std::cout << "已添加长期坚持事项 " << id << "：" << plan::describe_recurrence_zh(*rule)
            << "，提前 " << a.lead << " 个工作日提醒。\n";
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
  SQLite::Statement st((*db)->sql(),
                       "SELECT r.id, r.measure_id, r.rule, r.lead_days, r.title, p.number, "
                       "m.ordinal, coalesce(o.name, '') FROM recurrences r "
                       "JOIN measures m ON m.id = r.measure_id "
                       "JOIN problems p ON p.id = m.problem_id "
                       "LEFT JOIN people o ON o.id = m.owner_id WHERE r.active = 1 ORDER BY r.id");
  json::array out;
  Table t({"编号", "措施", "事项", "周期", "提前", "责任人", "下次时限"});
  while (st.executeStep()) {
    const Id id = st.getColumn(0).getInt64();
    const std::string text = st.getColumn(2).getString();
    auto rule = plan::parse_recurrence(text);
    std::string next;
    if (rule) {
      if (auto n = plan::next_occurrence(*rule, *calendar, *today, st.getColumn(3).getInt()))
        next = format_date(n->due);
    }
    const std::string label =
        ledger::measure_label(st.getColumn(5).getInt(), st.getColumn(6).getInt());
    json::object o;
    o["id"] = id;
    o["measure_id"] = st.getColumn(1).getInt64();
    o["label"] = label;
    o["rule"] = text;
    o["rule_zh"] = rule ? plan::describe_recurrence_zh(*rule) : std::string();
    o["lead_workdays"] = st.getColumn(3).getInt();
    o["title"] = st.getColumn(4).getString();
    o["owner"] = st.getColumn(7).getString();
    o["next_due"] = next;
    t.add_row({std::to_string(id), label, st.getColumn(4).getString(),
               rule ? plan::describe_recurrence_zh(*rule) : text,
               std::to_string(st.getColumn(3).getInt()), st.getColumn(7).getString(), next});
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
  auto cfg = ctx.config();
  if (!cfg)
    return cfg.error();
  auto db = ctx.db();
  if (!db)
    return db.error();
  SQLite::Statement st((*db)->sql(), "SELECT rule FROM recurrences WHERE id = ?");
  st.bind(1, a.id);
  if (!st.executeStep())
    return Error{"没有编号为 " + std::to_string(a.id) + " 的长期坚持事项（no obligation " +
                 std::to_string(a.id) + "）"};
  auto rule = plan::parse_recurrence(st.getColumn(0).getString());
  auto calendar = try_load_calendar(**db, (*cfg)->calendar);
  if (!calendar)
    return calendar.error();
  if (!rule || plan::occurrences(*rule, *calendar, *due, *due).empty())
    return Error{format_date(*due) + " 不是该事项的时限（not a due date of obligation " +
                 std::to_string(a.id) + "）"};
  const std::string now = format_instant_utc(ctx.clock().now());
  auto done =
      write_with_audit(ctx, **db, "obligation.done", "recurrence:" + std::to_string(a.id), [&] {
        SQLite::Statement up((*db)->sql(),
                             "INSERT INTO occurrences(recurrence_id, due, completed_at, "
                             "completed_by, note) VALUES (?,?,?,?,?) "
                             "ON CONFLICT(recurrence_id, due) DO UPDATE SET "
                             "completed_at = excluded.completed_at, "
                             "completed_by = excluded.completed_by, note = excluded.note");
        up.bind(1, a.id);
        up.bind(2, format_date(*due));
        up.bind(3, now);
        up.bind(4, ctx.actor());
        up.bind(5, a.note);
        up.exec();
        json::object o;
        o["due"] = format_date(*due);
        o["note"] = a.note;
        return o;
      });
  if (!done)
    return done;
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
