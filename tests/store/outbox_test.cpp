#include "store/outbox.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <map>

#include <SQLiteCpp/Database.h>

#include "core/dates.h"
#include "store/migrations.h"
#include "temp_dir.h"

namespace rectifyd::store {
namespace {

using namespace std::chrono_literals;

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::open(dir_.file("a.db"));
    ASSERT_TRUE(db);
    db_ = std::move(db.value());
    out_ = std::make_unique<Outbox>(*db_);
  }
  NewNotification note(const std::string& key, const std::string& channel, Instant nb) {
    return {key, "reminder", channel, "张三", "提醒", "{}", nb, false};
  }

  rectifyd::testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Outbox> out_;
  Instant t0_ = *parse_instant("2026-12-01T01:00:00Z");
};

TEST(Outbox, EnqueueIsIdempotentByKey) {
  rectifyd::testing::TempDir dir;
  auto db = Database::open(dir.file("a.db"));
  ASSERT_TRUE(db);
  Outbox out(**db);
  auto now = *parse_instant("2026-12-01T01:00:00Z");
  NewNotification n{
      "reminder/m1@2026-12-04/p1/log", "reminder", "log", "张三", "提醒", "{}", now, false};
  EXPECT_TRUE(out.enqueue(n, now));
  n.subject = "changed";
  EXPECT_FALSE(out.enqueue(n, now));
  auto& sql = (*db)->sql();
  EXPECT_EQ(sql.execAndGet("SELECT count(*) FROM outbox").getInt(), 1);
  EXPECT_EQ(sql.execAndGet("SELECT subject FROM outbox").getString(), "提醒");
  EXPECT_EQ(sql.execAndGet("SELECT state FROM outbox").getString(), "pending");
}

TEST_F(OutboxTest, ClaimTakesOnlyDueRowsPerChannelLimitAndMarksSending) {
  out_->enqueue(note("a", "wecom", t0_), t0_);
  out_->enqueue(note("b", "wecom", t0_ + 1s), t0_);
  out_->enqueue(note("c", "wecom", t0_ + 1h), t0_);  // not due
  out_->enqueue(note("d", "slack", t0_), t0_);
  out_->enqueue(note("e", "other", t0_), t0_);  // channel not asked for

  auto rows = out_->claim_due({{"wecom", 1}, {"slack", 5}}, t0_ + 10s);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].key, "d");  // map order: slack before wecom
  EXPECT_EQ(rows[1].key, "a");  // oldest not_before first
  EXPECT_EQ(rows[1].attempts, 1);
  EXPECT_EQ(out_->get(rows[1].id)->state, OutboxState::sending);
  EXPECT_EQ(out_->get(rows[1].id)->attempts, 1);

  // Claimed rows are not claimed again.
  auto more = out_->claim_due({{"wecom", 5}}, t0_ + 10s);
  ASSERT_EQ(more.size(), 1u);
  EXPECT_EQ(more[0].key, "b");
  EXPECT_TRUE(out_->claim_due({{"wecom", 5}}, t0_ + 10s).empty());
  EXPECT_EQ(out_->next_due(), t0_);  // "e" is still pending
  std::vector<std::string> wecom{"wecom"};
  EXPECT_EQ(out_->next_due(wecom), t0_ + 1h);
  auto queued = out_->queued_channels();
  std::sort(queued.begin(), queued.end());
  EXPECT_EQ(queued, (std::vector<std::string>{"other", "wecom"}));  // slack's only row is sending
}

