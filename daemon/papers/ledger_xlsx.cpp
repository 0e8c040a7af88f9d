#include "papers/ledger_xlsx.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include <unistd.h>
#include <xlsxwriter.h>

#include "core/dates.h"
#include "core/names.h"
#include "ledger_io/ledger_csv.h"
#include "papers/tally.h"
#include "papers/xlsx_reader.h"
#include "store/ledger_import.h"

namespace rectifyd::papers {
namespace {

using ledger_io::kLedgerColumnsZh;

// Fills of the 红黄绿灯 cells, as an office colours them by hand.
constexpr lxw_color_t kRedFill = 0xFF7C80;
constexpr lxw_color_t kYellowFill = 0xFFE699;
constexpr lxw_color_t kGreenFill = 0xA9D08E;
constexpr lxw_color_t kHeaderFill = 0xD9E1F2;
constexpr std::uint8_t kPaperA4 = 9;

/// What a cell holds, which decides its format.
enum class Kind { number, text, long_text, date, status, colour, percent, count, yuan };

struct Column {
  std::string_view header;
  double width;  ///< in Excel's units (one Latin character; a Chinese one takes about two)
  Kind kind;
};

// The 台账 sheet; every header but 序号, 原定时限 and 红黄绿灯 is a ledger CSV column's Chinese
// name, so the import finds them.
enum LedgerCol : lxw_col_t {
  cNo,
  cCategory,
  cProblemNo,
  cProblem,
  cLeader,
  cMeasureNo,
  cMeasure,
  cOwner,
  cDue,
  cOriginalDue,
  cStatus,
  cColour,
  cProgress,
  cPlanned,
  cEvidence,
  cNaReason,
  cTalks,
  cRegulations,
  cFunds,
  cSelfCriticisms,
  cPartyFees,
  cLedgerColumns
};

const std::array<Column, cLedgerColumns> kLedger = {{
    {"序号", 6, Kind::number},
    {kLedgerColumnsZh[0], 26, Kind::long_text},
    {kLedgerColumnsZh[1], 6, Kind::number},
    {kLedgerColumnsZh[2], 26, Kind::long_text},
    {kLedgerColumnsZh[3], 10, Kind::text},
    {kLedgerColumnsZh[4], 6, Kind::number},
    {kLedgerColumnsZh[5], 60, Kind::long_text},
    {kLedgerColumnsZh[6], 10, Kind::text},
    {kLedgerColumnsZh[7], 12, Kind::date},
    {"原定时限", 12, Kind::date},
    {kLedgerColumnsZh[8], 10, Kind::status},
    {"红黄绿灯", 8, Kind::colour},
    {kLedgerColumnsZh[9], 9, Kind::percent},
    {kLedgerColumnsZh[10], 9, Kind::percent},
    {kLedgerColumnsZh[11], 30, Kind::long_text},
    {kLedgerColumnsZh[12], 24, Kind::long_text},
    {kLedgerColumnsZh[13], 8, Kind::count},
    {kLedgerColumnsZh[14], 10, Kind::count},
    {kLedgerColumnsZh[15], 14, Kind::yuan},
    {kLedgerColumnsZh[16], 8, Kind::count},
    {kLedgerColumnsZh[17], 14, Kind::yuan},
}};

/// Excel's serial day number of a date (days since 1899-12-30; 1970-01-01 is 25569).
double excel_serial(LocalDate d) {
  return static_cast<double>(d.time_since_epoch().count() + 25569);
}

/// The workbook and its formats; closes (writes) the file once.
class Book {
 public:
  Book(const std::string& path, const std::string& tmpdir) {
    lxw_workbook_options o{};
    // Rows go to each sheet's temporary file as they are written: a 100,000-row ledger
    // needs no table of cells in memory. Strings are then written inline, which every
    // reader (Excel, WPS, LibreOffice, openpyxl) reads. (Shared strings need the whole
    // workbook's cells in memory, 0.5 GB for 100,000 measures, and were no faster.)
    o.constant_memory = LXW_TRUE;
    o.tmpdir = const_cast<char*>(tmpdir.c_str());
    wb_ = workbook_new_opt(path.c_str(), &o);
    if (wb_ == nullptr)
      return;
    header = format(
        [](lxw_format* f) {
          format_set_bold(f);
          format_set_text_wrap(f);
          format_set_align(f, LXW_ALIGN_CENTER);
          format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
          format_set_bg_color(f, kHeaderFill);
        },
        true);
    title = format([](lxw_format* f) {
      format_set_bold(f);
      format_set_font_size(f, 14);
    });
    text = format([](lxw_format* f) { format_set_align(f, LXW_ALIGN_VERTICAL_TOP); });
    wrap = format([](lxw_format* f) {
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    });
    number = format([](lxw_format* f) {
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    });
    date = format([](lxw_format* f) {
      format_set_num_format(f, "yyyy-mm-dd");
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    });
    percent = format([](lxw_format* f) {
      format_set_num_format(f, "0\"%\"");
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    });
    rate = format([](lxw_format* f) { format_set_num_format(f, "0.0%"); });
    yuan = format([](lxw_format* f) {
      format_set_num_format(f, "#,##0.00");
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    });
    for (std::string_view s : status_labels_zh())
      status_labels.emplace_back(s);
    for (const auto& light : {std::pair{ledger::Colour::red, kRedFill},
                              {ledger::Colour::yellow, kYellowFill},
                              {ledger::Colour::green, kGreenFill}}) {
      lxw_color_t fill = light.second;
      light_labels[static_cast<int>(light.first)] = std::string(ledger::label_zh(light.first));
      lights[static_cast<int>(light.first)] = format([fill](lxw_format* f) {
        format_set_bg_color(f, fill);
        format_set_align(f, LXW_ALIGN_CENTER);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      });
    }
  }
  ~Book() {
    if (wb_ != nullptr && !closed_)
      workbook_close(wb_);
  }
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  bool ok() const { return wb_ != nullptr; }

