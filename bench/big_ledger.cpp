#include "big_ledger.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"

namespace rectifyd::bench {
namespace {

constexpr int kCategories = 10;
constexpr int kProblemsPerCategory = 200;
constexpr int kPeople = 200;

}  // namespace

void generate_big_ledger(store::Database& db, int measures) {
  db.write([&] {
    db.sql().exec("INSERT INTO rounds(name, feedback_date) VALUES ('基准测试巡察', '2026-01-10')");
    SQLite::Statement person(db.sql(), "INSERT INTO people(name, roles) VALUES (?, ?)");
    for (int i = 1; i <= kPeople; ++i) {
      person.bind(1, "人员" + std::to_string(i));
      person.bind(2, i % 10 == 0 ? "leader,owner" : "owner");
      person.exec();
      person.reset();
    }
    SQLite::Statement cat(db.sql(),
                          "INSERT INTO categories(round_id, ordinal, title) VALUES (1, ?, ?)");
    SQLite::Statement prob(
        db.sql(),
        "INSERT INTO problems(category_id, number, title, leader_id) VALUES (?, ?, ?, ?)");
    int number = 0;
    for (int c = 1; c <= kCategories; ++c) {
      cat.bind(1, c);
      cat.bind(2, "第" + std::to_string(c) + "方面");
      cat.exec();
      cat.reset();
      for (int p = 0; p < kProblemsPerCategory; ++p) {
        ++number;
        prob.bind(1, c);
        prob.bind(2, number);
        prob.bind(3, "问题" + std::to_string(number));
        prob.bind(4, (number % (kPeople / 10) + 1) * 10);
        prob.exec();
        prob.reset();
      }
    }
    const int problems = kCategories * kProblemsPerCategory;
    const char* statuses[] = {"open",   "in_progress", "done_reported",
                              "closed", "ongoing",     "not_applicable"};
    SQLite::Statement m(db.sql(),
                        "INSERT INTO measures(problem_id, ordinal, text, owner_id, due, status, "
                        "progress, talks, regulations, funds_returned_fen) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?)");
    const int per_problem = std::max(1, measures / problems);
    auto first_due = *parse_date("2026-01-15");
    std::uint64_t x = 88172645463325252ull;  // xorshift: the same ledger on every machine
    for (int i = 0; i < measures; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      int problem = i / per_problem + 1;
      int status = static_cast<int>(x % 10);  // 40% closed, the rest spread
      status = status < 4 ? 3 : status - 4;
      m.bind(1, problem);
      m.bind(2, i % per_problem + 1);
      m.bind(3, "整改措施 " + std::to_string(i + 1) + "：完善制度，加强监督检查");
      m.bind(4, static_cast<int>((x >> 8) % kPeople) + 1);
      m.bind(5, format_date(first_due + date::days{static_cast<int>((x >> 16) % 365)}));
      m.bind(6, statuses[status]);
      m.bind(7, static_cast<int>((x >> 24) % 101));
      m.bind(8, static_cast<int>((x >> 32) % 3));
      m.bind(9, static_cast<int>((x >> 36) % 2));
      m.bind(10, static_cast<int64_t>((x >> 40) % 100000));
      m.exec();
      m.reset();
    }
  });
  db.sql().exec("ANALYZE");
}

}  // namespace rectifyd::bench
