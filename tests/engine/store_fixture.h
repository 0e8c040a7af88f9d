#pragma once
// A small unit in a real SQLite file, for the engine and preview tests.

#include "store/database.h"

namespace rectifyd::engine::testing {

/// A unit with two owners, a leader, a chief and the office, and four measures around
/// Wed 2026-03-11.
inline void seed_unit(store::Database& db) {
  db.sql().exec(R"sql(
    INSERT INTO people(id, name, email, roles) VALUES
      (1, '王五', 'wangwu@example.org', 'owner'),
      (2, '李四', 'lisi@example.org', 'leader,owner'),
      (3, '张三', 'zhangsan@example.org', 'chief'),
      (4, '赵六', 'zhaoliu@example.org', 'office'),
      (5, '钱七', 'qianqi@example.org', 'owner');
    INSERT INTO rounds(id, name) VALUES (1, '2026年区委第一轮巡察');
    INSERT INTO categories(id, round_id, ordinal, title) VALUES (1, 1, 1, '党的领导');
    INSERT INTO problems(id, category_id, number, title, leader_id) VALUES
      (1, 1, 3, '地方志编纂指导不够', 2);
    INSERT INTO measures(id, problem_id, ordinal, text, owner_id, due, status) VALUES
      (1, 1, 1, '制定村志编纂工作方案', 1, '2026-03-10', 'open'),
      (2, 1, 2, '加强乡镇村志编纂指导和审核把关', 1, '2026-03-12', 'in_progress'),
      (3, 1, 3, '组织业务培训', 5, '2026-03-11', 'open'),
      (4, 1, 4, '已经销号的措施', 5, '2026-03-11', 'closed'),
      (5, 1, 5, '已报完成的措施', 5, '2026-03-11', 'done_reported');
  )sql");
}

}  // namespace rectifyd::engine::testing
