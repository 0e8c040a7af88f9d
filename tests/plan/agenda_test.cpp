#include "plan/agenda.h"

#include <gtest/gtest.h>

#include "core/dates.h"
#include "plan/meetings.h"
#include "render/meeting_text.h"
#include "time/zone.h"

namespace rectifyd::plan {
namespace {

using namespace std::chrono_literals;
using date::December;
using date::November;

LocalDate day(int y, date::month m, unsigned d) {
  return LocalDate{date::year{y} / m / date::day{d}};
}

Instant at(const char* iso) {
  return *parse_instant(iso);
}

DeadlineItem item(Id id, std::string label, std::string text, Id owner, LocalDate due) {
  DeadlineItem it;
  it.measure_id = id;
  it.label = std::move(label);
  it.text = std::move(text);
  it.owner_id = owner;
  it.due = due;
  it.status = MeasureStatus::in_progress;
  return it;
}

/// A small ledger on Friday 2026-12-04, the last meeting a week before.
struct SmallLedger {
  LedgerView ledger;
  Calendar calendar = Calendar::with_builtin_holidays();
  const date::time_zone* zone = *find_zone("Asia/Shanghai");

  SmallLedger() {
    ledger.people[1].id = 1;
    ledger.people[1].name = "张三";
    ledger.people[2].id = 2;
    ledger.people[2].name = "李四";
    auto add = [&](DeadlineItem it) { ledger.open_by_due[it.due].push_back(std::move(it)); };
    add(item(1, "问题1 措施一", "清理超期借阅档案", 1, day(2026, November, 30)));
    add(item(2, "问题2 措施一", "修订借阅管理办法", 2, day(2026, December, 8)));
    auto m3 = item(3, "问题2 措施二", "建立借阅登记台账", 2, day(2026, December, 10));
    m3.progress = 50;
    m3.planned_progress = 40;
    add(m3);
    auto m4 = item(4, "问题3 措施一", "开展警示教育", 1, day(2026, December, 31));
    m4.progress = 10;
    m4.planned_progress = 50;
    add(m4);
    add(item(5, "问题3 措施二", "完善考核办法", 1, day(2027, date::January, 15)));
    ledger.measure_labels = {{3, "问题2 措施二"}, {6, "问题4 措施一"}, {7, "问题5 措施一"}};
    ledger.closed_recently = {{6, at("2026-12-02T03:00:00Z")}, {7, at("2026-11-20T03:00:00Z")}};
    Extension ext;
    ext.measure_id = 3;
    ext.requested_by = "李四";
    ext.old_due = day(2026, December, 10);
    ext.new_due = day(2026, December, 20);
    ext.reason = "需协调财政部门";
    ledger.pending_extensions = {ext};
    ledger.measures_total = 8;
    ledger.measures_done = 5;
  }

