#include "core/message.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "core/dates.h"

namespace rectifyd {
namespace {

TEST(Message, RoundTripsThroughJson) {
  Message m;
  m.kind = "meeting_notice";
  m.subject = "本周五整改推进会通知";
  m.text = "请准时参加。";
  m.items.push_back(
      {7, "问题3 措施二", "加强指导", "王五", "2026-12-04", "red", "逾期 2 个工作日"});
  m.to.push_back({"王五", "wangwu@example.org", "13800000000", "wangwu", "", ""});
  MeetingInfo mt;
  mt.uid = "meeting-2026-12-04@rectifyd";
  mt.sequence = 2;
  mt.start = *parse_instant("2026-12-04T07:00:00Z");
  mt.end = *parse_instant("2026-12-04T08:00:00Z");
  mt.time_zone = "Asia/Shanghai";
  mt.organizer = {"办公室", "office@example.org", "", "", "", ""};
  mt.attendees = m.to;
  m.meeting = mt;
  m.late = true;
  auto back = message_from_json(boost::json::parse(boost::json::serialize(to_json(m))));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, m);
}

TEST(Message, AttachmentsKeepTheirBytesThroughJson) {
  Message m;
  m.kind = "meeting_summary";
  std::string bytes("PK\x03\x04\0\xff binary", 14);
  m.attachments.push_back(
      {"整改工作通报（2026年12月4日）.docx", "application/octet-stream", bytes});
  auto back = message_from_json(boost::json::parse(boost::json::serialize(to_json(m))));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, m);
  EXPECT_EQ(back->attachments.at(0).bytes, bytes);

  auto v = to_json(m);
  v.as_object()["attachments"].as_array()[0].as_object()["base64"] = "not base64!";
  auto bad = message_from_json(v);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("/attachments/0/base64"), std::string::npos)
      << bad.error().message;
}

TEST(Message, BadJsonNamesThePointer) {
  auto r = message_from_json(boost::json::parse(R"({"kind":"x","items":[{"measure_id":"7"}]})"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("/items/0/measure_id"), std::string::npos) << r.error().message;
  auto r2 = message_from_json(boost::json::parse(R"({"subject":"x"})"));
  ASSERT_FALSE(r2);
  EXPECT_NE(r2.error().message.find("/kind"), std::string::npos) << r2.error().message;
}

}  // namespace
}  // namespace rectifyd
