// rectifyctl calendar import|show|check: bring in a newly published holiday schedule, see what
// the working-day calendar knows, and find out in time when it runs out.

#include <iostream>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "core/dates.h"
#include "ctl/commands.h"
#include "ctl/table.h"
#include "office/calendar.h"
#include "store/calendar_days.h"

namespace rectifyd::ctl {
namespace {

namespace json = boost::json;

struct Counts {
  int off = 0;
  int workdays = 0;
};
Counts count(const std::vector<CalendarDay>& days) {
  Counts c;
  for (const auto& d : days)
    (d.off ? c.off : c.workdays) += 1;
  return c;
}

const char* weekday_zh(LocalDate d) {
  static constexpr const char* kNames[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
  return kNames[date::weekday{d}.c_encoding()];
}

Status run_import(Context& ctx, const std::string& file) {
  auto year = read_calendar_file(file);
  if (!year)
    return year.error();
  auto office = ctx.office();
  if (!office)
    return office.error();
  auto c = office::import_calendar_year(**office, ctx.who(), *year, file);
  if (!c)
    return c.error();
  if (ctx.json()) {
    print_json(std::cout, json::object{{"year", c->year},
                                       {"days_off", c->days_off},
                                       {"workdays", c->workdays},
                                       {"file", file}});
  } else {
    std::cout << "已导入 " << c->year << " 年节假日安排：放假 " << c->days_off << " 天，调休上班 "
              << c->workdays << " 天。重新加载配置或重启 rectifyd 后生效。\n";
  }
  return ok_status();
}

Result<Calendar> current_calendar(Context& ctx) {
  auto cfg = ctx.config();
  if (!cfg)
    return cfg.error();
  auto db = ctx.db();
  if (!db)
    return db.error();
  return try_load_calendar(**db, (*cfg)->calendar);
}

Status run_show(Context& ctx, std::optional<int> only_year) {
  auto cal = current_calendar(ctx);
  if (!cal)
    return cal.error();
  auto cfg = ctx.config();
  auto db = ctx.db();
  auto imported = load_imported_years(**db);
  if (!imported)
    return imported.error();
  std::set<int> imported_years;
  for (const auto& y : *imported)
    imported_years.insert(y.year);
  const auto& cc = (*cfg)->calendar;
  auto source = [&](int y) { return imported_years.contains(y) ? "imported" : "builtin"; };
  auto in_year = [&](LocalDate d) {
    return !only_year || static_cast<int>(date::year_month_day{d}.year()) == *only_year;
  };

  std::vector<int> years;
  for (int y : cal->covered_years()) {
    if (!only_year || y == *only_year)
      years.push_back(y);
  }

  if (ctx.json()) {
    json::array out_years;
    for (int y : years) {
      json::object o{{"year", y}, {"source", source(y)}};
      const auto days = cal->published_days(y);
      const Counts c = count(days);
      o["days_off"] = c.off;
      o["workdays"] = c.workdays;
      if (only_year) {
        json::array list;
        for (const auto& d : days) {
          list.push_back(
              json::object{{"date", format_date(d.day)}, {"off", d.off}, {"name", d.name}});
        }
        o["days"] = std::move(list);
      }
      out_years.push_back(std::move(o));
    }
    json::array extra_off;
    json::array extra_on;
    for (const auto& d : cc.extra_days_off) {
      if (in_year(d))
        extra_off.push_back(json::string(format_date(d)));
    }
    for (const auto& d : cc.extra_workdays) {
      if (in_year(d))
        extra_on.push_back(json::string(format_date(d)));
    }
    json::array covered;
    for (int y : cal->covered_years())
      covered.push_back(y);
    print_json(std::cout, json::object{{"covered_years", std::move(covered)},
                                       {"builtin_holidays", cc.builtin_holidays},
                                       {"years", std::move(out_years)},
                                       {"extra_days_off", std::move(extra_off)},
                                       {"extra_workdays", std::move(extra_on)}});
    return ok_status();
  }

  if (only_year && years.empty()) {
    std::cout << *only_year
              << " 年的节假日安排尚未内置或导入：除单位自定日期外，按周一至周五上班计算。\n";
  } else if (!only_year) {
    if (years.empty()) {
      std::cout << "日历未收录任何年份的节假日安排（按周一至周五上班计算）。\n";
    } else {
      Table t({"年份", "来源", "放假天数", "调休上班天数"});
      for (int y : years) {
        const Counts c = count(cal->published_days(y));
        t.add_row({std::to_string(y), imported_years.contains(y) ? "导入" : "内置",
                   std::to_string(c.off), std::to_string(c.workdays)});
      }
      t.print(std::cout);
    }
  } else {
    Table t({"日期", "星期", "安排", "名称"});
    for (const auto& d : cal->published_days(*only_year))
      t.add_row({format_date(d.day), weekday_zh(d.day), d.off ? "放假" : "调休上班", d.name});
    std::cout << *only_year << " 年（" << (imported_years.contains(*only_year) ? "导入" : "内置")
              << "）：\n";
    t.print(std::cout);
  }

  Table extras({"日期", "星期", "单位自定"});
  for (const auto& d : cc.extra_days_off) {
    if (in_year(d))
      extras.add_row({format_date(d), weekday_zh(d), "休息"});
  }
  for (const auto& d : cc.extra_workdays) {
    if (in_year(d))
      extras.add_row({format_date(d), weekday_zh(d), "上班"});
  }
  if (!extras.empty()) {
    std::cout << "\n";
    extras.print(std::cout);
  }
  return ok_status();
}

Status run_check(Context& ctx) {
  auto cal = current_calendar(ctx);
  if (!cal)
    return cal.error();
  auto today = ctx.today();
  if (!today)
    return today.error();
  const int horizon = (*ctx.config())->calendar.coverage_warning_days;
  const auto gap = cal->first_uncovered(*today, horizon);
  if (ctx.json()) {
    json::object o{{"as_of", format_date(*today)}, {"days", horizon}, {"ok", !gap}};
    o["first_uncovered"] = gap ? json::value(json::string(format_date(*gap))) : json::value();
    print_json(std::cout, o);
    if (gap)
      throw CLI::RuntimeError(1);
    return ok_status();
  }
  if (!gap) {
    std::cout << "日历已覆盖今后 " << horizon << " 天（至 "
              << format_date(*today + date::days{horizon - 1}) << "）。\n";
    return ok_status();
  }
  const int year = static_cast<int>(date::year_month_day{*gap}.year());
  return Error{"自 " + format_date(*gap) + " 起没有节假日安排（" + std::to_string(year) +
               " 年未内置也未导入），这些日子只按周末计算。请在国务院办公厅发布放假安排后运行 "
               "rectifyctl calendar import " +
               std::to_string(year) + ".json。"};
}

}  // namespace

void register_calendar_commands(CLI::App& app, Context& ctx) {
  auto* cal = app.add_subcommand("calendar", "工作日日历：导入、查看、检查 (working-day calendar)");
  cal->require_subcommand(1);

  auto* import = cal->add_subcommand(
      "import", "导入一年的节假日安排（holiday-cn 格式 JSON）(import a published year)");
  auto file = std::make_shared<std::string>();
  import->add_option("FILE", *file, "JSON 文件 {year, papers, days}")->required();
  import->callback([&ctx, file] { ctx.run([&] { return run_import(ctx, *file);
});
}  // namespace rectifyd::ctl
);

auto* show = cal->add_subcommand("show", "列出已收录的年份及放假、调休日期 (show)");
auto year = std::make_shared<int>(0);
show->add_option("--year", *year, "只看这一年，逐日列出");
show->callback([&ctx, year, show] {
  const bool given = show->count("--year") > 0;
  ctx.run([&] { return run_show(ctx, given ? std::optional<int>(*year) : std::nullopt); });
});

auto* check = cal->add_subcommand(
    "check", "检查今后若干天（coverage_warning_days）是否都有节假日安排 (check coverage)");
check->callback([&ctx] { ctx.run([&] { return run_check(ctx); }); });
}

}  // namespace rectifyd::ctl