  Agenda agenda(std::size_t limit = 20) const {
    return build_agenda(AgendaInput{
        .ledger = ledger,
        .calendar = calendar,
        .zone = zone,
        .today = day(2026, December, 4),
        .next_meeting = day(2026, December, 11),
        .last_rate = 56.25,
        .last_at = at("2026-11-27T08:00:00Z"),
        .yellow_within_workdays = 3,
        .limit = limit,
    });
  }
};

TEST(Agenda, SectionsOfASmallLedger) {
  SmallLedger s;
  const Agenda a = s.agenda();
  EXPECT_DOUBLE_EQ(a.rate, 62.5);
  ASSERT_TRUE(a.rate_change);
  EXPECT_DOUBLE_EQ(*a.rate_change, 6.3);
  EXPECT_EQ(a.red.count, 1);
  EXPECT_EQ(a.yellow.count, 2);
  EXPECT_EQ(a.due_before_next.count, 1);
  EXPECT_EQ(a.closed_since.count, 1);
  EXPECT_EQ(a.pending_extensions.count, 1);
  EXPECT_EQ(a.red.items.at(0).owner, "张三");
  EXPECT_EQ(a.red.items.at(0).colour, "red");
  EXPECT_EQ(a.red.items.at(0).due, "2026-11-30");
}

TEST(Agenda, RendersExactLines) {
  SmallLedger s;
  EXPECT_EQ(render::agenda_lines(s.agenda()),
            "一、总体进度：办结率 62.5%（已办结 5/8 项，较上周 +6.3 个百分点）\n"
            "二、已逾期（红灯）1 项：\n"
            "  1. 问题1 措施一（张三）：清理超期借阅档案，逾期 4 个工作日\n"
            "三、即将到期（黄灯）2 项：\n"
            "  1. 问题2 措施一（李四）：修订借阅管理办法，12月8日到期，还剩 2 个工作日\n"
            "  2. 问题3 措施一（张三）：开展警示教育，12月31日到期，还剩 19 个工作日；进度 "
            "10%（计划 50%）\n"
            "四、下次推进会（12月11日）前到期 1 项：\n"
            "  1. 问题2 措施二（李四）：建立借阅登记台账，12月10日到期\n"
            "五、本周销号 1 项：\n"
            "  1. 问题4 措施一：12月2日销号\n"
            "六、待审批延期申请 1 项：\n"
            "  1. 问题2 措施二（李四）：申请延期至12月20日（原12月10日），理由：需协调财政部门");
}

TEST(Agenda, NoticeHeadingNamesTimeAndPlace) {
  SmallLedger s;
  MeetingOccurrence occ;
  occ.key = "2026-12-04";
  occ.start = at("2026-12-04T07:00:00Z");
  occ.end = at("2026-12-04T08:00:00Z");
  const auto t = render::notice_text(s.agenda(), occ, config::MeetingConfig{}, s.zone);
  EXPECT_EQ(t.subject, "推进会通知：12月4日（周五）15:00–16:00");
  EXPECT_TRUE(
      t.text.starts_with("本周推进会：12月4日（周五）15:00–16:00，机关三楼会议室。\n"
                         "一、总体进度：办结率 62.5%"))
      << t.text;
}

TEST(Agenda, LongSectionsKeepTheirCountAndListTheMostUrgent) {
  SmallLedger s;
  for (int i = 0; i < 50; ++i) {
    s.ledger.open_by_due[day(2026, November, 2) + date::days{i % 20}].push_back(
        item(100 + i, "问题9 措施" + std::to_string(i), "", 1, {}));
  }
  for (auto& [due, items] : s.ledger.open_by_due) {
    for (auto& it : items)
      it.due = due;
  }
  const Agenda a = s.agenda(5);
  EXPECT_EQ(a.red.count, 51);
  ASSERT_EQ(a.red.items.size(), 5u);
  EXPECT_EQ(a.red.items.front().due, "2026-11-02");
  const std::string text = render::agenda_lines(a);
  EXPECT_NE(text.find("二、已逾期（红灯）51 项："), std::string::npos) << text;
  EXPECT_NE(text.find("  …另有 46 项，详见台账"), std::string::npos) << text;
}

TEST(Agenda, FlatRateAndFirstMeeting) {
  SmallLedger s;
  auto a = build_agenda(AgendaInput{.ledger = s.ledger,
                                    .calendar = s.calendar,
                                    .zone = s.zone,
                                    .today = day(2026, December, 4),
                                    .next_meeting = std::nullopt,
                                    .last_rate = 62.5,
                                    .last_at = at("2026-11-13T08:00:00Z"),
                                    .yellow_within_workdays = 3,
                                    .limit = 20});
  const std::string text = render::agenda_lines(a);
  EXPECT_NE(text.find("办结率 62.5%（已办结 5/8 项，与上次推进会持平）"), std::string::npos)
      << text;
  EXPECT_NE(text.find("五、上次推进会以来销号 2 项"), std::string::npos) << text;

  a = build_agenda(AgendaInput{.ledger = s.ledger,
                               .calendar = s.calendar,
                               .zone = s.zone,
                               .today = day(2026, December, 4),
                               .next_meeting = std::nullopt,
                               .last_rate = std::nullopt,
                               .last_at = std::nullopt,
                               .yellow_within_workdays = 3,
                               .limit = 20});
  EXPECT_FALSE(a.rate_change);
  EXPECT_NE(render::agenda_lines(a).find("办结率 62.5%（已办结 5/8 项）"), std::string::npos);
}

TEST(Agenda, OwnersOfOpenMeasures) {
  SmallLedger s;
  s.ledger.open_by_due[day(2026, December, 8)].push_back([] {
    auto it = item(9, "问题6 措施一", "已报完成的事项", 2, day(2026, December, 8));
    it.status = MeasureStatus::done_reported;
    return it;
  }());
  const auto owners = open_items_by_owner(s.ledger);
  ASSERT_EQ(owners.size(), 2u);
  EXPECT_EQ(owners[0].owner_id, 1);
  EXPECT_EQ(owners[0].items.size(), 3u);
  EXPECT_EQ(owners[1].owner_id, 2);
  ASSERT_EQ(owners[1].items.size(), 2u);  // the reported-done one is not asked again
  EXPECT_EQ(owners[1].items[0]->measure_id, 2);
}

TEST(Agenda, UpdateRequestText) {
  SmallLedger s;
  MeetingOccurrence occ;
  occ.start = at("2026-12-04T07:00:00Z");
  occ.end = at("2026-12-04T08:00:00Z");
  std::vector<MessageItem> items = {
      message_item(s.ledger.open_by_due.begin()->second[0], s.ledger)};
  auto t = render::update_request_text("张三", items, 1, occ, day(2026, December, 3), s.zone);
  EXPECT_EQ(t.text,
            "张三：请于明天（12月4日 15:00）推进会前在台账中更新以下事项的进度：\n"
            "  1. 问题1 措施一（张三）：清理超期借阅档案");
  t = render::update_request_text("张三", items, 3, occ, day(2026, December, 1), s.zone);
  EXPECT_EQ(t.text,
            "张三：请于12月4日（周五）15:00推进会前在台账中更新以下事项的进度：\n"
            "  1. 问题1 措施一（张三）：清理超期借阅档案\n"
            "  …另有 2 项，详见台账");
}

}  // namespace
}  // namespace rectifyd::plan
