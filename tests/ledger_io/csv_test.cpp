#include "ledger_io/csv.h"

#include <sstream>

#include <gtest/gtest.h>

namespace rectifyd::ledger_io {
namespace {

using Fields = std::vector<std::string>;

std::vector<Fields> fields_of(const std::vector<CsvRecord>& records) {
  std::vector<Fields> out;
  for (const auto& r : records)
    out.push_back(r.fields);
  return out;
}

TEST(Csv, PlainRecordsWithLfOrCrlf) {
  auto lf = read_csv("a,b,c\n1,2,3\n", "t.csv");
  ASSERT_TRUE(lf) << lf.error().message;
  EXPECT_EQ(fields_of(*lf), (std::vector<Fields>{{"a", "b", "c"}, {"1", "2", "3"}}));
  auto crlf = read_csv("a,b,c\r\n1,2,3", "t.csv");
  ASSERT_TRUE(crlf) << crlf.error().message;
  EXPECT_EQ(fields_of(*crlf), (std::vector<Fields>{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(Csv, QuotedFieldsHoldCommasNewlinesAndDoubledQuotes) {
  auto r = read_csv("name,text\r\n\"张三\",\"一是，\"\"首个议题\"\"\r\n二是,x\"\r\nlast,\"\"\r\n",
                    "t.csv");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[1].fields, (Fields{"张三", "一是，\"首个议题\"\r\n二是,x"}));
  EXPECT_EQ((*r)[2].fields, (Fields{"last", ""}));
  EXPECT_EQ((*r)[1].row, 2u);
  EXPECT_EQ((*r)[2].row, 3u);
  EXPECT_EQ((*r)[2].line, 4u);  // row 2 spans two lines
}

TEST(Csv, ByteOrderMarkIsSkipped) {
  auto r = read_csv("\xEF\xBB\xBFname,title\n张三,主任\n", "t.csv");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)[0].fields, (Fields{"name", "title"}));
}

TEST(Csv, EmptyFieldsAndTrailingComma) {
  auto r = read_csv(",a,\n", "t.csv");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ((*r)[0].fields, (Fields{"", "a", ""}));
  auto empty = read_csv("", "t.csv");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(Csv, StrayQuoteNamesRowAndColumn) {
  auto r = read_csv("a,b\n1,x\"y\n", "t.csv");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.substr(0, 47), "t.csv: row 2, column 2 (line 2, character 4): s");
}

TEST(Csv, UnterminatedQuoteNamesWhereItOpened) {
  auto r = read_csv("a,b\n1,2\n3,\"open\n4,5\n", "t.csv");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("t.csv: row 3, column 2 (line 3, character 3): quoted field "
                                   "is not closed"),
            std::string::npos)
      << r.error().message;
}

TEST(Csv, TextAfterClosingQuoteIsAnError) {
  auto r = read_csv("\"问题\"x,b\n", "t.csv");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("row 1, column 1 (line 1, character 5)"), std::string::npos)
      << r.error().message;
}

TEST(Csv, InvalidUtf8IsNamed) {
  auto r = read_csv("a,b\n1,\xD5\xC5\xC8\xFD\n", "gbk.csv");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("gbk.csv: row 2, column 2: text is not valid UTF-8"),
            std::string::npos)
      << r.error().message;
}

TEST(Csv, WriterQuotesOnlyWhenNeeded) {
  std::ostringstream out;
  std::vector<std::string> fields = {"plain", "a,b", "say \"hi\"", "two\nlines", " pad", "中文"};
  write_csv_record(out, fields);
  EXPECT_EQ(out.str(), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",中文\r\n");
  auto back = read_csv(out.str(), "t.csv");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ((*back)[0].fields, fields);
}

}  // namespace
}  // namespace rectifyd::ledger_io
