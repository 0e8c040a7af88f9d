#include "papers/ledger_view.h"

#include <array>
#include <exception>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

#include <date/tz.h>

#include "core/names.h"
#include "store/paper_ledger.h"

namespace rectifyd::papers {
namespace {

constexpr std::array<MeasureStatus, 6> kStatuses = {
    MeasureStatus::open,   MeasureStatus::in_progress, MeasureStatus::done_reported,
    MeasureStatus::closed, MeasureStatus::ongoing,     MeasureStatus::not_applicable};

}  // namespace

bool MeasureRow::finished() const {
  return measure.status == MeasureStatus::closed || measure.status == MeasureStatus::ongoing ||
         measure.status == MeasureStatus::not_applicable;
}

bool MeasureRow::on_time() const {
  if (!finished())
    return false;
  if (!measure.due || !closed_on)
    return true;
  return *closed_on <= *measure.due;
}

bool ProblemRow::done() const {
  if (measures.empty())
    return stated == MeasureStatus::closed || stated == MeasureStatus::ongoing ||
           stated == MeasureStatus::not_applicable;
  for (const auto& m : measures) {
    if (!m.finished())
      return false;
  }
  return true;
}

std::size_t LedgerView::problem_count() const {
  std::size_t n = 0;
  for (const auto& c : categories)
    n += c.problems.size();
  return n;
}

std::size_t LedgerView::measure_count() const {
  std::size_t n = 0;
  for (const auto& c : categories) {
    for (const auto& p : c.problems)
      n += p.measures.size();
  }
  return n;
}

const std::vector<std::string>& status_labels_zh() {
  static const std::vector<std::string> labels = [] {
    std::vector<std::string> v;
    for (auto s : kStatuses)
      v.emplace_back(label_zh(s));
    return v;
  }();
  return labels;
}

Result<LedgerView> load_ledger_view(store::Database& db, const ViewOptions& options) {
  auto rows = store::read_paper_ledger(db);
  if (!rows)
    return rows.error();
  try {
    LedgerView view;
    view.people = std::move(rows->people);
    std::map<Id, std::size_t> person_index;
    for (std::size_t i = 0; i < view.people.size(); ++i)
      person_index.emplace(view.people[i].id, i);
    auto person = [&](std::optional<Id> id) -> const Person* {
      if (!id)
        return nullptr;
      auto it = person_index.find(*id);
      return it == person_index.end() ? nullptr : &view.people[it->second];
    };
    if (!rows->round)
      return view;
    view.round = std::move(rows->round);

    std::map<Id, std::size_t> category_index;
    for (auto& category : rows->categories) {
      CategoryRow c;
      c.category = std::move(category);
      category_index.emplace(c.category.id, view.categories.size());
      view.categories.push_back(std::move(c));
    }
    for (auto& problem : rows->problems) {
      ProblemRow p;
      p.problem = std::move(problem.problem);
      p.stated = problem.stated;
      if (const Person* l = person(p.problem.leader_id)) {
        p.leader = l->name;
        p.leader_department = l->department;
      }
      view.categories[category_index.at(p.problem.category_id)].problems.push_back(std::move(p));
    }
    // Pointers are taken once every vector has its final size.
    std::unordered_map<Id, ProblemRow*> problem_of;
    for (auto& c : view.categories) {
      for (auto& p : c.problems)
        problem_of.emplace(p.problem.id, &p);
    }
    for (auto& measure : rows->measures) {
      MeasureRow row;
      row.measure = std::move(measure.measure);
      row.self_criticisms = measure.self_criticisms;
      row.party_fees_fen = measure.party_fees_fen;
      const Measure& m = row.measure;
      if (m.closed_on) {
        row.closed_on = m.closed_on;
      } else if (m.closed_at) {
        const auto day = std::chrono::floor<date::days>(*m.closed_at);
        if (options.zone != nullptr) {
          auto local = options.zone->to_local(*m.closed_at);
          row.closed_on = std::chrono::floor<date::days>(local);
        } else {
          row.closed_on = LocalDate{day.time_since_epoch()};
        }
      }
      if (const Person* o = person(m.owner_id)) {
        row.owner = o->name;
        row.owner_department = o->department;
      }
      row.colour = options.colouring.of(m);
      problem_of.at(m.problem_id)->measures.push_back(std::move(row));
    }
    return view;
  } catch (const std::exception& e) {
    // A row naming a category or problem the earlier reads did not see: the ledger changed
    // between them.
    return Error{std::string("数据库操作失败：读取台账（") + e.what() + "）", ErrorKind::internal};
  }
}

}  // namespace rectifyd::papers