  lxw_worksheet* sheet(std::string_view name) {
    return workbook_add_worksheet(wb_, std::string(name).c_str());
  }

  /// The format of a column's cells, which an empty cell (not written) shows too.
  lxw_format* column_format(Kind k) const {
    switch (k) {
      case Kind::number:
      case Kind::count:
      case Kind::colour:
        return number;
      case Kind::long_text:
        return wrap;
      case Kind::date:
        return date;
      case Kind::percent:
        return percent;
      case Kind::yuan:
        return yuan;
      case Kind::text:
      case Kind::status:
        break;
    }
    return text;
  }

  const char* status_label(MeasureStatus s) const {
    return status_labels[static_cast<std::size_t>(s)].c_str();
  }
  const char* light_label(ledger::Colour c) const {
    return light_labels[static_cast<std::size_t>(c)].c_str();
  }
  lxw_format* light(ledger::Colour c) const { return lights[static_cast<std::size_t>(c)]; }

  lxw_error close() {
    closed_ = true;
    return workbook_close(wb_);
  }

  lxw_format* header = nullptr;
  lxw_format* title = nullptr;
  lxw_format* text = nullptr;
  lxw_format* wrap = nullptr;
  lxw_format* number = nullptr;
  lxw_format* date = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* rate = nullptr;
  lxw_format* yuan = nullptr;
  std::array<lxw_format*, 3> lights{};
  std::vector<std::string> status_labels;   ///< by MeasureStatus
  std::array<std::string, 3> light_labels;  ///< by ledger::Colour

 private:
  template <class F>
  lxw_format* format(F&& set, bool bordered = true) {
    lxw_format* f = workbook_add_format(wb_);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 11);
    if (bordered)
      format_set_border(f, LXW_BORDER_THIN);
    set(f);
    return f;
  }

