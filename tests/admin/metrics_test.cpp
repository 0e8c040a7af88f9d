#include "admin/metrics.h"

#include <regex>
#include <sstream>

#include <gtest/gtest.h>

namespace rectifyd::admin {
namespace {

TEST(MetricsTest, CountersAddUpPerLabelSet) {
  Metrics m;
  m.delivery("wecom", "sent");
  m.delivery("wecom", "sent");
  m.delivery("wecom", "retry");
  m.delivery("email", "dead");
  EXPECT_EQ(m.value(kDeliveries, {{"channel", "wecom"}, {"result", "sent"}}), 2);
  EXPECT_EQ(m.value(kDeliveries, {{"channel", "wecom"}, {"result", "retry"}}), 1);
  EXPECT_EQ(m.value(kDeliveries, {{"channel", "email"}, {"result", "dead"}}), 1);
  EXPECT_EQ(m.value(kDeliveryRetries), 1);
}

TEST(MetricsTest, PlannerRunsAndReloadsAreCounted) {
  Metrics m;
  m.planner_run(0.25, true);
  m.planner_run(0.5, false);
  m.config_reload(true);
  m.config_reload(false);
  m.config_reload(false);
  EXPECT_EQ(m.value(kPlannerRuns), 2);
  EXPECT_EQ(m.value(kPlannerFailures), 1);
  EXPECT_DOUBLE_EQ(m.value(kPlannerSeconds), 0.75);
  EXPECT_DOUBLE_EQ(m.value(kPlannerLastSeconds), 0.5);
  EXPECT_EQ(m.value(kConfigReloads, {{"result", "ok"}}), 1);
  EXPECT_EQ(m.value(kConfigReloads, {{"result", "refused"}}), 2);
}

TEST(MetricsTest, RendersTheTextFormat) {
  Metrics m;
  m.describe("x_rows", MetricType::gauge, "Rows.");
  m.set("x_rows", {{"state", "pending"}, {"channel", "a\"b\\c\nd"}}, 3);
  m.set("x_rows", {{"state", "dead"}, {"channel", "log"}}, 0.5);
  m.planner_run(1.5, true);
  const std::string text = m.render();
  EXPECT_NE(text.find("# HELP x_rows Rows.\n# TYPE x_rows gauge\n"), std::string::npos) << text;
  EXPECT_NE(text.find("x_rows{state=\"pending\",channel=\"a\\\"b\\\\c\\nd\"} 3\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("x_rows{state=\"dead\",channel=\"log\"} 0.5\n"), std::string::npos);
  EXPECT_NE(
      text.find("# TYPE rectifyd_planner_runs_total counter\nrectifyd_planner_runs_total 1\n"),
      std::string::npos)
      << text;
  // Every sample line is name{labels} value.
  const std::regex sample(
      R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_]+="([^"\\]|\\.)*",?)*\})? [-+0-9.eEInfNa]+$)");
  std::istringstream in(text);
  std::string line;
  int samples = 0;
  while (std::getline(in, line)) {
    if (line.starts_with("#"))
      continue;
    ++samples;
    EXPECT_TRUE(std::regex_match(line, sample)) << line;
  }
  EXPECT_GT(samples, 5);
}

TEST(MetricsTest, ClearForgetsVanishedSeries) {
  Metrics m;
  m.set("g", {{"state", "dead"}}, 4);
  m.clear("g");
  m.set("g", {{"state", "sent"}}, 1);
  EXPECT_EQ(m.render().find("state=\"dead\""), std::string::npos);
  EXPECT_EQ(m.value("g", {{"state", "sent"}}), 1);
}

}  // namespace
}  // namespace rectifyd::admin
