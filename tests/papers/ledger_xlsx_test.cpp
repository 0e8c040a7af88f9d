#include "papers/ledger_xlsx.h"

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "papers/zip_writer.h"
#include "papers_fixture.h"
#include "store/ledger_import.h"
#include "store/people_import.h"

namespace rectifyd::papers {
namespace {

using namespace testing;
namespace json = boost::json;

const std::vector<std::string> kLedgerHeaders = {"序号",
                                                 "问题类别",
                                                 "问题序号",
                                                 "问题",
                                                 "责任领导",
                                                 "措施序号",
                                                 "整改措施",
                                                 "责任人",
                                                 "完成时限",
                                                 "原定时限",
                                                 "状态",
                                                 "红黄绿灯",
                                                 "整改进展（%）",
                                                 "计划进度（%）",
                                                 "佐证材料",
                                                 "无需整改理由",
                                                 "约谈人次",
                                                 "建立完善规章制度项数",
                                                 "清退资金入财政国库（元）",
                                                 "书面检讨人次",
                                                 "清收资金入党费专户（元）"};

json::value export_and_read(const TempDir& dir, store::Database& db, const std::string& name) {
  const std::string path = dir.file(name);
  auto st = export_ledger_xlsx(db, view_options(), path);
  EXPECT_TRUE(st) << st.error().message;
  return read_json(run_python(dir, "read_xlsx.py", {path}));
}

std::string csv_of(store::Database& db) {
  std::ostringstream out;
  EXPECT_TRUE(store::export_ledger_csv(db, out));
  return out.str();
}

/// The header row of a sheet.
std::vector<std::string> headers(const json::value& sheet) {
  std::vector<std::string> out;
  for (const auto& c : sheet.at("rows").as_array().at(0).as_array())
    out.push_back(cell_text(c));
  return out;
}

std::size_t column(const std::vector<std::string>& h, std::string_view name) {
  auto it = std::find(h.begin(), h.end(), name);
  EXPECT_NE(it, h.end()) << name;
  return static_cast<std::size_t>(it - h.begin());
}

TEST(LedgerXlsx, ReadBackByOpenpyxlAsMadeForPeople) {
  TempDir dir;
  auto db = make_ledger(dir, "a.db");
  const json::value book = export_and_read(dir, *db, "ledger.xlsx");
  std::vector<std::string> sheets;
  for (const auto& s : book.at("sheets").as_array())
    sheets.emplace_back(s.as_string());
  EXPECT_EQ(sheets, (std::vector<std::string>{"台账", "统计", "问题清单", "整改措施清单",
                                              "责任清单", "时限清单"}));

  const json::value& ledger = book.at("sheet").at("台账");
  const auto h = headers(ledger);
  EXPECT_EQ(h, kLedgerHeaders);
  EXPECT_EQ(ledger.at("max_row").as_int64(), static_cast<std::int64_t>(kLedgerRows + 1));
  EXPECT_EQ(ledger.at("freeze").as_string(), "A2");
  EXPECT_EQ(ledger.at("autofilter").as_string(), "A1:U8");
  EXPECT_EQ(ledger.at("orientation").as_string(), "landscape");
  EXPECT_EQ(ledger.at("paper").as_string(), "9");  // A4
  EXPECT_EQ(ledger.at("print_title_rows").as_string(), "$1:$1");
  EXPECT_GE(ledger.at("widths").at("G").as_double(), 50.0);  // 整改措施

  const auto& dvs = ledger.at("validations").as_array();
  ASSERT_EQ(dvs.size(), 1u);
  EXPECT_EQ(dvs[0].at("type").as_string(), "list");
  EXPECT_EQ(dvs[0].at("formula1").as_string(),
            "\"未开始,整改中,已报完成,已销号,长期坚持,无需整改\"");
  EXPECT_EQ(std::string(dvs[0].at("sqref").as_string()).substr(0, 3), "K2:");

  // Rows in plan order; the light as text and as the cell's fill; dates as dates.
  const auto& rows = ledger.at("rows").as_array();
  struct Expect {
    std::string problem_no, measure_no, status, light, fill, due, original_due;
  };
  const std::vector<Expect> want = {
      {"1", "1", "已销号", "绿灯", "FFA9D08E", "2026-02-20", ""},
      {"1", "2", "整改中", "红灯", "FFFF7C80", "2026-02-25", "2026-02-15"},
      {"2", "1", "未开始", "黄灯", "FFFFE699", "2026-03-03", ""},
      {"2", "2", "长期坚持", "绿灯", "FFA9D08E", "2026-04-30", ""},
      {"3", "", "", "", "", "", ""},
      {"4", "1", "无需整改", "绿灯", "FFA9D08E", "2026-03-31", ""},
      {"4", "2", "整改中", "绿灯", "FFA9D08E", "2026-06-30", ""},
  };
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& r = rows.at(i + 1).as_array();
    SCOPED_TRACE("row " + std::to_string(i + 2));
    EXPECT_EQ(cell_text(r.at(column(h, "序号"))), std::to_string(i + 1));
    EXPECT_EQ(cell_text(r.at(column(h, "问题序号"))), want[i].problem_no);
    EXPECT_EQ(cell_text(r.at(column(h, "措施序号"))), want[i].measure_no);
    EXPECT_EQ(cell_text(r.at(column(h, "状态"))), want[i].status);
    const auto& light = r.at(column(h, "红黄绿灯"));
    EXPECT_EQ(cell_text(light), want[i].light);
    if (!want[i].fill.empty()) {
      EXPECT_EQ(light.at("fill").as_string(), want[i].fill);
    }
    const auto& due = r.at(column(h, "完成时限"));
    EXPECT_EQ(cell_text(due), want[i].due);
    EXPECT_EQ(due.at("date").as_bool(), !want[i].due.empty());
    EXPECT_EQ(cell_text(r.at(column(h, "原定时限"))), want[i].original_due);
  }
  EXPECT_TRUE(rows.at(2).as_array().at(column(h, "整改措施")).at("wrap").as_bool());
  EXPECT_EQ(cell_text(rows.at(1).as_array().at(column(h, "约谈人次"))), "12");
  EXPECT_EQ(rows.at(7).as_array().at(column(h, "清退资金入财政国库（元）")).at("value").as_double(),
            1234.56);
  EXPECT_EQ(cell_text(rows.at(7).as_array().at(column(h, "清收资金入党费专户（元）"))), "6232");

