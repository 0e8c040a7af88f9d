#include "ledger_io/plan_import.h"

#include <utility>

namespace rectifyd::ledger_io {
namespace {

bool finished(MeasureStatus s) {
  return s == MeasureStatus::closed || s == MeasureStatus::ongoing ||
         s == MeasureStatus::not_applicable;
}

/// Unknown names with where they were given, for one note each.
class UnknownNames {
 public:
  void add(const std::string& role, const std::string& name, const std::string& where) {
    auto& places = names_[{role, name}];
    places.push_back(where);
  }
  void write(std::vector<std::string>& out) const {
    for (const auto& [key, places] : names_) {
      std::string line = key.first + "“" + key.second + "”不在人员名单中，未关联（";
      for (std::size_t i = 0; i < places.size() && i < 5; ++i)
        line += (i == 0 ? "" : "、") + places[i];
      if (places.size() > 5)
        line += " 等 " + std::to_string(places.size()) + " 处";
      line += "）；请先导入人员，或用 rectifyctl measure assign 指定";
      out.push_back(std::move(line));
    }
  }

 private:
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> names_;
};

}  // namespace

PlanImportRows plan_import_rows(const ParsedPlan& plan,
                                const std::map<std::string, Id, std::less<>>& people) {
  auto find = [&](const std::string& name) -> std::optional<Id> {
    if (name.empty())
      return std::nullopt;
    if (auto it = people.find(name); it != people.end())
      return it->second;
    return std::nullopt;
  };
  PlanImportRows out;
  auto& s = out.summary;
  UnknownNames unknown;
  for (const auto& c : plan.categories) {
    auto& category = out.categories.emplace_back();
    category.ordinal = c.ordinal;
    category.title = c.title;
    for (const auto& p : c.problems) {
      std::string leader = p.fields.leader;
      for (const auto& m : p.measures) {
        if (leader.empty())
          leader = m.fields.leader;
      }
      auto& problem = category.problems.emplace_back();
      problem.number = p.number;
      problem.title = p.title;
      problem.leader_id = find(leader);
      if (problem.leader_id)
        ++s.leaders_linked;
      else if (!leader.empty())
        unknown.add("责任领导", leader, p.label);
      problem.status = p.fields.status;
      for (const auto& m : p.measures) {
        PlanFields fields = m.fields;
        fields.inherit(p.fields);
        auto& measure = problem.measures.emplace_back();
        measure.ordinal = m.ordinal;
        measure.text = m.text;
        measure.owner_id = find(fields.owner);
        if (measure.owner_id) {
          ++s.owners_linked;
        } else if (!fields.owner.empty()) {
          unknown.add("责任人", fields.owner,
                      p.label + " " + (m.label.empty() ? std::to_string(m.ordinal) : m.label));
        }
        measure.due = fields.due;
        if (fields.due)
          ++s.dues_set;
        measure.status = m.status;
        measure.na_reason = m.na_reason;
        measure.finished = finished(m.status);
        measure.progress = measure.finished && m.status != MeasureStatus::not_applicable ? 100 : 0;
      }
    }
  }
  s.notes = plan.warnings;
  unknown.write(s.notes);
  return out;
}

}  // namespace rectifyd::ledger_io
