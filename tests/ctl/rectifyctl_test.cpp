// Runs the real rectifyctl program on a temporary database.

#include <sys/wait.h>

#include <cstdlib>
#include <initializer_list>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "captured_run.h"
#include "core/dates.h"
#include "store/audit.h"
#include "store/database.h"
#include "store/ledger_store.h"
#include "temp_dir.h"

namespace rectifyd::ctl {
namespace {

using CtlRun = rectifyd::testing::CapturedRun;

class RectifyctlTest : public ::testing::Test {
 protected:
  void SetUp() override { db_path_ = dir_.file("ledger.db"); }

  /// rectifyctl --db <temp> --now <fixed> ARGS…
  CtlRun ctl(std::initializer_list<std::string> args) {
    std::vector<std::string> all{"--db", db_path_, "--now", now_};
    all.insert(all.end(), args);
    return rectifyd::testing::run_captured(RECTIFYCTL_PATH, all, dir_.path().string());
  }

  boost::json::object json_of(const CtlRun& r) {
    boost::system::error_code ec;
    auto v = boost::json::parse(r.out, ec);
    EXPECT_FALSE(ec) << r.out;
    return ec || !v.is_object() ? boost::json::object{} : v.as_object();
  }

  /// Adds a round, a category, two problems and three measures through the store, as an
  /// importer would. Returns the measure ids.
  std::vector<Id> seed_ledger() {
    auto db = store::Database::open(db_path_);
    EXPECT_TRUE(db);
    store::LedgerStore store(**db);
    auto zhang = (*store.person_by_name("张三"))->id;
    auto li = (*store.person_by_name("李四"))->id;
    Id round = *store.add_round({0, "区委巡察", parse_date("2026-01-10"), {}, {}});
    Id cat = *store.add_category({0, round, 1, "党的建设方面"});
    Id p1 = *store.add_problem({0, cat, 1, "学习制度落实不到位", li});
    Id p2 = *store.add_problem({0, cat, 2, "会议记录不规范", std::nullopt});
    std::vector<Id> ids;
    for (auto [problem, ordinal, due] :
         {std::tuple{p1, 1, "2026-03-20"}, std::tuple{p1, 2, "2026-03-01"},
          std::tuple{p2, 1, "2026-03-11"}}) {
      Measure m;
      m.problem_id = problem;
      m.ordinal = ordinal;
      m.text = "修订学习制度并严格执行，每月检查一次学习记录";
      m.owner_id = zhang;
      m.due = parse_date(due);
      ids.push_back(*store.add_measure(m));
    }
    return ids;
  }

  void init_with_people() {
    ASSERT_EQ(ctl({"init"}).exit, 0);
    auto a = ctl({"people", "add", "张三", "--roles", "owner", "--title", "综合科科长", "--email",
                  "zhang@example.cn"});
    ASSERT_EQ(a.exit, 0) << a.err;
    auto b = ctl({"people", "add", "李四", "--roles", "leader,owner", "--title", "副局长"});
    ASSERT_EQ(b.exit, 0) << b.err;
  }

  rectifyd::testing::TempDir dir_;
  std::string db_path_;
  std::string now_ = "2026-03-10T09:00:00+08:00";
};

TEST_F(RectifyctlTest, InitCreatesTheDatabase) {
  auto r = ctl({"--json", "init"});
  ASSERT_EQ(r.exit, 0) << r.err;
  auto o = json_of(r);
  EXPECT_EQ(o["path"].as_string(), db_path_);
  EXPECT_GE(o["schema_version"].as_int64(), 1);
  auto human = ctl({"init"});
  EXPECT_EQ(human.exit, 0);
  EXPECT_NE(human.out.find("台账数据库已就绪"), std::string::npos);
}

TEST_F(RectifyctlTest, PeopleAddListEdit) {
  init_with_people();
  auto list = ctl({"--json", "people", "list"});
  ASSERT_EQ(list.exit, 0) << list.err;
  auto people = json_of(list)["people"].as_array();
  ASSERT_EQ(people.size(), 2u);
  EXPECT_EQ(people[0].as_object().at("name"), "张三");
  EXPECT_EQ(people[0].as_object().at("email"), "zhang@example.cn");
  EXPECT_EQ(people[1].as_object().at("roles"), "owner,leader");

  auto edit = ctl({"people", "edit", "张三", "--mobile", "13900000000", "--active", "false"});
  ASSERT_EQ(edit.exit, 0) << edit.err;
  auto after = json_of(ctl({"--json", "people", "list", "--role", "owner"}))["people"].as_array();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].as_object().at("mobile"), "13900000000");
  EXPECT_EQ(after[0].as_object().at("email"), "zhang@example.cn");  // untouched
  EXPECT_EQ(after[0].as_object().at("active"), false);