  lxw_workbook* wb_ = nullptr;
  bool closed_ = false;
};

/// Header row, widths, frozen header, filter and print setup shared by the list sheets. Each
/// column carries its cells' format (border, alignment, number format), so an empty cell is
/// not written and still shows as a ruled cell of its column.
void lay_out(lxw_worksheet* ws, Book& b, std::span<const Column> cols, lxw_row_t rows) {
  for (lxw_col_t c = 0; c < cols.size(); ++c)
    worksheet_set_column(ws, c, c, cols[c].width, b.column_format(cols[c].kind));
  worksheet_set_row(ws, 0, 30, nullptr);
  for (lxw_col_t c = 0; c < cols.size(); ++c)
    worksheet_write_string(ws, 0, c, std::string(cols[c].header).c_str(), b.header);
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, std::max<lxw_row_t>(rows, 1),
                       static_cast<lxw_col_t>(cols.size() - 1));
  worksheet_set_paper(ws, kPaperA4);
  worksheet_set_landscape(ws);
  worksheet_repeat_rows(ws, 0, 0);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
  worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

/// Empty texts and dates are left out: the column's format shows the empty cell.
void put_text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
  if (!s.empty())
    worksheet_write_string(ws, r, c, s.c_str(), f);
}

void put_date(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::optional<LocalDate> d,
              lxw_format* f) {
  if (d)
    worksheet_write_number(ws, r, c, excel_serial(*d), f);
}

void ledger_sheet(Book& b, const LedgerView& v) {
  lxw_worksheet* ws = b.sheet(kLedgerSheet);
  lxw_row_t rows = 0;
  for (const auto& c : v.categories) {
    for (const auto& p : c.problems)
      rows += static_cast<lxw_row_t>(std::max<std::size_t>(p.measures.size(), 1));
  }
  lay_out(ws, b, kLedger, rows);
  // The dropdown covers room for rows the office adds.
  std::vector<std::string> labels = status_labels_zh();
  std::vector<char*> list;
  for (auto& l : labels)
    list.push_back(l.data());
  list.push_back(nullptr);
  lxw_data_validation dv{};
  dv.validate = LXW_VALIDATION_TYPE_LIST;
  dv.value_list = list.data();
  dv.error_title = const_cast<char*>("状态");
  dv.error_message = const_cast<char*>("请从下拉列表中选择状态");
  worksheet_data_validation_range(ws, 1, cStatus, rows + 1000, cStatus, &dv);

  lxw_row_t r = 0;
  for (const auto& c : v.categories) {
    for (const auto& p : c.problems) {
      auto problem_cells = [&] {
        worksheet_write_number(ws, r, cNo, r, b.number);
        put_text(ws, r, cCategory, c.category.title, b.wrap);
        worksheet_write_number(ws, r, cProblemNo, p.problem.number, b.number);
        put_text(ws, r, cProblem, p.problem.title, b.wrap);
        put_text(ws, r, cLeader, p.leader, b.text);
      };
      if (p.measures.empty()) {
        ++r;
        problem_cells();
        continue;
      }
      for (const auto& row : p.measures) {
        const Measure& m = row.measure;
        ++r;
        problem_cells();
        worksheet_write_number(ws, r, cMeasureNo, m.ordinal, b.number);
        put_text(ws, r, cMeasure, m.text, b.wrap);
        put_text(ws, r, cOwner, row.owner, b.text);
        put_date(ws, r, cDue, m.due, b.date);
        put_date(ws, r, cOriginalDue, m.original_due != m.due ? m.original_due : std::nullopt,
                 b.date);
        worksheet_write_string(ws, r, cStatus, b.status_label(m.status), b.text);
        worksheet_write_string(ws, r, cColour, b.light_label(row.colour), b.light(row.colour));
        // No planned progress and no outcomes are left empty, not 0: most measures have none,
        // and an empty cell reads, and imports, as none. 0 % progress is written.
        auto counter = [&](lxw_col_t col, double n, lxw_format* f) {
          if (n != 0)
            worksheet_write_number(ws, r, col, n, f);
        };
        worksheet_write_number(ws, r, cProgress, m.progress, b.percent);
        counter(cPlanned, m.planned_progress, b.percent);
        put_text(ws, r, cEvidence, m.evidence, b.wrap);
        put_text(ws, r, cNaReason, m.na_reason, b.wrap);
        counter(cTalks, m.talks, b.number);
        counter(cRegulations, m.regulations, b.number);
        counter(cFunds, static_cast<double>(m.funds_returned_fen) / 100.0, b.yuan);
        counter(cSelfCriticisms, row.self_criticisms, b.number);
        counter(cPartyFees, static_cast<double>(row.party_fees_fen) / 100.0, b.yuan);
      }
    }
  }
}

