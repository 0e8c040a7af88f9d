#pragma once
// The daemon's counters and gauges, rendered in the Prometheus text format (version 0.0.4) at
// /metrics. Components add to counters as things happen (a planner run, a reload, a delivery);
// the admin API sets the gauges it reads from the store just before rendering.
//
// The daemon runs on one thread, but a mutex keeps the registry safe if a component ever
// reports from another.

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rectifyd::admin {

/// Label name → value pairs, e.g. {{"channel", "wecom"}, {"result", "sent"}}.
using Labels = std::vector<std::pair<std::string, std::string>>;

enum class MetricType { counter, gauge };

// The names every part of the daemon uses.
inline constexpr std::string_view kPlannerRuns = "rectifyd_planner_runs_total";
inline constexpr std::string_view kPlannerFailures = "rectifyd_planner_failures_total";
inline constexpr std::string_view kPlannerSeconds = "rectifyd_planner_run_seconds_total";
inline constexpr std::string_view kPlannerLastSeconds = "rectifyd_planner_last_run_seconds";
inline constexpr std::string_view kConfigReloads = "rectifyd_config_reloads_total";
inline constexpr std::string_view kDeliveries = "rectifyd_deliveries_total";
inline constexpr std::string_view kDeliveryRetries = "rectifyd_delivery_retries_total";
inline constexpr std::string_view kHttpRequests = "rectifyd_admin_requests_total";

class Metrics {
 public:
  /// Registers the standard metrics with their help text, so they show (at 0) from the start.
  Metrics();

  /// Declares a metric; a name used before it is declared is an untyped gauge.
  void describe(std::string_view name, MetricType type, std::string_view help);
  /// Adds `by` to a counter (created at 0 on first use).
  void add(std::string_view name, const Labels& labels = {}, double by = 1);
  /// Sets a gauge.
  void set(std::string_view name, const Labels& labels, double value);
  /// Forgets every series of a metric (a gauge recomputed whole, so vanished label sets go).
  void clear(std::string_view name);
  /// The current value; 0 when the series does not exist.
  double value(std::string_view name, const Labels& labels = {}) const;

  /// Every metric as Prometheus text: "# HELP", "# TYPE", then one line per series.
  std::string render() const;

  /// Convenience for the callers that count outcomes.
  void planner_run(double seconds, bool ok);
  void config_reload(bool ok);
  void delivery(std::string_view channel, std::string_view result);

 private:
  struct Family {
    MetricType type = MetricType::gauge;
    std::string help;
    std::map<Labels, double> series;
  };
  mutable std::mutex mu_;
  std::map<std::string, Family, std::less<>> families_;
};

/// Escapes a label value for the text format (backslash, double quote, newline).
std::string escape_label_value(std::string_view v);

}  // namespace rectifyd::admin