  auto dup = ctl({"people", "add", "张三"});
  EXPECT_NE(dup.exit, 0);
  EXPECT_NE(dup.err.find("张三"), std::string::npos);
  auto bad_role = ctl({"people", "add", "王五", "--roles", "boss"});
  EXPECT_NE(bad_role.exit, 0);
  EXPECT_NE(bad_role.err.find("--roles"), std::string::npos);

  auto table = ctl({"people", "list"});
  ASSERT_EQ(table.exit, 0);
  EXPECT_NE(table.out.find("综合科科长"), std::string::npos);
}

TEST_F(RectifyctlTest, ColoursCountWorkingDaysAsThePlannerDoes) {
  init_with_people();
  auto ids = seed_ledger();
  // Thursday 2026-03-12: the measure due Friday 03-20 is 6 working days away, the one due
  // Monday 03-16 four calendar days but only two working days (13th, 16th): yellow, as the
  // planner's reminders and the agenda see it.
  auto db = store::Database::open(db_path_);
  ASSERT_TRUE(db);
  {
    store::LedgerStore store(**db);
    auto m = store.measure(ids[2]);
    ASSERT_TRUE(m && *m);
    Measure changed = **m;
    changed.due = parse_date("2026-03-16");
    ASSERT_TRUE(store.update_measure(changed));
  }
  now_ = "2026-03-12T09:00:00+08:00";
  auto list = json_of(ctl({"--json", "ledger", "list"}));
  std::map<std::int64_t, std::string> colour;
  for (const auto& m : list["measures"].as_array())
    colour[m.at("id").as_int64()] = std::string(m.at("colour").as_string());
  EXPECT_EQ(colour[ids[2]], "yellow");
  EXPECT_EQ(colour[ids[0]], "green");
  EXPECT_EQ(colour[ids[1]], "red");
  auto shown = ctl({"measure", "show", std::to_string(ids[2])});
  ASSERT_EQ(shown.exit, 0) << shown.err;
  EXPECT_NE(shown.out.find("黄灯"), std::string::npos) << shown.out;
}

TEST_F(RectifyctlTest, MeasureLifecycleListAndStats) {
  init_with_people();
  auto ids = seed_ledger();

  auto p = ctl({"--actor", "张三", "measure", "progress", std::to_string(ids[0]), "50", "--note",
                "制度初稿已完成"});
  ASSERT_EQ(p.exit, 0) << p.err;
  EXPECT_NE(p.out.find("整改中"), std::string::npos);
  auto d = ctl(
      {"--actor", "张三", "measure", "done", std::to_string(ids[0]), "--evidence", "制度已印发"});
  ASSERT_EQ(d.exit, 0) << d.err;
  auto c = ctl({"--actor", "办公室", "--json", "measure", "close", std::to_string(ids[0])});
  ASSERT_EQ(c.exit, 0) << c.err;
  EXPECT_EQ(json_of(c)["status"], "closed");

  auto list = ctl({"--json", "ledger", "list"});
  ASSERT_EQ(list.exit, 0) << list.err;
  auto lo = json_of(list);
  EXPECT_EQ(lo["as_of"], "2026-03-10");
  auto measures = lo["measures"].as_array();
  ASSERT_EQ(measures.size(), 3u);
  // Ordered by due date: 03-01 (overdue), 03-11, 03-20 (closed).
  EXPECT_EQ(measures[0].as_object().at("id"), ids[1]);
  EXPECT_EQ(measures[0].as_object().at("colour"), "red");
  EXPECT_EQ(measures[0].as_object().at("label"), "问题1 措施二");
  EXPECT_EQ(measures[0].as_object().at("leader"), "李四");
  EXPECT_EQ(measures[1].as_object().at("colour"), "yellow");
  EXPECT_EQ(measures[2].as_object().at("status"), "closed");
  EXPECT_EQ(measures[2].as_object().at("owner"), "张三");
  EXPECT_EQ(measures[2].as_object().at("evidence"), "制度已印发");

  auto overdue = json_of(ctl({"--json", "ledger", "list", "--overdue"}));
  ASSERT_EQ(overdue["count"], 1);
  auto red = json_of(ctl({"--json", "ledger", "list", "--colour", "red"}));
  ASSERT_EQ(red["count"], 1);
  auto within = json_of(ctl({"--json", "ledger", "list", "--due-within", "1"}));
  ASSERT_EQ(within["count"], 1);
  EXPECT_EQ(within["measures"].as_array()[0].as_object().at("id"), ids[2]);
  auto by_leader = json_of(ctl({"--json", "ledger", "list", "--leader", "李四"}));
  EXPECT_EQ(by_leader["count"], 2);
  auto closed = json_of(ctl({"--json", "ledger", "list", "--status", "closed,ongoing"}));
  EXPECT_EQ(closed["count"], 1);

  auto stats = ctl({"--json", "stats"});
  ASSERT_EQ(stats.exit, 0) << stats.err;
  auto so = json_of(stats);
  EXPECT_EQ(so["categories"], 1);
  EXPECT_EQ(so["problems"], 2);
  EXPECT_EQ(so["measures"], 3);
  EXPECT_EQ(so["closed"], 1);
  EXPECT_EQ(so["ongoing"], 0);
  EXPECT_EQ(so["not_applicable"], 0);
  EXPECT_EQ(so["open"], 2);
  EXPECT_EQ(so["overdue"], 1);
  EXPECT_DOUBLE_EQ(so["completion_rate"].as_double(), 1.0 / 3.0);

  auto human = ctl({"stats"});
  ASSERT_EQ(human.exit, 0);
  EXPECT_NE(human.out.find("办结率 33.3%"), std::string::npos) << human.out;

  // Who did what is in the audit log.
  auto db = store::Database::open(db_path_);
  ASSERT_TRUE(db);
  auto page = store::AuditLog(**db).list([&] {
    ::rectifyd::store::AuditQuery q;
    q.entity = "measure:" + std::to_string(ids[0]);
    q.limit = 50;
    return q;
  }());
  ASSERT_TRUE(page);
  ASSERT_EQ(page->entries.size(), 3u);
  EXPECT_EQ(page->entries[0].action, "measure.close");
  EXPECT_EQ(page->entries[0].actor, "办公室");
  EXPECT_EQ(page->entries[0].at, *parse_instant("2026-03-10T01:00:00Z"));
  EXPECT_EQ(page->entries[2].actor, "张三");
}

