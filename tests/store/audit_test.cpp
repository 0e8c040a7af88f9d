#include "store/audit.h"

#include <gtest/gtest.h>

#include "core/dates.h"
#include "store/database.h"
#include "temp_dir.h"

namespace rectifyd::store {
namespace {

using namespace std::chrono_literals;

TEST(Audit, AppendAndPageNewestFirst) {
  rectifyd::testing::TempDir dir;
  auto db = store::Database::open(dir.file("a.db"));
  ASSERT_TRUE(db);
  AuditLog log(**db);
  auto t0 = *parse_instant("2026-03-01T00:00:00Z");
  for (int i = 0; i < 5; ++i) {
    AuditEntry e{0,
                 t0 + std::chrono::hours{i},
                 "办公室",
                 "measure.close",
                 "measure:" + std::to_string(i % 2),
                 "{\"i\":" + std::to_string(i) + "}",
                 "{}"};
    ASSERT_TRUE(log.append(e));
  }
  auto first = log.list([&] {
    ::rectifyd::store::AuditQuery q;
    q.before_id = std::nullopt;
    q.entity = "";
    q.limit = 2;
    return q;
  }());
  ASSERT_TRUE(first);
  ASSERT_EQ(first->entries.size(), 2u);
  EXPECT_EQ(first->entries[0].before, "{\"i\":4}");
  EXPECT_EQ(first->entries[0].at, t0 + 4h);
  EXPECT_EQ(first->entries[1].before, "{\"i\":3}");
  ASSERT_TRUE(first->next_before);

  auto second = log.list([&] {
    ::rectifyd::store::AuditQuery q;
    q.before_id = first->next_before;
    q.entity = "";
    q.limit = 2;
    return q;
  }());
  ASSERT_TRUE(second);
  ASSERT_EQ(second->entries.size(), 2u);
  EXPECT_EQ(second->entries[0].before, "{\"i\":2}");
  auto last = log.list([&] {
    ::rectifyd::store::AuditQuery q;
    q.before_id = second->next_before;
    q.entity = "";
    q.limit = 2;
    return q;
  }());
  ASSERT_TRUE(last);
  ASSERT_EQ(last->entries.size(), 1u);
  EXPECT_FALSE(last->next_before);

  auto one_entity = log.list([&] {
    ::rectifyd::store::AuditQuery q;
    q.before_id = std::nullopt;
    q.entity = "measure:1";
    q.limit = 50;
    return q;
  }());
  ASSERT_TRUE(one_entity);
  ASSERT_EQ(one_entity->entries.size(), 2u);
  EXPECT_EQ(one_entity->entries[0].before, "{\"i\":3}");
}

TEST(Audit, RollsBackWithTheTransaction) {
  rectifyd::testing::TempDir dir;
  auto db = store::Database::open(dir.file("a.db"));
  ASSERT_TRUE(db);
  AuditLog log(**db);
  try {
    (*db)->write([&] {
      ASSERT_TRUE(log.append({0, Instant{}, "x", "y", "", "", ""}));
      throw std::runtime_error("abort");
    });
  } catch (const std::runtime_error&) {
  }
  EXPECT_TRUE(log.list()->entries.empty());
}

}  // namespace
}  // namespace rectifyd::store
