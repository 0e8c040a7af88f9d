#pragma once
// The ledger as CSV, one row per measure (a problem without measures has one row with the
// measure columns empty). Columns, in any order, under their English or Chinese names
// (kLedgerColumnsZh, and a few other names offices use):
//
//   category,problem_no,problem,leader,measure_no,measure,owner,due,status,progress,
//   planned_progress,evidence,na_reason,talks,regulations,funds_returned,self_criticisms,
//   party_fees
//
//   category          the category's title, "在…方面"; categories are created in order of first use
//   problem_no        问题N; rows with the same number belong to the same problem, and must give
//                     the same title (and category, and leader when they give one). Empty or
//                     absent: the problem of that title, or the next free number
//   leader, owner     people's names; they must exist already (import the people CSV first)
//   measure_no        一是 → 1; empty or absent: the problem's measure with the same text, or the
//                     next free number of the problem
//   due               YYYY-MM-DD, or today / today+N / today-N: calendar days from the import date
//   status            open, in_progress, done_reported, closed, ongoing, not_applicable, or the
//                     Chinese labels 未开始, 整改中, 已报完成, 已销号, 长期坚持, 无需整改; empty:
//                     open
//   progress,         whole percent 0–100 ("60" or "60%")
//   planned_progress
//   na_reason         required when the status is not_applicable
//   talks,            whole numbers: 约谈 person-times, 制度 made or revised, 书面检讨
//   regulations,      person-times
//   self_criticisms
//   funds_returned    清退资金入财政国库, in yuan with up to two decimals: "1234.50"
//   party_fees        清收资金入党费专户, likewise
//
// Only category, problem and measure are required; a column the file does not have keeps what
// the ledger has (a new measure gets the default). 序号, 红黄绿灯 and 原定时限 (what the
// spreadsheet adds for people) are accepted and skipped. A file in GB18030 (as Excel on a
// Chinese Windows saves CSV) is converted; the summary says so.
//
// Import goes into the newest round (created when there is none) and is an upsert: a problem is
// found by its number, a measure by its problem and number; a row equal to the ledger changes
// nothing. All or nothing: every row is checked first and every error reported; when there is
// any, nothing is written. The checks are here; reading the ledger and writing the rows is
// store::import_ledger_csv.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "ledger_io/csv.h"
#include "ledger_io/text_encoding.h"

namespace rectifyd::ledger_io {

inline constexpr std::size_t kLedgerColumnCount = 18;

inline constexpr std::array<std::string_view, kLedgerColumnCount> kLedgerColumns = {
    "category",  "problem_no", "problem",     "leader",         "measure_no",       "measure",
    "owner",     "due",        "status",      "progress",       "planned_progress", "evidence",
    "na_reason", "talks",      "regulations", "funds_returned", "self_criticisms",  "party_fees"};

/// The same columns as an office's spreadsheet heads them.
inline constexpr std::array<std::string_view, kLedgerColumnCount> kLedgerColumnsZh = {
    "问题类别",
    "问题序号",
    "问题",
    "责任领导",
    "措施序号",
    "整改措施",
    "责任人",
    "完成时限",
    "状态",
    "整改进展（%）",
    "计划进度（%）",
    "佐证材料",
    "无需整改理由",
    "约谈人次",
    "建立完善规章制度项数",
    "清退资金入财政国库（元）",
    "书面检讨人次",
    "清收资金入党费专户（元）"};

/// Columns an import accepts and skips: what a spreadsheet adds for people to read (a running
/// number, the light, the due date before an extension).
inline constexpr std::array<std::string_view, 6> kLedgerReadOnlyColumns = {
    "序号", "no", "红黄绿灯", "colour", "原定时限", "original_due"};

/// The index in kLedgerColumns of a header under any of its names; nullopt for a read-only or
/// unknown one.
std::optional<std::size_t> ledger_column(std::string_view header);

struct LedgerImportOptions {
  std::string source = "ledger.csv";    ///< names the file in errors
  LocalDate today{};                    ///< the import date, for due = today±N
  Instant now{};                        ///< recorded as closed_at and in the audit log
  std::string actor = "import";         ///< recorded in the audit log
  std::string round_name = "巡察整改";  ///< the round created when the ledger has none
  /// Errors name columns by spreadsheet letter and header, "column I (完成时限)".
  bool spreadsheet_columns = false;
  std::string audit_action = "ledger.import_csv";
};

struct LedgerImportSummary {
  Id round_id = 0;
  std::size_t rows = 0;
  std::size_t categories_created = 0;
  std::size_t problems_created = 0;
  std::size_t measures_created = 0;
  std::size_t measures_updated = 0;
  std::size_t measures_unchanged = 0;
  TextEncoding encoding = TextEncoding::utf8;  ///< what the file was in
};

/// A measure's fields as the ledger keeps them.
struct LedgerMeasureFields {
  std::string text;
  std::optional<Id> owner_id;
  std::optional<LocalDate> due;
  MeasureStatus status = MeasureStatus::open;
  std::string evidence;
  std::string na_reason;
  int progress = 0;
  int planned_progress = 0;
  int talks = 0;
  int regulations = 0;
  std::int64_t funds_fen = 0;
  int self_criticisms = 0;
  std::int64_t party_fees_fen = 0;
};

/// The ledger as an import checks a file against it: everyone by name, and the newest round
/// with its categories, problems and measures.
struct LedgerImportBase {
  struct Category {
    Id id = 0;
    std::string title;
    int ordinal = 0;
  };
  struct Problem {
    Id id = 0;
    int number = 0;
    std::string title;
    Id category_id = 0;
    std::optional<Id> leader_id;
    std::string leader_name;  ///< empty without a leader
  };
  struct Measure {
    Id id = 0;
    Id problem_id = 0;
    int problem_number = 0;
    int ordinal = 0;
    LedgerMeasureFields fields;
  };