  // The summary: overall, per category and per leader.
  const auto& sum = book.at("sheet").at("统计").at("rows").as_array();
  auto find_row = [&](std::string_view first) -> const json::array* {
    for (const auto& r : sum) {
      if (!r.as_array().empty() && cell_text(r.as_array()[0]) == first)
        return &r.as_array();
    }
    return nullptr;
  };
  const json::array* all = find_row("全部");
  ASSERT_NE(all, nullptr);
  // 4 problems, none done (问题3 has no measures, the others open work), 6 measures,
  // 3 finished, 1 overdue, 50 %, on time: 长期坚持 and 无需整改 (closed after its due date).
  EXPECT_EQ(cell_text(all->at(1)), "4");
  EXPECT_EQ(cell_text(all->at(2)), "0");
  EXPECT_EQ(cell_text(all->at(3)), "6");
  EXPECT_EQ(cell_text(all->at(4)), "3");
  EXPECT_EQ(cell_text(all->at(5)), "1");
  EXPECT_DOUBLE_EQ(all->at(6).at("value").as_double(), 0.5);
  EXPECT_DOUBLE_EQ(all->at(7).at("value").as_double(), 2.0 / 3.0);  // 按期: 2 of the 3 finished
  EXPECT_EQ(cell_text(all->at(8)), "14");                           // 约谈
  EXPECT_EQ(cell_text(all->at(9)), "2");                            // 制度
  EXPECT_EQ(cell_text(all->at(10)), "1");                           // 书面检讨
  const json::array* li_si = find_row("李四");
  ASSERT_NE(li_si, nullptr);
  EXPECT_EQ(cell_text(li_si->at(1)), "2");  // 问题1 and 问题3
  EXPECT_EQ(cell_text(li_si->at(3)), "2");
  ASSERT_NE(find_row("在聚焦群众身边腐败问题和不正之风方面"), nullptr);