const std::array<Column, 13> kTallyColumns = {{
    {"", 30, Kind::text},
    {"问题数", 8, Kind::count},
    {"已整改到位问题", 10, Kind::count},
    {"整改措施数", 10, Kind::count},
    {"已办结", 8, Kind::count},
    {"逾期", 8, Kind::count},
    {"办结率", 9, Kind::percent},
    {"按期办结率", 10, Kind::percent},
    {"约谈人次", 9, Kind::count},
    {"建立完善规章制度项数", 12, Kind::count},
    {"书面检讨人次", 9, Kind::count},
    {"清退资金入财政国库（元）", 14, Kind::yuan},
    {"清收资金入党费专户（元）", 14, Kind::yuan},
}};

void tally_row(lxw_worksheet* ws, Book& b, lxw_row_t r, const std::string& name, const Tally& t) {
  put_text(ws, r, 0, name, b.wrap);
  lxw_col_t c = 1;
  for (auto n : {t.problems, t.problems_done, t.measures, t.finished, t.overdue})
    worksheet_write_number(ws, r, c++, static_cast<double>(n), b.number);
  worksheet_write_number(ws, r, c++, t.rate(), b.rate);
  worksheet_write_number(ws, r, c++, t.on_time_rate(), b.rate);
  worksheet_write_number(ws, r, c++, static_cast<double>(t.talks), b.number);
  worksheet_write_number(ws, r, c++, static_cast<double>(t.regulations), b.number);
  worksheet_write_number(ws, r, c++, static_cast<double>(t.self_criticisms), b.number);
  worksheet_write_number(ws, r, c++, static_cast<double>(t.funds_returned_fen) / 100.0, b.yuan);
  worksheet_write_number(ws, r, c++, static_cast<double>(t.party_fees_fen) / 100.0, b.yuan);
}

void summary_sheet(Book& b, const LedgerView& v, LocalDate today) {
  lxw_worksheet* ws = b.sheet("统计");
  for (lxw_col_t c = 0; c < kTallyColumns.size(); ++c)
    worksheet_set_column(ws, c, c, kTallyColumns[c].width, nullptr);
  worksheet_set_paper(ws, kPaperA4);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  const std::string round_name = v.round ? v.round->name : std::string("巡察整改");
  worksheet_write_string(
      ws, 0, 0, (round_name + "台账统计（截至" + format_date(today) + "）").c_str(), b.title);
  lxw_row_t r = 2;
  auto table = [&](const std::string& first, const std::vector<NamedTally>& rows) {
    put_text(ws, r, 0, first, b.header);
    for (lxw_col_t c = 1; c < kTallyColumns.size(); ++c)
      worksheet_write_string(ws, r, c, std::string(kTallyColumns[c].header).c_str(), b.header);
    ++r;
    for (const auto& row : rows)
      tally_row(ws, b, r++, row.name, row.tally);
    ++r;
  };
  table("总体", {NamedTally{"全部", tally_all(v, today)}});
  table("按问题类别", tally_by_category(v, today));
  table("按责任领导", tally_by_leader(v, today));
  worksheet_write_string(
      ws, r, 0,
      "办结率＝已办结（已销号、长期坚持、无需整改）措施数÷措施总数；按期办结率＝在"
      "完成时限当日或之前办结的措施数÷已办结措施数。",
      nullptr);
}