TEST_F(OutboxTest, ClaimedRowsComeBackAsTheyAreNowStored) {
  for (int i = 0; i < 40; ++i) {
    auto n = note("k" + std::to_string(i), i % 3 == 0 ? "slack" : "wecom",
                  t0_ - std::chrono::seconds{i % 7});
    n.payload = R"({"kind":"reminder","subject":"第)" + std::to_string(i) + R"(条"})";
    n.late = i % 2 == 0;
    out_->enqueue(n, t0_ - 1h);
  }
  // Some rows have been tried before: attempts, last_error and a later not_before differ.
  auto first = out_->claim_due({{"wecom", 5}}, t0_);
  std::vector<Settlement> failed;
  for (const auto& r : first)
    failed.push_back({r.id, OutboxState::failed, t0_ + 1s, "HTTP 503"});
  out_->settle(failed, t0_);

  const auto now = t0_ + 10s;
  auto rows = out_->claim_due({{"slack", 6}, {"wecom", 100}}, now);
  ASSERT_EQ(rows.size(), 6u + 26u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    auto stored = out_->get(r.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(r.key, stored->key);
    EXPECT_EQ(r.kind, stored->kind);
    EXPECT_EQ(r.channel, stored->channel);
    EXPECT_EQ(r.recipient, stored->recipient);
    EXPECT_EQ(r.subject, stored->subject);
    EXPECT_EQ(r.payload, stored->payload);
    EXPECT_EQ(r.state, OutboxState::sending);
    EXPECT_EQ(stored->state, OutboxState::sending);
    EXPECT_EQ(r.attempts, stored->attempts);
    EXPECT_EQ(r.not_before, stored->not_before);
    EXPECT_EQ(r.last_error, stored->last_error);
    EXPECT_EQ(r.late, stored->late);
    EXPECT_EQ(r.created_at, stored->created_at);
    EXPECT_EQ(r.updated_at, now);
    EXPECT_EQ(stored->updated_at, now);
    EXPECT_EQ(r.sent_at, stored->sent_at);
    EXPECT_EQ(r.due_at, stored->due_at);
    // Per channel in map order (slack, wecom), oldest not_before first, then by id.
    if (i > 0 && rows[i - 1].channel == r.channel) {
      EXPECT_TRUE(rows[i - 1].not_before < r.not_before ||
                  (rows[i - 1].not_before == r.not_before && rows[i - 1].id < r.id))
          << i;
    }
  }
  EXPECT_EQ(rows.front().channel, "slack");
  EXPECT_EQ(rows.back().channel, "wecom");
  int retried = 0;
  for (const auto& r : rows) {
    if (r.attempts == 2) {
      ++retried;
      EXPECT_EQ(r.last_error, "HTTP 503");
      EXPECT_EQ(r.not_before, t0_ + 1s);
    } else {
      EXPECT_EQ(r.attempts, 1);
    }
  }
  EXPECT_EQ(retried, 5);
  EXPECT_EQ(out_->counts()[OutboxState::pending], 40 - 32);
  EXPECT_TRUE(out_->claim_due({{"wecom", 100}}, now).empty());
}

TEST_F(OutboxTest, SettleOfManyRowsWritesEachOutcomeAndNothingElse) {
  for (int i = 0; i < 300; ++i)
    out_->enqueue(note("k" + std::to_string(i), "wecom", t0_), t0_);
  auto rows = out_->claim_due({{"wecom", 250}}, t0_);
  ASSERT_EQ(rows.size(), 250u);
  // A row that failed once carries its error until it is sent.
  out_->settle(std::vector<Settlement>{{rows[0].id, OutboxState::failed, t0_, "HTTP 503"}}, t0_);
  ASSERT_EQ(out_->claim_due({{"wecom", 1}}, t0_).at(0).id, rows[0].id);
  std::vector<Settlement> s;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i % 10 == 3)
      s.push_back({rows[i].id, OutboxState::failed, t0_ + 1h, "HTTP 500"});
    else if (i % 10 == 7)
      s.push_back({rows[i].id, OutboxState::pending, {}, ""});
    else if (i != 249)  // still in flight
      s.push_back({rows[i].id, OutboxState::sent, {}, ""});
  }
  const auto later = t0_ + 5min;
  out_->settle(s, later);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto r = *out_->get(rows[i].id);
    if (i == 249) {
      EXPECT_EQ(r.state, OutboxState::sending);
    } else if (i % 10 == 3) {
      EXPECT_EQ(r.state, OutboxState::failed) << i;
      EXPECT_EQ(r.last_error, "HTTP 500") << i;
    } else if (i % 10 == 7) {
      EXPECT_EQ(r.state, OutboxState::pending) << i;
    } else {
      EXPECT_EQ(r.state, OutboxState::sent) << i;
      EXPECT_EQ(r.sent_at, later) << i;
      EXPECT_EQ(r.updated_at, later) << i;
      EXPECT_EQ(r.last_error, "") << i;
    }
  }
  auto counts = out_->counts();
  EXPECT_EQ(counts[OutboxState::sent], 199);
  EXPECT_EQ(counts[OutboxState::failed], 25);
  EXPECT_EQ(counts[OutboxState::pending], 50 + 25);  // the 50 never claimed, and those put back
  EXPECT_EQ(counts[OutboxState::sending], 1);
  out_->settle(std::vector<Settlement>{}, later);  // nothing to write
  EXPECT_EQ(out_->counts(), counts);
}

