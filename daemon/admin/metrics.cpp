#include "admin/metrics.h"

#include <cmath>
#include <cstdio>

namespace rectifyd::admin {
namespace {

std::string format_value(double v) {
  if (std::isnan(v))
    return "NaN";
  if (std::isinf(v))
    return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string escape_help(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string escape_label_value(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

Metrics::Metrics() {
  describe(kPlannerRuns, MetricType::counter, "Planner runs since start.");
  describe(kPlannerFailures, MetricType::counter, "Planner runs that failed.");
  describe(kPlannerSeconds, MetricType::counter, "Time spent in planner runs, in seconds.");
  describe(kPlannerLastSeconds, MetricType::gauge, "Duration of the last planner run, in seconds.");
  describe(kConfigReloads, MetricType::counter, "Configuration reloads by result (ok, refused).");
  describe(kDeliveries, MetricType::counter, "Delivery attempts by channel and result.");
  describe(kDeliveryRetries, MetricType::counter, "Rows put back for a later delivery attempt.");
  describe(kHttpRequests, MetricType::counter, "Admin API requests by status code.");
  add(kPlannerRuns, {}, 0);
  add(kPlannerFailures, {}, 0);
  add(kPlannerSeconds, {}, 0);
  add(kConfigReloads, {{"result", "ok"}}, 0);
  add(kConfigReloads, {{"result", "refused"}}, 0);
  add(kDeliveryRetries, {}, 0);
}

void Metrics::describe(std::string_view name, MetricType type, std::string_view help) {
  std::lock_guard lock(mu_);
  auto& f = families_[std::string(name)];
  f.type = type;
  f.help = std::string(help);
}

void Metrics::add(std::string_view name, const Labels& labels, double by) {
  std::lock_guard lock(mu_);
  auto it = families_.find(name);
  if (it == families_.end())
    it = families_.emplace(std::string(name), Family{MetricType::counter, "", {}}).first;
  it->second.series[labels] += by;
}

void Metrics::set(std::string_view name, const Labels& labels, double v) {
  std::lock_guard lock(mu_);
  auto it = families_.find(name);
  if (it == families_.end())
    it = families_.emplace(std::string(name), Family{}).first;
  it->second.series[labels] = v;
}

void Metrics::clear(std::string_view name) {
  std::lock_guard lock(mu_);
  if (auto it = families_.find(name); it != families_.end())
    it->second.series.clear();
}

double Metrics::value(std::string_view name, const Labels& labels) const {
  std::lock_guard lock(mu_);
  auto it = families_.find(name);
  if (it == families_.end())
    return 0;
  auto s = it->second.series.find(labels);
  return s == it->second.series.end() ? 0 : s->second;
}

std::string Metrics::render() const {
  std::lock_guard lock(mu_);
  std::string out;
  for (const auto& [name, f] : families_) {
    if (!f.help.empty())
      out += "# HELP " + name + " " + escape_help(f.help) + "\n";
    out += "# TYPE " + name + (f.type == MetricType::counter ? " counter\n" : " gauge\n");
    for (const auto& [labels, v] : f.series) {
      out += name;
      if (!labels.empty()) {
        out += '{';
        bool first = true;
        for (const auto& [k, lv] : labels) {
          if (!first)
            out += ',';
          first = false;
          out += k + "=\"" + escape_label_value(lv) + "\"";
        }
        out += '}';
      }
      out += ' ' + format_value(v) + '\n';
    }
  }
  return out;
}

void Metrics::planner_run(double seconds, bool ok) {
  add(kPlannerRuns);
  if (!ok)
    add(kPlannerFailures);
  add(kPlannerSeconds, {}, seconds);
  set(kPlannerLastSeconds, {}, seconds);
}

void Metrics::config_reload(bool ok) {
  add(kConfigReloads, {{"result", ok ? "ok" : "refused"}});
}

void Metrics::delivery(std::string_view channel, std::string_view result) {
  add(kDeliveries, {{"channel", std::string(channel)}, {"result", std::string(result)}});
  if (result == "retry")
    add(kDeliveryRetries);
}

}  // namespace rectifyd::admin