/// A list sheet: columns and one row per item, written by `fill(row)`.
template <class Rows, class Fill>
void list_sheet(Book& b, std::string_view name, std::span<const Column> cols, const Rows& items,
                Fill&& fill) {
  lxw_worksheet* ws = b.sheet(name);
  lay_out(ws, b, cols, static_cast<lxw_row_t>(items.size()));
  lxw_row_t r = 0;
  for (const auto& item : items)
    fill(ws, ++r, item);
}

struct Flat {
  const CategoryRow* category;
  const ProblemRow* problem;
  const MeasureRow* measure;
};

void four_lists(Book& b, const LedgerView& v) {
  std::vector<const ProblemRow*> problems;
  std::vector<std::pair<const CategoryRow*, const ProblemRow*>> with_category;
  std::vector<Flat> measures;
  for (const auto& c : v.categories) {
    for (const auto& p : c.problems) {
      with_category.emplace_back(&c, &p);
      for (const auto& m : p.measures)
        measures.push_back(Flat{&c, &p, &m});
    }
  }
  static const std::array<Column, 7> kProblems = {{{"问题类别", 26, Kind::long_text},
                                                   {"问题序号", 6, Kind::number},
                                                   {"问题", 30, Kind::long_text},
                                                   {"责任领导", 10, Kind::text},
                                                   {"整改措施数", 8, Kind::count},
                                                   {"已办结", 8, Kind::count},
                                                   {"整改情况", 14, Kind::text}}};
  list_sheet(b, "问题清单", kProblems, with_category, [&](lxw_worksheet* ws, lxw_row_t r, auto cp) {
    const auto& [c, p] = cp;
    put_text(ws, r, 0, c->category.title, b.wrap);
    worksheet_write_number(ws, r, 1, p->problem.number, b.number);
    put_text(ws, r, 2, p->problem.title, b.wrap);
    put_text(ws, r, 3, p->leader, b.text);
    const auto finished = std::count_if(p->measures.begin(), p->measures.end(),
                                        [](const MeasureRow& m) { return m.finished(); });
    worksheet_write_number(ws, r, 4, static_cast<double>(p->measures.size()), b.number);
    worksheet_write_number(ws, r, 5, static_cast<double>(finished), b.number);
    put_text(ws, r, 6, p->done() ? "已整改到位" : "正在整改", b.text);
  });
  // The three lists by measure hold what each list is for; a measure is named by its problem
  // and measure numbers and its text, the problem's title is in 问题清单 and 台账.
  static const std::array<Column, 4> kMeasures = {{{"问题序号", 6, Kind::number},
                                                   {"措施序号", 6, Kind::number},
                                                   {"整改措施", 70, Kind::long_text},
                                                   {"状态", 10, Kind::text}}};
  list_sheet(b, "整改措施清单", kMeasures, measures,
             [&](lxw_worksheet* ws, lxw_row_t r, const Flat& f) {
               const Measure& m = f.measure->measure;
               worksheet_write_number(ws, r, 0, f.problem->problem.number, b.number);
               worksheet_write_number(ws, r, 1, m.ordinal, b.number);
               put_text(ws, r, 2, m.text, b.wrap);
               worksheet_write_string(ws, r, 3, b.status_label(m.status), b.text);
             });
  static const std::array<Column, 6> kOwners = {{{"问题序号", 6, Kind::number},
                                                 {"措施序号", 6, Kind::number},
                                                 {"整改措施", 60, Kind::long_text},
                                                 {"责任领导", 10, Kind::text},
                                                 {"责任人", 10, Kind::text},
                                                 {"责任部门", 14, Kind::text}}};
  list_sheet(b, "责任清单", kOwners, measures, [&](lxw_worksheet* ws, lxw_row_t r, const Flat& f) {
    worksheet_write_number(ws, r, 0, f.problem->problem.number, b.number);
    worksheet_write_number(ws, r, 1, f.measure->measure.ordinal, b.number);
    put_text(ws, r, 2, f.measure->measure.text, b.wrap);
    put_text(ws, r, 3, f.problem->leader, b.text);
    put_text(ws, r, 4, f.measure->owner, b.text);
    put_text(ws, r, 5, f.measure->owner_department, b.text);
  });
  // 时限清单: by due date, undated last, as the office chases them.
  std::vector<Flat> by_due = measures;
  std::stable_sort(by_due.begin(), by_due.end(), [](const Flat& a, const Flat& z) {
    const auto& da = a.measure->measure.due;
    const auto& dz = z.measure->measure.due;
    if (da.has_value() != dz.has_value())
      return da.has_value();
    return da && *da < *dz;
  });
  static const std::array<Column, 7> kDue = {{{"完成时限", 12, Kind::date},
                                              {"原定时限", 12, Kind::date},
                                              {"问题序号", 6, Kind::number},
                                              {"措施序号", 6, Kind::number},
                                              {"整改措施", 60, Kind::long_text},
                                              {"状态", 10, Kind::text},
                                              {"红黄绿灯", 8, Kind::colour}}};
  list_sheet(b, "时限清单", kDue, by_due, [&](lxw_worksheet* ws, lxw_row_t r, const Flat& f) {
    const Measure& m = f.measure->measure;
    put_date(ws, r, 0, m.due, b.date);
    put_date(ws, r, 1, m.original_due != m.due ? m.original_due : std::nullopt, b.date);
    worksheet_write_number(ws, r, 2, f.problem->problem.number, b.number);
    worksheet_write_number(ws, r, 3, m.ordinal, b.number);
    put_text(ws, r, 4, m.text, b.wrap);
    worksheet_write_string(ws, r, 5, b.status_label(m.status), b.text);
    worksheet_write_string(ws, r, 6, b.light_label(f.measure->colour), b.light(f.measure->colour));
  });
}