  // The four lists, each its own sheet with its own header and only the columns it is for.
  const std::vector<std::pair<std::string, std::vector<std::string>>> lists = {
      {"问题清单",
       {"问题类别", "问题序号", "问题", "责任领导", "整改措施数", "已办结", "整改情况"}},
      {"整改措施清单", {"问题序号", "措施序号", "整改措施", "状态"}},
      {"责任清单", {"问题序号", "措施序号", "整改措施", "责任领导", "责任人", "责任部门"}},
      {"时限清单",
       {"完成时限", "原定时限", "问题序号", "措施序号", "整改措施", "状态", "红黄绿灯"}},
  };
  for (const auto& [name, want_headers] : lists) {
    SCOPED_TRACE(name);
    const auto& s = book.at("sheet").at(name);
    EXPECT_EQ(headers(s), want_headers);
    EXPECT_EQ(s.at("max_row").as_int64(), (name == "问题清单" ? 4 : 6) + 1);
    EXPECT_EQ(s.at("max_column").as_int64(), static_cast<std::int64_t>(want_headers.size()));
    EXPECT_EQ(s.at("freeze").as_string(), "A2");
    EXPECT_EQ(s.at("orientation").as_string(), "landscape");
    EXPECT_EQ(s.at("print_title_rows").as_string(), "$1:$1");
  }
  EXPECT_EQ(cell_text(book.at("sheet").at("问题清单").at("rows").as_array().at(4).as_array().at(6)),
            "正在整改");
  // 整改措施清单 in plan order: 问题2 措施二.
  const auto& tasks = book.at("sheet").at("整改措施清单").at("rows").as_array().at(4).as_array();
  EXPECT_EQ(cell_text(tasks.at(0)), "2");
  EXPECT_EQ(cell_text(tasks.at(1)), "2");
  EXPECT_EQ(cell_text(tasks.at(2)), "建立意识形态分析研判机制");
  EXPECT_EQ(cell_text(tasks.at(3)), "长期坚持");
  EXPECT_TRUE(tasks.at(2).at("wrap").as_bool());
  // 责任清单: the problem's leader, the measure's owner and the owner's department.
  const auto& owners = book.at("sheet").at("责任清单").at("rows").as_array().at(5).as_array();
  EXPECT_EQ(cell_text(owners.at(0)), "4");
  EXPECT_EQ(cell_text(owners.at(2)), "加强机关账户管理");
  EXPECT_EQ(cell_text(owners.at(3)), "赵六");
  EXPECT_EQ(cell_text(owners.at(4)), "张三");
  EXPECT_EQ(cell_text(owners.at(5)), "办公室");
  // 时限清单 by due date, the extended measure with its original date, the light as colour.
  const auto& due = book.at("sheet").at("时限清单").at("rows").as_array();
  EXPECT_EQ(cell_text(due.at(1).as_array().at(0)), "2026-02-20");
  EXPECT_TRUE(due.at(1).as_array().at(0).at("date").as_bool());
  EXPECT_EQ(cell_text(due.at(1).as_array().at(1)), "");
  EXPECT_EQ(cell_text(due.at(2).as_array().at(0)), "2026-02-25");
  EXPECT_EQ(cell_text(due.at(2).as_array().at(1)), "2026-02-15");
  EXPECT_EQ(cell_text(due.at(2).as_array().at(6)), "红灯");
  EXPECT_EQ(due.at(2).as_array().at(6).at("fill").as_string(), "FFFF7C80");
  EXPECT_EQ(cell_text(due.at(6).as_array().at(0)), "2026-06-30");
}

TEST(LedgerXlsx, EmptyCellsAreLeftOutAndShowTheirColumnsFormat) {
  TempDir dir;
  auto db = make_ledger(dir, "a.db");
  const json::value book = export_and_read(dir, *db, "ledger.xlsx");
  const json::value& ledger = book.at("sheet").at("台账");
  const auto h = headers(ledger);
  // 问题3 has no measures: its row holds the problem's cells only.
  const auto& row = ledger.at("rows").as_array().at(5).as_array();
  EXPECT_EQ(cell_text(row.at(column(h, "问题序号"))), "3");
  for (std::size_t c = column(h, "措施序号"); c < h.size(); ++c) {
    EXPECT_TRUE(row.at(c).at("value").is_null()) << h[c];
  }
  // Outcome counters and planned progress of zero are empty (and import as zero); progress of
  // zero is written.
  const auto& second = ledger.at("rows").as_array().at(2).as_array();  // 问题1 措施二
  for (std::string_view c :
       {"计划进度（%）", "约谈人次", "建立完善规章制度项数", "清退资金入财政国库（元）",
        "书面检讨人次", "清收资金入党费专户（元）"})
    EXPECT_TRUE(second.at(column(h, c)).at("value").is_null()) << c;
  EXPECT_EQ(cell_text(second.at(column(h, "整改进展（%）"))), "40");
  EXPECT_EQ(cell_text(ledger.at("rows").as_array().at(3).as_array().at(column(h, "整改进展（%）"))),
            "0");
  // Every column of every sheet but 统计 is ruled, so an empty cell looks like its neighbours,
  // and a date typed into an empty 原定时限 cell is a date.
  for (const char* name : {"台账", "问题清单", "整改措施清单", "责任清单", "时限清单"}) {
    SCOPED_TRACE(name);
    const auto& s = book.at("sheet").at(name);
    const auto& formats = s.at("column_formats").as_object();
    EXPECT_EQ(formats.size(), static_cast<std::size_t>(s.at("max_column").as_int64()));
    for (const auto& [letter, f] : formats)
      EXPECT_EQ(f.at("border").as_string(), "thin") << letter;
  }
  const auto& formats = ledger.at("column_formats").as_object();
  EXPECT_EQ(formats.at("J").at("number_format").as_string(), "yyyy-mm-dd");  // 原定时限
  EXPECT_TRUE(formats.at("P").at("wrap").as_bool());                         // 无需整改理由
}

TEST(LedgerXlsx, UneditedExportImportsAsNoChange) {
  TempDir dir;
  auto db = make_ledger(dir, "a.db");
  const std::string path = dir.file("ledger.xlsx");
  ASSERT_TRUE(export_ledger_xlsx(*db, view_options(), path));
  const std::string before = csv_of(*db);
  ledger_io::LedgerImportOptions o;
  o.source = "ledger.xlsx";
  o.today = kToday;
  o.now = kNow + std::chrono::hours{24};
  auto s = import_ledger_xlsx(*db, read_file(path), o);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->rows, kLedgerRows);
  EXPECT_EQ(s->measures_updated, 0u);
  EXPECT_EQ(s->measures_created, 0u);
  EXPECT_EQ(s->measures_unchanged, 6u);
  EXPECT_EQ(csv_of(*db), before);