TEST_F(RectifyctlTest, IllegalTransitionFailsWithMessage) {
  init_with_people();
  auto ids = seed_ledger();
  auto r = ctl({"measure", "close", std::to_string(ids[0])});
  EXPECT_NE(r.exit, 0);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("is open; allowed: progress, done, na"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("未开始"), std::string::npos) << r.err;

  auto no_evidence = ctl({"measure", "done", std::to_string(ids[0])});
  EXPECT_NE(no_evidence.exit, 0);
  EXPECT_NE(no_evidence.err.find("evidence"), std::string::npos);
  auto missing = ctl({"measure", "show", "999"});
  EXPECT_NE(missing.exit, 0);
  EXPECT_NE(missing.err.find("999"), std::string::npos);
  auto unknown_owner = ctl({"ledger", "list", "--owner", "无此人"});
  EXPECT_NE(unknown_owner.exit, 0);
  EXPECT_NE(unknown_owner.err.find("无此人"), std::string::npos);
  auto bad_date = ctl({"measure", "due", std::to_string(ids[0]), "2026-02-30"});
  EXPECT_NE(bad_date.exit, 0);
  EXPECT_NE(bad_date.err.find("2026-02-30"), std::string::npos);

  // Nothing changed.
  auto list = json_of(ctl({"--json", "ledger", "list", "--status", "open"}));
  EXPECT_EQ(list["count"], 3);
}

TEST_F(RectifyctlTest, ExtensionRequestAndApproval) {
  init_with_people();
  auto ids = seed_ledger();
  auto req = ctl({"--actor", "张三", "--json", "measure", "extend", std::to_string(ids[0]),
                  "2026-04-30", "--reason", "等待财政批复"});
  ASSERT_EQ(req.exit, 0) << req.err;
  auto ext_id = json_of(req)["id"].as_int64();
  // Overdue measure: too late to ask.
  auto late = ctl({"measure", "extend", std::to_string(ids[1]), "2026-04-30"});
  EXPECT_NE(late.exit, 0);
  EXPECT_NE(late.err.find("before the due date"), std::string::npos) << late.err;

  auto ok = ctl({"--actor", "办公室", "measure", "approve-extension", std::to_string(ext_id)});
  ASSERT_EQ(ok.exit, 0) << ok.err;
  auto show = json_of(ctl({"--json", "measure", "show", std::to_string(ids[0])}));
  EXPECT_EQ(show["due"], "2026-04-30");
  EXPECT_EQ(show["original_due"], "2026-03-20");
  ASSERT_EQ(show["extensions"].as_array().size(), 1u);
  EXPECT_EQ(show["extensions"].as_array()[0].as_object().at("state"), "approved");
  auto again = ctl({"measure", "reject-extension", std::to_string(ext_id)});
  EXPECT_NE(again.exit, 0);
}

TEST_F(RectifyctlTest, HumanListIsAligned) {
  init_with_people();
  seed_ledger();
  auto r = ctl({"ledger", "list"});
  ASSERT_EQ(r.exit, 0) << r.err;
  EXPECT_NE(r.out.find("红灯"), std::string::npos);
  EXPECT_NE(r.out.find("问题1 措施二"), std::string::npos);
  EXPECT_NE(r.out.find("…"), std::string::npos);  // long text is cut
}

}  // namespace
}  // namespace rectifyd::ctl