/// An Excel serial day number (days since 1899-12-30, for every date after February 1900) as
/// the import reads a date: YYYY-MM-DD.
std::optional<std::string> serial_date(const std::string& value) {
  char* end = nullptr;
  const double serial = std::strtod(value.c_str(), &end);
  if (end == value.c_str() || *end != '\0' || serial < 61 || serial > 2958465)
    return std::nullopt;
  const auto day = date::sys_days{date::year{1899} / 12 / 30} +
                   date::days{static_cast<long>(std::floor(serial))};
  return format_date(LocalDate{day.time_since_epoch()});
}

/// A number as the CSV rules read it: whole numbers without a decimal point, yuan rounded to
/// the fen (Excel may save 1234.56 as 1234.5599999999999).
std::string number_text(const std::string& value, bool money) {
  char* end = nullptr;
  const double v = std::strtod(value.c_str(), &end);
  if (end == value.c_str() || *end != '\0')
    return value;
  if (money) {
    const auto fen = static_cast<std::int64_t>(std::llround(v * 100.0));
    return fen < 0 ? value : ledger_io::format_yuan(fen);
  }
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    return std::to_string(static_cast<long long>(v));
  return value;
}

/// Where libxlsxwriter keeps its temporary files (each sheet's rows, then each part before it
/// goes into the zip: at most one and a half times the workbook's XML, 0.35 GB for 100,000
/// measures, and gone when the workbook is closed): in memory (/dev/shm) where the machine has it,
/// which spares the file system's work (5 % of the export); else beside the target.
std::string scratch_dir(const std::filesystem::path& target_dir) {
  std::error_code ec;
  if (::access("/dev/shm", W_OK | X_OK) == 0 && std::filesystem::is_directory("/dev/shm", ec))
    return "/dev/shm";
  return target_dir.string();
}

}  // namespace