  // Into an empty ledger with the same people, the workbook gives the same ledger.
  auto fresh = store::Database::open(dir.file("b.db"));
  ASSERT_TRUE(fresh);
  ASSERT_TRUE(
      store::import_people_csv(**fresh, kPeople, ledger_io::PeopleImportOptions{"p", "t", kNow}));
  ledger_io::LedgerImportOptions o2 = o;
  o2.now = kNow;
  auto s2 = import_ledger_xlsx(**fresh, read_file(path), o2);
  ASSERT_TRUE(s2) << s2.error().message;
  EXPECT_EQ(s2->measures_created, 6u);
  EXPECT_EQ(csv_of(**fresh), before);
  // And its export is the same workbook, cell for cell, but for 原定时限 (J): the due date
  // before an extension is the extension's record, which a workbook does not carry.
  json::value a = read_json(run_python(dir, "read_xlsx.py", {path}));
  json::value b = export_and_read(dir, **fresh, "again.xlsx");
  auto& rows_a = a.at("sheet").at("台账").at("rows").as_array();
  auto& rows_b = b.at("sheet").at("台账").at("rows").as_array();
  ASSERT_EQ(rows_a.size(), rows_b.size());
  EXPECT_EQ(cell_text(rows_a.at(2).as_array().at(9)), "2026-02-15");
  for (std::size_t r = 1; r < rows_a.size(); ++r) {
    rows_a[r].as_array().erase(rows_a[r].as_array().begin() + 9);
    rows_b[r].as_array().erase(rows_b[r].as_array().begin() + 9);
  }
  EXPECT_EQ(rows_a, rows_b);
}

TEST(LedgerXlsx, EditedInASpreadsheetImportsTheEdits) {
  TempDir dir;
  auto db = make_ledger(dir, "a.db");
  const std::string path = dir.file("ledger.xlsx");
  ASSERT_TRUE(export_ledger_xlsx(*db, view_options(), path));
  const std::string edited = dir.file("edited.xlsx");
  // Row 4 is 问题2 措施一: done, a later due date, evidence, two talks; openpyxl saves with
  // shared strings as Excel and WPS do.
  run_python(
      dir, "edit_xlsx.py",
      {path, edited, "台账", "K4=已销号", "I4=date:2026-03-20", "O4=已印发工作方案", "Q4=num:2"});
  ledger_io::LedgerImportOptions o;
  o.source = "edited.xlsx";
  o.today = kToday;
  o.now = kNow;
  auto s = import_ledger_xlsx(*db, read_file(edited), o);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->measures_updated, 1u);
  EXPECT_EQ(s->measures_unchanged, 5u);
  auto m = db->sql().execAndGet(
      "SELECT status || '|' || due || '|' || evidence || '|' || talks FROM measures WHERE "
      "ordinal = 1 AND problem_id = (SELECT id FROM problems WHERE number = 2)");
  EXPECT_EQ(m.getString(), "closed|2026-03-20|已印发工作方案|2");
}

