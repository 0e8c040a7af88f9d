#include "store/outbox.h"

#include <gtest/gtest.h>

#include "core/dates.h"
#include "temp_dir.h"

namespace rectifyd::store {
namespace {

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

}  // namespace
}  // namespace rectifyd::store
