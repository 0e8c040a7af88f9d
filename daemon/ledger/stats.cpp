#include "ledger/stats.h"

#include <string>

#include <boost/json.hpp>

namespace rectifyd::ledger {
namespace json = boost::json;
namespace {

json::object counts_json(const Counts& c) {
  json::object o;
  o["problems"] = c.problems;
  o["problems_done"] = c.problems_done;
  o["measures"] = c.measures;
  o["closed"] = c.closed;
  o["ongoing"] = c.ongoing;
  o["not_applicable"] = c.not_applicable;
  o["open"] = c.open;
  o["overdue"] = c.overdue;
  o["done_reported"] = c.done_reported;
  o["on_time"] = c.on_time;
  o["completion_rate"] = c.completion_rate();
  o["problem_completion_rate"] = c.problem_completion_rate();
  o["talks"] = c.talks;
  o["regulations"] = c.regulations;
  o["funds_returned_fen"] = c.funds_returned_fen;
  return o;
}

}  // namespace

double Counts::completion_rate() const {
  return measures == 0 ? 0.0 : static_cast<double>(finished()) / static_cast<double>(measures);
}

double Counts::problem_completion_rate() const {
  return problems == 0 ? 0.0 : static_cast<double>(problems_done) / static_cast<double>(problems);
}

Counts& Counts::operator+=(const Counts& o) {
  problems += o.problems;
  problems_done += o.problems_done;
  measures += o.measures;
  closed += o.closed;
  ongoing += o.ongoing;
  not_applicable += o.not_applicable;
  open += o.open;
  overdue += o.overdue;
  done_reported += o.done_reported;
  on_time += o.on_time;
  talks += o.talks;
  regulations += o.regulations;
  funds_returned_fen += o.funds_returned_fen;
  return *this;
}

json::value to_json(const LedgerStats& s, bool per_problem) {
  json::object o = counts_json(s.overall);
  o["categories"] = s.categories;
  json::array cats;
  for (const auto& c : s.per_category) {
    json::object co = counts_json(c.counts);
    co["id"] = c.category.id;
    co["round_id"] = c.category.round_id;
    co["ordinal"] = c.category.ordinal;
    co["title"] = c.category.title;
    cats.push_back(std::move(co));
  }
  o["per_category"] = std::move(cats);
  if (!per_problem)
    return o;
  json::array probs;
  for (const auto& p : s.per_problem) {
    json::object po = counts_json(p.counts);
    po["id"] = p.problem.id;
    po["category_id"] = p.problem.category_id;
    po["number"] = p.problem.number;
    po["title"] = p.problem.title;
    po["done"] = p.done();
    probs.push_back(std::move(po));
  }
  o["per_problem"] = std::move(probs);
  return o;
}

}  // namespace rectifyd::ledger
