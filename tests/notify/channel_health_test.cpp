#include "notify/channel_health.h"

#include <gtest/gtest.h>

#include "core/dates.h"

namespace rectifyd::notify {
namespace {

using namespace std::chrono_literals;
using Kind = HealthChange::Kind;

Instant t0() {
  return *parse_instant("2026-12-01T01:00:00Z");
}

TEST(ChannelHealth, FirstFailureThenRateLimitedSummariesThenRecovery) {
  ChannelHealth h(30min, 5min);
  EXPECT_FALSE(h.succeeded("hook", t0()).has_value());  // healthy stays quiet

  auto first = h.failed("hook", "HTTP 500", t0() + 1s);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->kind, Kind::failing);
  EXPECT_EQ(first->status.last_error, "HTTP 500");
  EXPECT_EQ(first->status.failing_since, t0() + 1s);

  // A flood of failures within five minutes says nothing more…
  int lines = 0;
  for (int i = 1; i <= 100; ++i)
    lines += h.failed("hook", "HTTP 500", t0() + 1s + std::chrono::seconds{i}).has_value();
  EXPECT_EQ(lines, 0);
  // …then one summary with the count.
  auto summary = h.failed("hook", "HTTP 503", t0() + 1s + 5min);
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->kind, Kind::still_failing);
  EXPECT_EQ(summary->status.failures, 102u);
  EXPECT_EQ(summary->failures_since_logged, 101u);
  EXPECT_EQ(summary->status.last_error, "HTTP 503");
  EXPECT_FALSE(h.failed("hook", "HTTP 503", t0() + 6min).has_value());

  auto up = h.succeeded("hook", t0() + 10min);
  ASSERT_TRUE(up.has_value());
  EXPECT_EQ(up->kind, Kind::recovered);
  EXPECT_EQ(up->status.failures, 103u);
  EXPECT_EQ(up->status.failing_since, t0() + 1s);
  auto now = h.status("hook");
  ASSERT_TRUE(now.has_value());
  EXPECT_FALSE(now->failing);
  EXPECT_EQ(now->failures, 0u);
  EXPECT_EQ(now->failures_total, 103u);
  EXPECT_EQ(now->transfers_total, 105u);

  // A new spell starts afresh.
  auto again = h.failed("hook", "timeout", t0() + 11min);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->kind, Kind::failing);
}

TEST(ChannelHealth, TheOfficeIsToldOncePerSpellAfterAlertAfter) {
  ChannelHealth h(30min);
  h.failed("hook", "HTTP 500", t0());
  h.failed("mail", "SMTP 451", t0() + 10min);
  EXPECT_EQ(h.next_alert(), t0() + 30min);
  EXPECT_TRUE(h.take_due_alerts(t0() + 30min - 1s).empty());
  auto due = h.take_due_alerts(t0() + 30min);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].channel, "hook");
  EXPECT_TRUE(due[0].office_told);
  EXPECT_EQ(h.next_alert(), t0() + 40min);  // mail's; hook's was told
  EXPECT_TRUE(h.take_due_alerts(t0() + 35min).empty());
  EXPECT_EQ(h.take_due_alerts(t0() + 2h).size(), 1u);
  EXPECT_FALSE(h.next_alert().has_value());

  // The recovery carries "the office was told", so the dispatcher tells it again.
  auto up = h.succeeded("hook", t0() + 3h);
  ASSERT_TRUE(up.has_value());
  EXPECT_TRUE(up->status.office_told);
  // A channel that recovers before alert_after was never reported.
  h.failed("hook", "HTTP 500", t0() + 4h);
  auto quick = h.succeeded("hook", t0() + 4h + 1min);
  ASSERT_TRUE(quick.has_value());
  EXPECT_FALSE(quick->status.office_told);
}

TEST(ChannelHealth, ChannelsGoneFromTheConfigurationAreForgotten) {
  ChannelHealth h;
  h.failed("old", "HTTP 500", t0());
  h.succeeded("hook", t0());
  h.retain({"hook"});
  ASSERT_EQ(h.snapshot().size(), 1u);
  EXPECT_EQ(h.snapshot()[0].channel, "hook");
  EXPECT_FALSE(h.next_alert().has_value());
}

}  // namespace
}  // namespace rectifyd::notify
