#include "papers/tally.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace rectifyd::papers {
namespace {

double ratio(std::int64_t a, std::int64_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

class Grouper {
 public:
  Tally& at(const std::string& name) {
    auto [it, fresh] = index_.try_emplace(name, out_.size());
    if (fresh)
      out_.push_back(NamedTally{name, {}});
    return out_[it->second].tally;
  }
  std::vector<NamedTally> take() { return std::move(out_); }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<NamedTally> out_;
};

const std::string kNobody = "未指定";

}  // namespace

double Tally::rate() const {
  return ratio(finished, measures);
}
double Tally::on_time_rate() const {
  return ratio(on_time, finished);
}
double Tally::problem_rate() const {
  return ratio(problems_done, problems);
}

void Tally::add(const MeasureRow& m, LocalDate today) {
  ++measures;
  if (m.finished())
    ++finished;
  if (m.on_time())
    ++on_time;
  if (!m.finished() && m.measure.due && *m.measure.due < today)
    ++overdue;
  talks += m.measure.talks;
  regulations += m.measure.regulations;
  funds_returned_fen += m.measure.funds_returned_fen;
  self_criticisms += m.self_criticisms;
  party_fees_fen += m.party_fees_fen;
}

void Tally::add(const ProblemRow& p, LocalDate today) {
  ++problems;
  if (p.done())
    ++problems_done;
  for (const auto& m : p.measures)
    add(m, today);
}

void Tally::add(const ledger::Counts& c) {
  problems += c.problems;
  problems_done += c.problems_done;
  measures += c.measures;
  finished += c.finished();
  on_time += c.on_time;
  overdue += c.overdue;
  talks += c.talks;
  regulations += c.regulations;
  funds_returned_fen += c.funds_returned_fen;
}

Tally tally_all(const LedgerView& v, LocalDate today) {
  Tally t;
  for (const auto& c : v.categories) {
    for (const auto& p : c.problems)
      t.add(p, today);
  }
  return t;
}

std::vector<NamedTally> tally_by_category(const LedgerView& v, LocalDate today) {
  std::vector<NamedTally> out;
  for (const auto& c : v.categories) {
    NamedTally n{c.category.title, {}};
    for (const auto& p : c.problems)
      n.tally.add(p, today);
    out.push_back(std::move(n));
  }
  return out;
}

std::vector<NamedTally> tally_by_leader(const LedgerView& v, LocalDate today) {
  Grouper g;
  for (const auto& c : v.categories) {
    for (const auto& p : c.problems)
      g.at(p.leader.empty() ? kNobody : p.leader).add(p, today);
  }
  return g.take();
}

std::vector<NamedTally> tally_by_department(const LedgerView& v, LocalDate today) {
  Grouper g;
  for (const auto& c : v.categories) {
    for (const auto& p : c.problems) {
      for (const auto& m : p.measures)
        g.at(m.owner_department.empty() ? kNobody : m.owner_department).add(m, today);
    }
  }
  return g.take();
}

std::string percent_text(double rate, std::int64_t of) {
  if (of == 0)
    return "—";
  const double pct = std::round(rate * 1000.0) / 10.0;
  char buf[32];
  if (pct == std::floor(pct))
    std::snprintf(buf, sizeof buf, "%.0f%%", pct);
  else
    std::snprintf(buf, sizeof buf, "%.1f%%", pct);
  return buf;
}

}  // namespace rectifyd::papers
