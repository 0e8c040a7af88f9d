#include "ledger_io/plan_fields.h"

#include <gtest/gtest.h>

namespace rectifyd::ledger_io {
namespace {

LocalDate day(int y, unsigned m, unsigned d) {
  return LocalDate{date::sys_days{date::year{y} / m / d}.time_since_epoch()};
}

std::optional<LocalDate> date_of(std::string_view written) {
  return parse_plan_date(FoldedText(written).text());
}

TEST(PlanDate, TheFormsATimeLimitTakes) {
  EXPECT_EQ(date_of("2023年6月30日"), day(2023, 6, 30));
  EXPECT_EQ(date_of("２０２３年６月３０日前"), day(2023, 6, 30));
  EXPECT_EQ(date_of("2023年6月底前"), day(2023, 6, 30));
  EXPECT_EQ(date_of("2024年2月底"), day(2024, 2, 29));
  EXPECT_EQ(date_of("2023年6月"), day(2023, 6, 30));
  EXPECT_EQ(date_of("2023年6月中旬"), day(2023, 6, 20));
  EXPECT_EQ(date_of("2023年底前"), day(2023, 12, 31));
  EXPECT_EQ(date_of("2023年上半年"), day(2023, 6, 30));
  EXPECT_EQ(date_of("2023年第三季度"), day(2023, 9, 30));
  EXPECT_EQ(date_of("2023年十二月"), day(2023, 12, 31));
  EXPECT_EQ(date_of("2023-06-30"), day(2023, 6, 30));
  EXPECT_EQ(date_of("2023/6/30"), day(2023, 6, 30));
  EXPECT_EQ(date_of("2023.6.30"), day(2023, 6, 30));
  EXPECT_EQ(date_of("立行立改，2023年9月底前完成"), day(2023, 9, 30));
  EXPECT_FALSE(date_of("6月底前"));
  EXPECT_FALSE(date_of("长期坚持"));
  EXPECT_FALSE(date_of("2023年2月30日"));
}

TEST(PlanFieldsRead, LabelledFieldsAndWhereTheyStart) {
  const FoldedText t(
      "精简会议。（责任领导：李四；责任人：张三、王五  整改时限：立行立改，长期坚持）");
  PlanFields f;
  std::vector<FieldNote> notes;
  const std::size_t at = read_fields(t, f, notes);
  EXPECT_EQ(t.original_span(0, at), "精简会议。");
  EXPECT_EQ(f.leader, "李四");
  EXPECT_EQ(f.owner, "张三、王五");
  EXPECT_EQ(f.due_text, "立行立改，长期坚持");
  EXPECT_TRUE(f.long_term);
  EXPECT_FALSE(f.due);
  EXPECT_TRUE(notes.empty());
}

TEST(PlanFieldsRead, ADepartmentAndAnUnreadableTimeLimit) {
  const FoldedText t("责任单位：办公室 完成时限：6月底前");
  PlanFields f;
  std::vector<FieldNote> notes;
  EXPECT_EQ(read_fields(t, f, notes), 0u);
  EXPECT_EQ(f.department, "办公室");
  EXPECT_EQ(f.due_text, "6月底前");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].message.find("“6月底前”不是可识别的日期"), std::string::npos);
  EXPECT_EQ(t.column(notes[0].at), 15u);
}

TEST(PlanFieldsRead, ALabelNeedsItsColon) {
  const FoldedText t("履行全面从严治党第一责任人责任不到位");
  PlanFields f;
  std::vector<FieldNote> notes;
  EXPECT_EQ(read_fields(t, f, notes), t.text().size());
  EXPECT_TRUE(f.empty());
}

std::optional<MeasureStatus> status_of(std::string_view text, PlanFields* out = nullptr) {
  PlanFields f;
  std::vector<FieldNote> notes;
  read_status(FoldedText(text), f, notes);
  if (out != nullptr)
    *out = f;
  return f.status;
}

TEST(PlanStatus, TheWordsAndWhereTheyStand) {
  EXPECT_EQ(status_of("目前已整改到位并长期坚持。"), MeasureStatus::ongoing);
  EXPECT_EQ(status_of("目前已整改到位。"), MeasureStatus::closed);
  EXPECT_EQ(status_of("整改情况：修订制度。已完成整改。"), MeasureStatus::closed);
  EXPECT_EQ(status_of("已经整改完毕"), MeasureStatus::closed);
  EXPECT_EQ(status_of("（已完成）"), MeasureStatus::closed);
  EXPECT_EQ(status_of("正在整改。"), MeasureStatus::in_progress);
  EXPECT_EQ(status_of("持续整改"), MeasureStatus::in_progress);
  EXPECT_EQ(status_of("长期坚持。"), MeasureStatus::ongoing);
  EXPECT_EQ(status_of("已完成整改，长期坚持。"), MeasureStatus::ongoing);
  // Inside a sentence the words are just words.
  EXPECT_FALSE(status_of("对已整改到位的问题开展回头看。"));
  EXPECT_FALSE(status_of("持续深化巡察整改落实。"));
}

TEST(PlanStatus, WillBeDoneByADateIsItsDueDate) {
  PlanFields f;
  EXPECT_EQ(status_of("制定轮岗办法，正在整改，将于2023年12月底前完成。", &f),
            MeasureStatus::in_progress);
  EXPECT_EQ(f.due, day(2023, 12, 31));
  EXPECT_EQ(f.due_text, "2023年12月底");
  EXPECT_EQ(f.status_text, "正在整改，将于2023年12月底前完成");
}

TEST(PlanStatus, NotApplicableKeepsItsSentence) {
  PlanFields f;
  EXPECT_EQ(status_of("经查证，手续齐全。不存在涉嫌造假问题，无需整改。今后严格执行。", &f),
            MeasureStatus::not_applicable);
  EXPECT_EQ(f.na_reason, "不存在涉嫌造假问题，无需整改。");
}

TEST(PlanFieldsInherit, AMeasureTakesWhatItLacksFromItsProblem) {
  PlanFields problem;
  problem.leader = "李四";
  problem.owner = "张三";
  problem.due = day(2023, 6, 30);
  problem.due_text = "2023年6月底前";
  PlanFields measure;
  measure.owner = "王五";
  measure.inherit(problem);
  EXPECT_EQ(measure.leader, "李四");
  EXPECT_EQ(measure.owner, "王五");
  EXPECT_EQ(measure.due, day(2023, 6, 30));
}

}  // namespace
}  // namespace rectifyd::ledger_io
