#pragma once
// A small real ledger in a temporary SQLite file, shared by the tests of what reads and writes it.

#include <memory>

#include <gtest/gtest.h>

#include "core/dates.h"
#include "store/database.h"
#include "store/ledger_store.h"
#include "temp_dir.h"

namespace rectifyd::store {

class LedgerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Database::open(dir_.file("ledger.db"));
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    store_ = std::make_unique<LedgerStore>(*db_);

    zhang_ = add_person("张三", Role::owner);
    li_ = add_person("李四", Role::leader);
    wang_ = add_person("王五", Role::owner);
    round_ = must(store_->add_round({0, "区委第三巡察组", parse_date("2026-01-10"),
                                     parse_date("2026-02-10"), parse_date("2026-07-10")}));
    cat1_ = must(store_->add_category({0, round_, 1, "党的建设方面"}));
    cat2_ = must(store_->add_category({0, round_, 2, "财务管理方面"}));
    p1_ = must(store_->add_problem({0, cat1_, 1, "学习制度落实不到位", li_}));
    p2_ = must(store_->add_problem({0, cat1_, 2, "会议记录不规范", li_}));
    p3_ = must(store_->add_problem({0, cat2_, 3, "公务接待超标准", std::nullopt}));
  }

  template <class T>
  static T must(Result<T> r) {
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return r ? *r : T{};
  }

  Id add_person(const std::string& name, Role role) {
    Person p;
    p.name = name;
    p.roles.add(role);
    return must(store_->add_person(p));
  }

  Id add_measure(Id problem, int ordinal, std::optional<Id> owner, const char* due,
                 MeasureStatus status = MeasureStatus::open) {
    Measure m;
    m.problem_id = problem;
    m.ordinal = ordinal;
    m.text = "措施" + std::to_string(ordinal);
    m.owner_id = owner;
    if (due)
      m.due = parse_date(due);
    m.status = status;
    return must(store_->add_measure(m));
  }

  rectifyd::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<LedgerStore> store_;
  Id zhang_ = 0, li_ = 0, wang_ = 0, round_ = 0, cat1_ = 0, cat2_ = 0, p1_ = 0, p2_ = 0, p3_ = 0;
};

}  // namespace rectifyd::store