TEST(LedgerXlsx, BadCellsAreNamedBySheetRowAndColumnAndChangeNothing) {
  TempDir dir;
  auto db = make_ledger(dir, "a.db");
  const std::string path = dir.file("ledger.xlsx");
  ASSERT_TRUE(export_ledger_xlsx(*db, view_options(), path));
  const std::string edited = dir.file("bad.xlsx");
  run_python(dir, "edit_xlsx.py",
             {path, edited, "台账", "I3=下周五", "H5=孙八", "K7=差不多了", "Q8=num:-1"});
  const std::string before = csv_of(*db);
  ledger_io::LedgerImportOptions o;
  o.source = "bad.xlsx";
  o.today = kToday;
  o.now = kNow;
  auto s = import_ledger_xlsx(*db, read_file(edited), o);
  ASSERT_FALSE(s);
  const std::string& e = s.error().message;
  for (const char* want : {
           "bad.xlsx, sheet 台账: row 3, column I (完成时限): expected YYYY-MM-DD",
           "bad.xlsx, sheet 台账: row 5, column H (责任人): unknown person '孙八'",
           "bad.xlsx, sheet 台账: row 7, column K (状态): unknown status '差不多了'",
           "bad.xlsx, sheet 台账: row 8, column Q (约谈人次): expected a whole number",
       })
    EXPECT_NE(e.find(want), std::string::npos) << "missing: " << want << "\nin:\n" << e;
  EXPECT_EQ(csv_of(*db), before);

  auto not_xlsx = import_ledger_xlsx(*db, "category,problem\n", o);
  ASSERT_FALSE(not_xlsx);
  EXPECT_NE(not_xlsx.error().message.find("bad.xlsx: not an Excel workbook"), std::string::npos)
      << not_xlsx.error().message;
}

/// A one-sheet workbook in the smallest package Excel reads, its sheet and shared strings given.
std::string tiny_workbook(const TempDir& dir, const std::string& sheet_data,
                          const std::string& shared) {
  const std::string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const std::string rels = "http://schemas.openxmlformats.org/package/2006/relationships";
  const std::string office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  ZipWriter z;
  z.add("[Content_Types].xml",
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
  z.add("_rels/.rels", "<Relationships xmlns=\"" + rels + "\"><Relationship Id=\"rId1\" Type=\"" +
                           office +
                           "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
  z.add("xl/workbook.xml", "<workbook xmlns=\"" + main + "\" xmlns:r=\"" + office +
                               "\"><sheets><sheet name=\"台账\" sheetId=\"1\" r:id=\"rId1\"/>"
                               "</sheets></workbook>");
  z.add("xl/_rels/workbook.xml.rels",
        "<Relationships xmlns=\"" + rels + "\"><Relationship Id=\"rId1\" Type=\"" + office +
            "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" +
            office + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
  z.add("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + main + "\">\n<sheetData>\n" +
                                        sheet_data + "</sheetData>\n</worksheet>");
  z.add("xl/sharedStrings.xml", "<sst xmlns=\"" + main + "\">" + shared + "</sst>");
  const std::string path = dir.file("tiny.xlsx");
  EXPECT_TRUE(z.write(path));
  return read_file(path);
}

TEST(LedgerXlsx, ACellReferringToAMissingSharedStringIsNamedByCellAndLine) {
  TempDir dir;
  auto db = make_ledger(dir, "a.db");
  const std::string before = csv_of(*db);
  ledger_io::LedgerImportOptions o;
  o.source = "bad.xlsx";
  o.today = kToday;
  o.now = kNow;
  const std::string bytes = tiny_workbook(
      dir,
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>\n"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>7</v></c></row>\n",
      "<si><t>问题类别</t></si><si><t>问题</t></si>");
  auto s = import_ledger_xlsx(*db, bytes, o);
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message, ::testing::HasSubstr("bad.xlsx: xl/worksheets/sheet1.xml:4:"));
  EXPECT_THAT(
      s.error().message,
      ::testing::HasSubstr(": sheet 台账, cell B2: the cell refers to shared string 7, which does "
                           "not exist"));
  EXPECT_EQ(csv_of(*db), before);

  auto empty_index = import_ledger_xlsx(
      *db, tiny_workbook(dir, "<row r=\"1\"><c r=\"C1\" t=\"s\"><v></v></c></row>\n", ""), o);
  ASSERT_FALSE(empty_index);
  EXPECT_THAT(empty_index.error().message,
              ::testing::HasSubstr("sheet 台账, cell C1: the cell refers"));
  EXPECT_EQ(csv_of(*db), before);
}

}  // namespace
}  // namespace rectifyd::papers