TEST_F(OutboxTest, SettleRecordsEachOutcome) {
  for (auto k : {"a", "b", "c", "d"})
    out_->enqueue(note(k, "wecom", t0_), t0_);
  auto rows = out_->claim_due({{"wecom", 4}}, t0_);
  ASSERT_EQ(rows.size(), 4u);
  auto later = t0_ + 5min;
  std::vector<Settlement> s{{rows[0].id, OutboxState::sent, {}, ""},
                            {rows[1].id, OutboxState::failed, t0_ + 1h, "HTTP 500"},
                            {rows[2].id, OutboxState::dead, {}, "HTTP 404"},
                            {rows[3].id, OutboxState::pending, {}, ""}};
  out_->settle(s, later);
  auto a = *out_->get(rows[0].id);
  EXPECT_EQ(a.state, OutboxState::sent);
  EXPECT_EQ(a.sent_at, later);
  auto b = *out_->get(rows[1].id);
  EXPECT_EQ(b.state, OutboxState::failed);
  EXPECT_EQ(b.not_before, t0_ + 1h);
  EXPECT_EQ(b.last_error, "HTTP 500");
  EXPECT_EQ(out_->get(rows[2].id)->state, OutboxState::dead);
  EXPECT_EQ(out_->get(rows[3].id)->state, OutboxState::pending);
  EXPECT_EQ(out_->get(rows[3].id)->attempts, 1);

  // A failed row is claimable again once due.
  EXPECT_TRUE(out_->claim_due({{"wecom", 9}}, t0_ + 59min).size() == 1u);  // only "d"
  auto again = out_->claim_due({{"wecom", 9}}, t0_ + 1h);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].key, "b");
  EXPECT_EQ(again[0].attempts, 2);

  auto c = out_->counts();
  EXPECT_EQ(c[OutboxState::sent], 1);
  EXPECT_EQ(c[OutboxState::dead], 1);
  EXPECT_EQ(c[OutboxState::sending], 2);
}

TEST_F(OutboxTest, DueAtIsThePlannedTimeNeverBeforeCreationAndStaysPut) {
  out_->enqueue(note("later", "wecom", t0_ + 72h), t0_);
  out_->enqueue(note("overdue", "wecom", t0_ - 5h), t0_);
  auto later = out_->list(std::nullopt);
  std::map<std::string, OutboxRow> by_key;
  for (auto& r : later)
    by_key[r.key] = r;
  EXPECT_EQ(by_key["later"].due_at, t0_ + 72h);
  EXPECT_EQ(by_key["later"].created_at, t0_);
  EXPECT_EQ(by_key["overdue"].due_at, t0_);

  // A failure and a restart move not_before, never due_at.
  auto rows = out_->claim_due({{"wecom", 5}}, t0_ + 72h);
  ASSERT_EQ(rows.size(), 2u);
  std::vector<Settlement> s;
  for (const auto& r : rows)
    s.push_back({r.id, OutboxState::failed, t0_ + 73h, "HTTP 503"});
  out_->settle(s, t0_ + 72h);
  EXPECT_EQ(out_->reset_sending(t0_ + 80h), 0);
  for (const auto& r : rows) {
    auto now = *out_->get(r.id);
    EXPECT_EQ(now.not_before, t0_ + 73h);
    EXPECT_EQ(now.due_at, r.key == "later" ? t0_ + 72h : t0_);
  }
}

