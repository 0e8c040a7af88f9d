#pragma once
// The ledger as an Excel workbook (台账), made for people and read back:
//
//   台账          one row per measure (a problem without measures has one row with the measure
//                 cells empty), the columns of the ledger CSV under their Chinese names plus
//                 序号, 原定时限 (where an extension moved the due date) and 红黄绿灯 (the light
//                 as the cell's colour); dates are Excel dates, 状态 has a dropdown; the header
//                 row is frozen, filtered and repeated on every printed page (A4 landscape)
//   统计          办结率 and 按期办结率 overall, per category and per responsible leader, with the
//                 counts and outcome counters a report states
//   问题清单      one row per problem: category, number, title, leader, measures, closed, state
//   整改措施清单  one row per measure: 问题序号, 措施序号, 整改措施, 状态
//   责任清单      one row per measure: 问题序号, 措施序号, 整改措施, 责任领导, 责任人, 责任部门
//   时限清单      one row per measure by due date: 完成时限, 原定时限, 问题序号, 措施序号,
//                 整改措施, 状态, 红黄绿灯
//
// Each list is its own sheet with its own header and only the columns it is for (the problem's
// title is in 问题清单 and 台账). Empty cells, and a planned progress or outcome counter of
// zero, are not written: every column carries its cells' format (border, wrap, number format),
// so they show as empty ruled cells; 100,000 measures then take a sixth less XML to write and
// compress.
//
// Import reads the 台账 sheet of a workbook in this layout (as saved by Excel or WPS: shared
// or inline strings, numbers, dates as serial numbers) and hands its rows to the ledger CSV
// import, so both follow one set of rules and are all or nothing. Reading uses libzip for the
// package and expat for the sheet XML, streamed.

#include <string>
#include <string_view>

#include "core/result.h"
#include "ledger_io/ledger_csv.h"
#include "papers/ledger_view.h"

namespace rectifyd::papers {

inline constexpr std::string_view kLedgerSheet = "台账";

/// Writes the workbook to `path` (replaced whole). `today` dates the summary and colours.
Status write_ledger_xlsx(const LedgerView& view, LocalDate today, const std::string& path);

/// Loads the newest round and writes it.
Status export_ledger_xlsx(store::Database& db, const ViewOptions& options, const std::string& path);

/// Imports the 台账 sheet of workbook bytes. Errors name the sheet, row and column:
/// "ledger.xlsx, sheet 台账: row 7, column I (完成时限): expected YYYY-MM-DD …".
Result<ledger_io::LedgerImportSummary> import_ledger_xlsx(
    store::Database& db, std::string_view bytes, const ledger_io::LedgerImportOptions& options);

}  // namespace rectifyd::papers