Result<ledger_io::LedgerImportSummary> import_ledger_xlsx(
    store::Database& db, std::string_view bytes, const ledger_io::LedgerImportOptions& options) {
  auto book = XlsxWorkbook::open(bytes, options.source);
  if (!book)
    return book.error();
  const auto& names = (*book)->sheet_names();
  std::string sheet(kLedgerSheet);
  if (std::find(names.begin(), names.end(), sheet) == names.end()) {
    if (names.size() != 1) {
      std::string all;
      for (const auto& n : names)
        all += (all.empty() ? "" : "、") + n;
      return Error{options.source + ": no sheet named " + sheet + " (the workbook has " + all +
                   "); the ledger is read from the sheet 台账"};
    }
    sheet = names.front();
  }
  auto rows = (*book)->read_sheet(sheet);
  if (!rows)
    return rows.error();

  // Rows become CSV records: the header is the first row, cells are read by what their
  // column holds (dates and amounts from numbers), and the CSV import checks and writes them.
  std::vector<ledger_io::CsvRecord> records;
  records.reserve(rows->size());
  std::size_t width = 0;
  std::vector<std::optional<std::size_t>> kinds;
  for (auto& r : *rows) {
    ledger_io::CsvRecord rec;
    rec.row = r.row;
    rec.line = r.row;
    if (records.empty()) {
      width = r.cells.size();
      for (const auto& c : r.cells)
        kinds.push_back(ledger_io::ledger_column(c.value));
    }
    if (r.cells.size() > width) {
      // Cells right of the header: anything there is a mistake, anything blank is nothing.
      for (std::size_t c = width; c < r.cells.size(); ++c) {
        if (!r.cells[c].value.empty())
          return Error{options.source + ", sheet " + sheet + ": row " + std::to_string(r.row) +
                       ", column " + column_letters(c) +
                       ": a value outside the table (the header row has no column here)"};
      }
    }
    rec.fields.resize(width);
    for (std::size_t c = 0; c < width && c < r.cells.size(); ++c) {
      XlsxCell& cell = r.cells[c];
      if (cell.type != XlsxCell::Type::number || records.empty()) {
        rec.fields[c] = std::move(cell.value);
        continue;
      }
      static const auto kDue = ledger_io::ledger_column("due");
      static const auto kFunds = ledger_io::ledger_column("funds_returned");
      static const auto kPartyFees = ledger_io::ledger_column("party_fees");
      const auto kind = kinds[c];
      if (kind && kind == kDue)
        rec.fields[c] = serial_date(cell.value).value_or(cell.value);
      else
        rec.fields[c] = number_text(cell.value, kind && (kind == kFunds || kind == kPartyFees));
    }
    records.push_back(std::move(rec));
  }
  ledger_io::LedgerImportOptions o = options;
  o.source = options.source + ", sheet " + sheet;
  o.spreadsheet_columns = true;
  o.audit_action = "ledger.import_xlsx";
  return store::import_ledger_records(db, std::move(records), o);
}

Status write_ledger_xlsx(const LedgerView& view, LocalDate today, const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string tmp = path + ".tmp";
  {
    Book b(tmp, scratch_dir(dir));
    if (!b.ok())
      return Error{"无法写入文件 " + path + "（cannot write " + path + "）"};
    ledger_sheet(b, view);
    summary_sheet(b, view, today);
    four_lists(b, view);
    if (lxw_error e = b.close(); e != LXW_NO_ERROR) {
      std::remove(tmp.c_str());
      return Error{"写入 Excel 文件 " + path + " 时出错（" + lxw_strerror(e) + "）"};
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return Error{"无法写入文件 " + path + "：" + ec.message()};
  }
  return ok_status();
}

Status export_ledger_xlsx(store::Database& db, const ViewOptions& options,
                          const std::string& path) {
  auto view = load_ledger_view(db, options);
  if (!view)
    return view.error();
  return write_ledger_xlsx(*view, options.colouring.today, path);
}

}  // namespace rectifyd::papers