  std::map<std::string, Id, std::less<>> people;
  std::optional<Id> round_id;  ///< unset: the ledger has no round yet
  std::vector<Category> categories;
  std::vector<Problem> problems;
  std::vector<Measure> measures;
};

/// What a checked import writes: its rows in file order, each with the category, problem and
/// measure it creates or updates.
struct LedgerImportWrite {
  struct Problem {
    Id id = 0;                    ///< 0: new, created by its first row
    std::optional<Id> leader_id;  ///< the responsible leader
    bool leader_given = false;    ///< a row names the leader: a stored problem takes it
  };
  struct Row {
    std::string category;
    int problem_no = 0;
    std::string problem;
    bool problem_only = false;  ///< a problem without measures
    int measure_no = 0;
    Id measure_id = 0;       ///< the stored measure the row updates; 0: a new one
    bool unchanged = false;  ///< the stored measure equals the row: nothing to write
    LedgerMeasureFields fields;
  };

  std::optional<Id> round_id;  ///< unset: the round named in the options is created
  std::map<std::string, Id, std::less<>> categories;  ///< the round's, by title
  int max_category_ordinal = 0;
  std::map<int, Problem> problems;  ///< by number
  std::vector<Row> rows;
};

/// Checks records (the first non-blank one is the header) against the ledger. An Error lists
/// every problem, one per line, e.g. "ledger.csv: row 17, column due: expected YYYY-MM-DD or
/// today±N, got '2026-13-01'"; otherwise what to write. The spreadsheet import hands its rows
/// here too, so both follow one set of rules.
Result<LedgerImportWrite> check_ledger_records(std::vector<CsvRecord> records,
                                               const LedgerImportBase& base,
                                               const LedgerImportOptions& options);

/// What an import did, as rectifyctl says it: "已导入台账 7 行：新增 …，更新 1 条措施，5 条未变。",
/// preceded by a line naming the encoding when the file was GB18030.
std::string import_summary_zh(const LedgerImportSummary& s);

/// One row of an export: a measure with its problem, or a problem without measures (no
/// measure_no; the measure's fields are then not written).
struct LedgerExportRow {
  std::string category;
  int problem_no = 0;
  std::string problem;
  std::string leader;
  std::optional<int> measure_no;
  std::string measure;
  std::string owner;
  std::string due;     ///< YYYY-MM-DD or empty
  std::string status;  ///< the English name
  int progress = 0;
  int planned_progress = 0;
  std::string evidence;
  std::string na_reason;
  int talks = 0;
  int regulations = 0;
  std::int64_t funds_fen = 0;
  int self_criticisms = 0;
  std::int64_t party_fees_fen = 0;
};

/// Writes the ledger CSV: the header above at construction, then one record per row, so that
/// export → import gives the same ledger.
class LedgerCsvWriter {
 public:
  explicit LedgerCsvWriter(std::ostream& out);
  void write(const LedgerExportRow& row);

 private:
  std::ostream& out_;
  std::vector<std::string> row_;
};

/// "today", "today+3", "today-9" or "2026-03-14" (also "2026/3/14", as spreadsheets write it).
std::optional<LocalDate> parse_due(std::string_view text, LocalDate today);
/// "1234.5" yuan → 123450 fen; at most two decimals, not negative.
std::optional<std::int64_t> parse_yuan(std::string_view text);
/// 123450 fen → "1234.50"; whole yuan without decimals: "1234".
std::string format_yuan(std::int64_t fen);

}  // namespace rectifyd::ledger_io
