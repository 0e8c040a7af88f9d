#include "ledger_io/plan_tree.h"

#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"

namespace rectifyd::ledger_io {
namespace json = boost::json;
namespace {

/// "责任领导：李四  责任人：张三  时限：2026-06-30（2026年6月底前）  状态：整改中"
std::string fields_text(const PlanFields& f, std::optional<MeasureStatus> status) {
  std::string out;
  auto add = [&](std::string_view name, const std::string& value) {
    if (value.empty())
      return;
    out += "  ";
    out += name;
    out += "：";
    out += value;
  };
  add("责任领导", f.leader);
  add("责任人", f.owner);
  add("责任部门", f.department);
  std::string due;
  if (f.due)
    due = format_date(*f.due);
  if (f.long_term)
    due += due.empty() ? "长期坚持" : "，长期坚持";
  if (!f.due_text.empty() && f.due_text != due)
    due += due.empty() ? f.due_text : "（" + f.due_text + "）";
  add("时限", due);
  if (status && *status != MeasureStatus::open)
    add("状态", std::string(label_zh(*status)));
  return out;
}

json::object fields_json(const PlanFields& f) {
  json::object o;
  o["leader"] = f.leader;
  o["owner"] = f.owner;
  o["department"] = f.department;
  o["due"] = f.due ? json::value(format_date(*f.due)) : json::value(nullptr);
  o["due_text"] = f.due_text;
  o["long_term"] = f.long_term;
  o["status"] = f.status ? json::value(std::string(to_string(*f.status))) : json::value(nullptr);
  o["status_text"] = f.status_text;
  return o;
}

std::string at_line(std::size_t line) {
  return "  （第" + std::to_string(line) + "行）";
}

}  // namespace

std::string plan_counts_text(std::size_t categories, std::size_t problems, std::size_t measures) {
  return std::to_string(categories) + " 个方面、" + std::to_string(problems) + " 个问题、" +
         std::to_string(measures) + " 条整改措施";
}

std::string text_preview(std::string_view text, std::size_t chars) {
  std::size_t at = 0;
  std::size_t n = 0;
  while (at < text.size() && n < chars) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
      ++at;
    ++n;
  }
  std::string out(text.substr(0, at));
  if (at < text.size())
    out += "…";
  return out;
}

std::string plan_tree_text(const ParsedPlan& plan, std::size_t text_chars) {
  std::string out;
  for (const auto& c : plan.categories) {
    out += c.label + c.title + at_line(c.line) + "\n";
    for (const auto& p : c.problems) {
      out += "  " + p.label + " " + text_preview(p.title, text_chars) +
             fields_text(p.fields, p.fields.status);
      if (p.measures_omitted)
        out += "  措施：（略）";
      out += at_line(p.line) + "\n";
      for (const auto& m : p.measures) {
        const std::string number = m.label.empty() ? std::to_string(m.ordinal) + "." : m.label;
        out += "    " + number + " " + text_preview(m.text, text_chars) +
               fields_text(m.fields, m.status) + "\n";
      }
    }
  }
  const PlanCounts n = plan.counts();
  out += "共 " + plan_counts_text(n.categories, n.problems, n.measures) + "；已整改到位 " +
         std::to_string(n.problems_done) + " 个问题，未完成 " +
         std::to_string(n.problems_in_progress) + " 个。\n";
  for (const auto& w : plan.warnings)
    out += "注意：" + w + "\n";
  return out;
}

json::value plan_tree_json(const ParsedPlan& plan, std::size_t text_chars) {
  json::array cats;
  for (const auto& c : plan.categories) {
    json::array probs;
    for (const auto& p : c.problems) {
      json::array measures;
      for (const auto& m : p.measures) {
        measures.push_back(json::object{{"ordinal", m.ordinal},
                                        {"label", m.label},
                                        {"text", m.text},
                                        {"preview", text_preview(m.text, text_chars)},
                                        {"line", m.line},
                                        {"column", m.column},
                                        {"status", std::string(to_string(m.status))},
                                        {"fields", fields_json(m.fields)}});
      }
      probs.push_back(json::object{{"number", p.number},
                                   {"label", p.label},
                                   {"title", p.title},
                                   {"line", p.line},
                                   {"fields", fields_json(p.fields)},
                                   {"measures_omitted", p.measures_omitted},
                                   {"done", p.done()},
                                   {"measures", std::move(measures)}});
    }
    cats.push_back(json::object{{"ordinal", c.ordinal},
                                {"label", c.label},
                                {"title", c.title},
                                {"line", c.line},
                                {"problems", std::move(probs)}});
  }
  const PlanCounts n = plan.counts();
  json::object stated;
  auto put = [&](const char* name, const std::optional<StatedNumber>& s) {
    if (s)
      stated[name] = json::object{{"value", s->value}, {"line", s->line}, {"column", s->column}};
  };
  put("categories", plan.stated.categories);
  put("problems", plan.stated.problems);
  put("measures", plan.stated.measures);
  put("done", plan.stated.done);
  put("in_progress", plan.stated.in_progress);
  json::array warnings;
  for (const auto& w : plan.warnings)
    warnings.push_back(json::string(w));
  return json::object{{"categories", std::move(cats)},
                      {"counts", json::object{{"categories", n.categories},
                                              {"problems", n.problems},
                                              {"measures", n.measures},
                                              {"problems_done", n.problems_done},
                                              {"problems_in_progress", n.problems_in_progress}}},
                      {"stated", std::move(stated)},
                      {"warnings", std::move(warnings)}};
}

}  // namespace rectifyd::ledger_io