TEST(OutboxMigration, QueuedRowsOfAnOlderSchemaTakeTheirNotBeforeAsDueAt) {
  rectifyd::testing::TempDir dir;
  {
    SQLite::Database raw(dir.file("old.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (const auto& m : migrations()) {
      if (m.version > 2)
        break;
      raw.exec(std::string(m.sql));
      raw.exec("PRAGMA user_version=" + std::to_string(m.version));
    }
    raw.exec(
        "INSERT INTO outbox(idempotency_key, kind, channel, recipient, payload, not_before, "
        "created_at, updated_at) VALUES "
        "('deferred','reminder','wecom','张三','{}','2026-12-04T01:00:00Z',"
        "'2026-12-01T01:00:00Z','2026-12-01T01:00:00Z'),"
        "('now','reminder','wecom','张三','{}','2026-11-30T01:00:00Z',"
        "'2026-12-01T01:00:00Z','2026-12-01T01:00:00Z')");
  }
  auto db = Database::open(dir.file("old.db"));
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_EQ((*db)->schema_version(), latest_schema_version());
  Outbox out(**db);
  for (const auto& r : out.list(std::nullopt)) {
    if (r.key == "deferred")
      EXPECT_EQ(r.due_at, *parse_instant("2026-12-04T01:00:00Z"));
    else
      EXPECT_EQ(r.due_at, *parse_instant("2026-12-01T01:00:00Z"));
  }
  EXPECT_EQ(out.list(std::nullopt).size(), 2u);
}

TEST_F(OutboxTest, ResetSendingMakesRowsDueAgainWithSameKey) {
  out_->enqueue(note("a", "wecom", t0_), t0_);
  auto rows = out_->claim_due({{"wecom", 1}}, t0_ + 1h);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(out_->reset_sending(t0_ + 2h), 1);
  auto r = *out_->get(rows[0].id);
  EXPECT_EQ(r.state, OutboxState::pending);
  EXPECT_EQ(r.key, "a");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(out_->reset_sending(t0_ + 2h), 0);
}

TEST_F(OutboxTest, ListRetryDeadDropAndPrune) {
  for (auto k : {"a", "b", "c"})
    out_->enqueue(note(k, "wecom", t0_), t0_);
  auto rows = out_->claim_due({{"wecom", 3}}, t0_);
  std::vector<Settlement> s{{rows[0].id, OutboxState::sent, {}, ""},
                            {rows[1].id, OutboxState::dead, {}, "HTTP 403"}};
  out_->settle(s, t0_);
  auto dead = out_->list(OutboxState::dead);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].key, "b");
  EXPECT_EQ(out_->list(std::nullopt).size(), 3u);

  EXPECT_FALSE(out_->retry_dead(rows[0].id, t0_ + 1h));  // sent, not dead
  EXPECT_TRUE(out_->retry_dead(rows[1].id, t0_ + 1h));
  auto b = *out_->get(rows[1].id);
  EXPECT_EQ(b.state, OutboxState::pending);
  EXPECT_EQ(b.due_at, t0_ + 1h);  // its age counts afresh
  EXPECT_EQ(b.created_at, t0_);

  EXPECT_FALSE(out_->drop(rows[2].id));  // still sending
  EXPECT_TRUE(out_->drop(rows[1].id));
  EXPECT_FALSE(out_->get(rows[1].id).has_value());

  EXPECT_EQ(out_->oldest_sent(), t0_);
  EXPECT_EQ(out_->prune_sent(t0_), 0);  // sent at t0_, not before it
  EXPECT_EQ(out_->prune_sent(t0_ + 1s), 1);
  EXPECT_EQ(out_->list(std::nullopt).size(), 1u);
  EXPECT_FALSE(out_->oldest_sent());
}

TEST_F(OutboxTest, ABigClaimComesBackOldestFirstAsTheRowsNowAre) {
  db_->write([&] {
    for (int i = 0; i < 300; ++i)
      out_->enqueue(note("k" + std::to_string(i), "hook", t0_ - std::chrono::seconds{i % 7}), t0_);
  });
  auto rows = out_->claim_due({{"hook", 250}}, t0_);
  ASSERT_EQ(rows.size(), 250u);
  EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.not_before != b.not_before ? a.not_before < b.not_before : a.id < b.id;
  }));
  EXPECT_EQ(rows.front().not_before, t0_ - 6s);
  for (const auto& r : rows) {
    EXPECT_EQ(r.state, OutboxState::sending);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_EQ(r.payload, "{}");
  }
  EXPECT_EQ(out_->counts()[OutboxState::sending], 250);
  EXPECT_EQ(out_->claim_due({{"hook", 250}}, t0_).size(), 50u);
}

}  // namespace
}  // namespace rectifyd::store
