#include "ledger_io/ledger_csv.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "ledger_io/csv_table.h"
#include "ledger_io/utf8.h"
#include "store/database.h"

namespace rectifyd::ledger_io {
namespace {

enum Column : std::size_t {
  kCategory,
  kProblemNo,
  kProblem,
  kLeader,
  kMeasureNo,
  kMeasure,
  kOwner,
  kDue,
  kStatus,
  kProgress,
  kPlannedProgress,
  kEvidence,
  kNaReason,
  kTalks,
  kRegulations,
  kFunds,
  kSelfCriticisms,
  kPartyFees
};

// Other names offices head the columns with (kLedgerColumnsZh is the first Chinese one).
constexpr std::string_view kCategoryAliases[] = {"问题类别", "方面", "问题类型"};
constexpr std::string_view kProblemNoAliases[] = {"问题序号", "问题编号", "问题号"};
constexpr std::string_view kProblemAliases[] = {"问题", "问题名称", "反馈问题", "存在问题"};
constexpr std::string_view kLeaderAliases[] = {"责任领导", "分管领导"};
constexpr std::string_view kMeasureNoAliases[] = {"措施序号", "措施编号"};
constexpr std::string_view kMeasureAliases[] = {"整改措施", "措施"};
constexpr std::string_view kOwnerAliases[] = {"责任人", "整改责任人"};
constexpr std::string_view kDueAliases[] = {"完成时限", "整改时限", "时限", "完成时间", "截止日期"};
constexpr std::string_view kStatusAliases[] = {"状态", "整改状态", "完成情况"};
constexpr std::string_view kProgressAliases[] = {"整改进展", "进度", "完成进度"};
constexpr std::string_view kPlannedAliases[] = {"计划进度"};
constexpr std::string_view kEvidenceAliases[] = {"佐证材料", "整改佐证"};
constexpr std::string_view kNaReasonAliases[] = {"无需整改理由", "无需整改原因"};
constexpr std::string_view kTalksAliases[] = {"约谈人次", "约谈"};
constexpr std::string_view kRegulationsAliases[] = {"建立完善规章制度项数", "建立和完善规章制度",
                                                    "规章制度", "制度"};
constexpr std::string_view kFundsAliases[] = {"清退资金入财政国库", "清退资金"};
constexpr std::string_view kSelfCriticismsAliases[] = {"书面检讨人次", "书面检讨"};
constexpr std::string_view kPartyFeesAliases[] = {"清收资金入党费专户", "清收资金"};

const std::array<ColumnSpec, kLedgerColumnCount> kSpecs = {{
    {kLedgerColumns[kCategory], kCategoryAliases, true},
    {kLedgerColumns[kProblemNo], kProblemNoAliases, false},
    {kLedgerColumns[kProblem], kProblemAliases, true},
    {kLedgerColumns[kLeader], kLeaderAliases, false},
    {kLedgerColumns[kMeasureNo], kMeasureNoAliases, false},
    {kLedgerColumns[kMeasure], kMeasureAliases, true},
    {kLedgerColumns[kOwner], kOwnerAliases, false},
    {kLedgerColumns[kDue], kDueAliases, false},
    {kLedgerColumns[kStatus], kStatusAliases, false},
    {kLedgerColumns[kProgress], kProgressAliases, false},
    {kLedgerColumns[kPlannedProgress], kPlannedAliases, false},
    {kLedgerColumns[kEvidence], kEvidenceAliases, false},
    {kLedgerColumns[kNaReason], kNaReasonAliases, false},
    {kLedgerColumns[kTalks], kTalksAliases, false},
    {kLedgerColumns[kRegulations], kRegulationsAliases, false},
    {kLedgerColumns[kFunds], kFundsAliases, false},
    {kLedgerColumns[kSelfCriticisms], kSelfCriticismsAliases, false},
    {kLedgerColumns[kPartyFees], kPartyFeesAliases, false},
}};

constexpr std::array<MeasureStatus, 6> kStatuses = {
    MeasureStatus::open,   MeasureStatus::in_progress, MeasureStatus::done_reported,
    MeasureStatus::closed, MeasureStatus::ongoing,     MeasureStatus::not_applicable};

std::optional<long long> parse_whole(std::string_view s, long long max) {
  long long v = 0;
  if (s.empty())
    return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || v < 0 || v > max)
    return std::nullopt;
  return v;
}

std::optional<MeasureStatus> parse_status(std::string_view s) {
  if (s.empty())
    return MeasureStatus::open;
  if (auto st = parse_measure_status(s))
    return st;
  for (auto st : kStatuses) {
    if (label_zh(st) == s)
      return st;
  }
  return std::nullopt;
}

/// Binds a field: every text in a Row views a whole CSV field (trimmed in place) or a stored
/// value of the ledger, so it ends in a NUL and SQLite can read it where it is.
void bind_text(SQLite::Statement& st, int index, std::string_view text) {
  st.bindNoCopy(index, text.data());
}

bool finished(MeasureStatus s) {
  return s == MeasureStatus::closed || s == MeasureStatus::ongoing ||
         s == MeasureStatus::not_applicable;
}

/// A measure's stored fields, for columns a file leaves out and rows that change nothing.
struct StoredMeasure {
  Id id = 0;
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

/// One validated row; its text points into the CSV records or the stored measures, which
/// outlive it.
struct Row {
  std::size_t row = 0;
  std::string_view category;
  int problem_no = 0;  ///< 0 until found by title, when the file leaves it out
  std::string_view problem;
  std::optional<Id> leader_id;
  std::string_view leader_name;
  int measure_no = 0;  ///< 0 until assigned, when the file left it empty
  bool problem_only = false;
  std::string_view measure;
  std::optional<Id> owner_id;
  std::optional<LocalDate> due;
  MeasureStatus status = MeasureStatus::open;
  int progress = 0;
  int planned_progress = 0;
  std::string_view evidence;
  std::string_view na_reason;
  int talks = 0;
  int regulations = 0;
  std::int64_t funds_fen = 0;
  int self_criticisms = 0;
  std::int64_t party_fees_fen = 0;
  const StoredMeasure* stored = nullptr;  ///< set once the measure is found in the ledger

  bool same_as(const StoredMeasure& m) const {
    return measure == m.text && owner_id == m.owner_id && due == m.due && status == m.status &&
           evidence == m.evidence && na_reason == m.na_reason && progress == m.progress &&
           planned_progress == m.planned_progress && talks == m.talks &&
           regulations == m.regulations && funds_fen == m.funds_fen &&
           self_criticisms == m.self_criticisms && party_fees_fen == m.party_fees_fen;
  }
};

/// A problem as the file (and the ledger, when it has it already) describes it.
struct ProblemInfo {
  std::size_t first_row = 0;  ///< 0: known from the ledger only
  std::string category;
  std::string title;
  std::optional<Id> leader_id;
  std::string leader_name;
  std::size_t leader_row = 0;
  Id id = 0;  ///< 0: new
  int next_measure = 1;
  std::map<int, std::size_t> measures;                    ///< measure number → row (0: ledger)
  std::map<std::string, int, std::less<>> measure_texts;  ///< stored text → number
};

struct Existing {
  std::optional<Id> round_id;
  std::map<std::string, Id, std::less<>> people;
  std::map<std::string, Id, std::less<>> categories;
  int max_category_ordinal = 0;
  std::map<std::pair<Id, int>, StoredMeasure> measures;  ///< (problem id, ordinal) → stored
};

class LedgerImport {
 public:
  LedgerImport(store::Database& db, const LedgerImportOptions& options)
      : db_(db), options_(options), errors_(options.source) {}

  Result<LedgerImportSummary> run(std::vector<CsvRecord>& records) {
    std::size_t first = 0;
    while (first < records.size() && blank_record(records[first]))
      ++first;
    if (first == records.size()) {
      errors_.add("the file is empty; the first row must be the header");
      return errors_.error();
    }
    auto header = Header::read(records[first], kSpecs, kLedgerReadOnlyColumns, options_.source,
                               options_.spreadsheet_columns);
    if (!header)
      return header.error();
    header_ = &*header;

    load_existing();
    std::vector<Row> rows;
    rows.reserve(records.size());
    for (std::size_t i = first + 1; i < records.size(); ++i) {
      auto& rec = records[i];
      for (auto& f : rec.fields) {
        if (auto t = trim(f); t.size() != f.size())
          f = std::string(t);
      }
      if (blank_record(rec))
        continue;
      if (rec.fields.size() != header->width()) {
        errors_.add(rec.row, "expected " + std::to_string(header->width()) + " fields, found " +
                                 std::to_string(rec.fields.size()));
        continue;
      }
      if (auto row = validate(*header, rec))
        rows.push_back(std::move(*row));
    }
    for (const auto& r : rows)
      max_problem_no_ = std::max(max_problem_no_, r.problem_no);
    for (auto& r : rows)
      check_problem(r);
    if (!errors_.empty())
      return errors_.error();
    return write(rows);
  }

 private:
  const std::string& label(Column c) const { return header_->label(c); }

  void load_existing() {
    auto& sql = db_.sql();
    SQLite::Statement people(sql, "SELECT id, name FROM people");
    while (people.executeStep())
      existing_.people.emplace(people.getColumn(1).getString(), people.getColumn(0).getInt64());
    SQLite::Statement round(sql, "SELECT id FROM rounds ORDER BY id DESC LIMIT 1");
    if (!round.executeStep())
      return;
    existing_.round_id = round.getColumn(0).getInt64();
    SQLite::Statement cats(sql, "SELECT id, title, ordinal FROM categories WHERE round_id = ?");
    cats.bind(1, *existing_.round_id);
    std::map<Id, std::string> category_titles;
    while (cats.executeStep()) {
      existing_.categories.emplace(cats.getColumn(1).getString(), cats.getColumn(0).getInt64());
      category_titles.emplace(cats.getColumn(0).getInt64(), cats.getColumn(1).getString());
      existing_.max_category_ordinal =
          std::max(existing_.max_category_ordinal, cats.getColumn(2).getInt());
    }
    SQLite::Statement probs(sql,
                            "SELECT p.id, p.number, p.title, p.category_id, p.leader_id, "
                            "coalesce(l.name, '') FROM problems p JOIN categories c ON c.id = "
                            "p.category_id LEFT JOIN people l ON l.id = p.leader_id "
                            "WHERE c.round_id = ?");
    probs.bind(1, *existing_.round_id);
    while (probs.executeStep()) {
      ProblemInfo info;
      info.id = probs.getColumn(0).getInt64();
      info.title = probs.getColumn(2).getString();
      info.category = category_titles[probs.getColumn(3).getInt64()];
      if (!probs.getColumn(4).isNull())
        info.leader_id = probs.getColumn(4).getInt64();
      info.leader_name = probs.getColumn(5).getString();
      const int number = probs.getColumn(1).getInt();
      max_problem_no_ = std::max(max_problem_no_, number);
      title_numbers_.emplace(info.title, number);
      problems_.emplace(number, std::move(info));
    }
    SQLite::Statement meas(
        sql,
        "SELECT m.id, m.problem_id, m.ordinal, p.number, m.text, m.owner_id, m.due, m.status, "
        "m.evidence, m.na_reason, m.progress, m.planned_progress, m.talks, m.regulations, "
        "m.funds_returned_fen, m.self_criticisms, m.party_fees_fen FROM measures m "
        "JOIN problems p ON p.id = m.problem_id JOIN categories c ON c.id = "
        "p.category_id WHERE c.round_id = ?");
    meas.bind(1, *existing_.round_id);
    while (meas.executeStep()) {
      const int ordinal = meas.getColumn(2).getInt();
      StoredMeasure m;
      m.id = meas.getColumn(0).getInt64();
      m.text = meas.getColumn(4).getString();
      if (!meas.getColumn(5).isNull())
        m.owner_id = meas.getColumn(5).getInt64();
      if (!meas.getColumn(6).isNull())
        m.due = parse_date(meas.getColumn(6).getString());
      m.status = parse_measure_status(meas.getColumn(7).getString()).value_or(MeasureStatus::open);
      m.evidence = meas.getColumn(8).getString();
      m.na_reason = meas.getColumn(9).getString();
      m.progress = meas.getColumn(10).getInt();
      m.planned_progress = meas.getColumn(11).getInt();
      m.talks = meas.getColumn(12).getInt();
      m.regulations = meas.getColumn(13).getInt();
      m.funds_fen = meas.getColumn(14).getInt64();
      m.self_criticisms = meas.getColumn(15).getInt();
      m.party_fees_fen = meas.getColumn(16).getInt64();
      auto& info = problems_[meas.getColumn(3).getInt()];
      info.measures.emplace(ordinal, 0);
      info.measure_texts.emplace(m.text, ordinal);
      info.next_measure = std::max(info.next_measure, ordinal + 1);
      existing_.measures.emplace(std::pair{meas.getColumn(1).getInt64(), ordinal}, std::move(m));
    }
  }

  std::optional<Id> person(const CsvRecord& rec, Column column, std::string_view name) {
    if (name.empty())
      return std::nullopt;
    auto it = existing_.people.find(name);
    if (it == existing_.people.end()) {
      errors_.add(rec.row, label(column),
                  "unknown person '" + std::string(name) +
                      "' (add them to the people CSV and import it first: rectifyctl import "
                      "people FILE)");
      return std::nullopt;
    }
    return it->second;
  }

  int whole(const CsvRecord& rec, Column column, std::string_view text) {
    if (text.empty())
      return 0;
    auto v = parse_whole(text, 1'000'000);
    if (!v) {
      errors_.add(rec.row, label(column),
                  "expected a whole number of 0 or more, got '" + std::string(text) + "'");
      return 0;
    }
    return static_cast<int>(*v);
  }

  int percent(const CsvRecord& rec, Column column, std::string_view text) {
    if (text.ends_with("%"))
      text = trim(text.substr(0, text.size() - 1));
    if (text.empty())
      return 0;
    auto v = parse_whole(text, 100);
    if (!v) {
      errors_.add(rec.row, label(column),
                  "expected a whole percentage from 0 to 100, got '" + std::string(text) + "'");
      return 0;
    }
    return static_cast<int>(*v);
  }

  std::int64_t yuan(const CsvRecord& rec, Column column, std::string_view text) {
    if (text.empty())
      return 0;
    if (auto fen = parse_yuan(text))
      return *fen;
    errors_.add(rec.row, label(column),
                "expected an amount in yuan with up to two decimals like 1234.50, got '" +
                    std::string(text) + "'");
    return 0;
  }

  std::optional<Row> validate(const Header& header, const CsvRecord& rec) {
    const std::size_t errors_before = errors_.size();
    auto get = [&](Column c) { return trim(header.field(rec, c)); };
    Row r;
    r.row = rec.row;
    r.category = get(kCategory);
    if (r.category.empty())
      errors_.add(rec.row, label(kCategory), "a category title is required (\"在…方面\")");
    if (auto no = get(kProblemNo); !no.empty()) {
      if (auto n = parse_whole(no, 100'000); n && *n > 0)
        r.problem_no = static_cast<int>(*n);
      else
        errors_.add(rec.row, label(kProblemNo),
                    "expected a problem number like 3, got '" + std::string(no) + "'");
    }
    r.problem = get(kProblem);
    if (r.problem.empty())
      errors_.add(rec.row, label(kProblem), "a problem title is required");
    r.leader_name = get(kLeader);
    r.leader_id = person(rec, kLeader, r.leader_name);

    r.measure = get(kMeasure);
    if (r.measure.empty()) {
      // A problem without measures: every measure column must be empty.
      for (Column c : {kMeasureNo, kOwner, kDue, kStatus, kProgress, kPlannedProgress, kEvidence,
                       kNaReason, kTalks, kRegulations, kFunds, kSelfCriticisms, kPartyFees}) {
        if (!get(c).empty()) {
          errors_.add(rec.row, label(kMeasure),
                      "the measure's text is required (the row gives " + label(c) + ")");
          break;
        }
      }
      r.problem_only = true;
      return errors_.size() == errors_before ? std::optional<Row>(std::move(r)) : std::nullopt;
    }
    if (auto no = get(kMeasureNo); !no.empty()) {
      if (auto n = parse_whole(no, 1000); n && *n > 0)
        r.measure_no = static_cast<int>(*n);
      else
        errors_.add(rec.row, label(kMeasureNo),
                    "expected a measure number like 2 (for 二是), got '" + std::string(no) + "'");
    }
    r.owner_id = person(rec, kOwner, get(kOwner));
    if (auto due = get(kDue); !due.empty()) {
      r.due = parse_due(due, options_.today);
      if (!r.due)
        errors_.add(rec.row, label(kDue),
                    "expected YYYY-MM-DD or today±N, got '" + std::string(due) + "'");
    }
    if (auto st = parse_status(get(kStatus))) {
      r.status = *st;
    } else {
      errors_.add(rec.row, label(kStatus),
                  "unknown status '" + std::string(get(kStatus)) +
                      "' (use open, in_progress, done_reported, closed, ongoing, not_applicable, "
                      "or 未开始, 整改中, 已报完成, 已销号, 长期坚持, 无需整改)");
    }
    r.progress = percent(rec, kProgress, get(kProgress));
    r.planned_progress = percent(rec, kPlannedProgress, get(kPlannedProgress));
    r.evidence = get(kEvidence);
    r.na_reason = get(kNaReason);
    if (header.has(kNaReason) && r.status == MeasureStatus::not_applicable && r.na_reason.empty())
      errors_.add(rec.row, label(kNaReason),
                  "a measure that needs no action (not_applicable) must say why");
    r.talks = whole(rec, kTalks, get(kTalks));
    r.regulations = whole(rec, kRegulations, get(kRegulations));
    r.self_criticisms = whole(rec, kSelfCriticisms, get(kSelfCriticisms));
    r.funds_fen = yuan(rec, kFunds, get(kFunds));
    r.party_fees_fen = yuan(rec, kPartyFees, get(kPartyFees));
    if (errors_.size() != errors_before)
      return std::nullopt;
    return r;
  }

  /// Columns the file does not have keep what the ledger has.
  void keep_stored(Row& r, const StoredMeasure& m) const {
    const Header& h = *header_;
    if (!h.has(kOwner))
      r.owner_id = m.owner_id;
    if (!h.has(kDue))
      r.due = m.due;
    if (!h.has(kStatus))
      r.status = m.status;
    if (!h.has(kProgress))
      r.progress = m.progress;
    if (!h.has(kPlannedProgress))
      r.planned_progress = m.planned_progress;
    if (!h.has(kEvidence))
      r.evidence = m.evidence;
    if (!h.has(kNaReason))
      r.na_reason = m.na_reason;
    if (!h.has(kTalks))
      r.talks = m.talks;
    if (!h.has(kRegulations))
      r.regulations = m.regulations;
    if (!h.has(kFunds))
      r.funds_fen = m.funds_fen;
    if (!h.has(kSelfCriticisms))
      r.self_criticisms = m.self_criticisms;
    if (!h.has(kPartyFees))
      r.party_fees_fen = m.party_fees_fen;
  }

  /// Rows of one problem must agree with each other and with the ledger.
  void check_problem(Row& r) {
    if (r.problem_no == 0) {
      auto [t, fresh] = title_numbers_.try_emplace(std::string(r.problem), 0);
      if (fresh)
        t->second = ++max_problem_no_;
      r.problem_no = t->second;
    } else {
      max_problem_no_ = std::max(max_problem_no_, r.problem_no);
      title_numbers_.try_emplace(std::string(r.problem), r.problem_no);
    }
    auto [it, fresh] = problems_.try_emplace(r.problem_no);
    ProblemInfo& p = it->second;
    const std::string where =
        p.first_row != 0 ? "row " + std::to_string(p.first_row) : std::string("the ledger");
    if (fresh || (p.first_row == 0 && p.id == 0)) {
      p.first_row = r.row;
      p.category = std::string(r.category);
      p.title = std::string(r.problem);
    } else {
      if (p.title != r.problem)
        errors_.add(r.row, label(kProblem),
                    "问题" + std::to_string(r.problem_no) + " is '" + p.title + "' in " + where +
                        "; one number names one problem");
      if (p.category != r.category)
        errors_.add(
            r.row, label(kCategory),
            "问题" + std::to_string(r.problem_no) + " is under '" + p.category + "' in " + where);
      if (p.first_row == 0)
        p.first_row = r.row;
    }
    if (r.leader_id) {
      if (p.leader_row != 0 && p.leader_id != r.leader_id) {
        errors_.add(r.row, label(kLeader),
                    "问题" + std::to_string(r.problem_no) + " has the leader '" + p.leader_name +
                        "' on row " + std::to_string(p.leader_row) +
                        "; a problem has one responsible leader");
      } else {
        p.leader_id = r.leader_id;
        p.leader_name = std::string(r.leader_name);
        p.leader_row = r.row;
      }
    }
    if (r.problem_only)
      return;
    if (r.measure_no == 0) {
      // The same text under the same problem is the same measure, unless a row took it.
      auto t = p.measure_texts.find(r.measure);
      if (t != p.measure_texts.end() && p.measures[t->second] == 0)
        r.measure_no = t->second;
      else
        r.measure_no = p.next_measure;
    }
    auto [m, new_measure] = p.measures.try_emplace(r.measure_no, r.row);
    if (!new_measure && m->second != 0) {
      errors_.add(r.row, label(kMeasureNo),
                  "问题" + std::to_string(r.problem_no) + " measure " +
                      std::to_string(r.measure_no) + " appears again (first on row " +
                      std::to_string(m->second) + ")");
    }
    m->second = r.row;
    p.next_measure = std::max(p.next_measure, r.measure_no + 1);
    if (p.id != 0) {
      if (auto s = existing_.measures.find({p.id, r.measure_no}); s != existing_.measures.end()) {
        r.stored = &s->second;
        keep_stored(r, s->second);
      }
    }
    // Without the column, the reason may come from the ledger; a new measure has none.
    if (!header_->has(kNaReason) && r.status == MeasureStatus::not_applicable &&
        r.na_reason.empty())
      errors_.add(r.row, label(kNaReason),
                  "a measure that needs no action (not_applicable) must say why");
  }

  const std::string& date_text(LocalDate d) {
    auto it = date_text_.find(d);
    if (it == date_text_.end())
      it = date_text_.emplace(d, format_date(d)).first;
    return it->second;
  }

  Result<LedgerImportSummary> write(const std::vector<Row>& rows) {
    auto& sql = db_.sql();
    LedgerImportSummary s;
    const std::string now = format_instant_utc(options_.now);
    if (!existing_.round_id) {
      SQLite::Statement round(sql, "INSERT INTO rounds(name) VALUES (?)");
      round.bind(1, options_.round_name);
      round.exec();
      existing_.round_id = sql.getLastInsertRowid();
    }
    s.round_id = *existing_.round_id;

    SQLite::Statement add_category(
        sql, "INSERT INTO categories(round_id, ordinal, title) VALUES (?,?,?)");
    SQLite::Statement add_problem(
        sql, "INSERT INTO problems(category_id, number, title, leader_id) VALUES (?,?,?,?)");
    SQLite::Statement set_leader(
        sql, "UPDATE problems SET leader_id = ? WHERE id = ? AND leader_id IS NOT ?");
    SQLite::Statement add_measure(
        sql,
        "INSERT INTO measures(problem_id, ordinal, text, owner_id, due, status, evidence, "
        "na_reason, planned_progress, progress, talks, regulations, funds_returned_fen, "
        "self_criticisms, party_fees_fen, closed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    SQLite::Statement update_measure(
        sql,
        "UPDATE measures SET text=?, owner_id=?, due=?, status=?, evidence=?, na_reason=?, "
        "planned_progress=?, progress=?, talks=?, regulations=?, funds_returned_fen=?, "
        "self_criticisms=?, party_fees_fen=?, "
        "closed_at = CASE WHEN ? THEN coalesce(closed_at, ?) ELSE NULL END WHERE id=?");

    for (const auto& r : rows) {
      ++s.rows;
      auto cat = existing_.categories.find(r.category);
      if (cat == existing_.categories.end()) {
        add_category.bind(1, s.round_id);
        add_category.bind(2, ++existing_.max_category_ordinal);
        bind_text(add_category, 3, r.category);
        add_category.exec();
        add_category.reset();
        cat = existing_.categories.emplace(std::string(r.category), sql.getLastInsertRowid()).first;
        ++s.categories_created;
      }
      ProblemInfo& p = problems_[r.problem_no];
      if (p.id == 0) {
        add_problem.bind(1, cat->second);
        add_problem.bind(2, r.problem_no);
        bind_text(add_problem, 3, r.problem);
        if (p.leader_id)
          add_problem.bind(4, *p.leader_id);
        else
          add_problem.bind(4);
        add_problem.exec();
        add_problem.reset();
        p.id = sql.getLastInsertRowid();
        p.leader_row = 0;  // written
        ++s.problems_created;
      } else if (p.leader_row != 0) {
        set_leader.bind(1, *p.leader_id);
        set_leader.bind(2, p.id);
        set_leader.bind(3, *p.leader_id);
        set_leader.exec();
        set_leader.reset();
        p.leader_row = 0;
      }
      if (r.problem_only)
        continue;
      if (r.stored != nullptr && r.same_as(*r.stored)) {
        ++s.measures_unchanged;
        continue;
      }

      const std::string status(to_string(r.status));
      SQLite::Statement& st = r.stored == nullptr ? add_measure : update_measure;
      int i = 1;
      if (&st == &add_measure) {
        st.bind(i++, p.id);
        st.bind(i++, r.measure_no);
      }
      bind_text(st, i++, r.measure);
      if (r.owner_id)
        st.bind(i++, *r.owner_id);
      else
        st.bind(i++);
      if (r.due)
        bind_text(st, i++, date_text(*r.due));
      else
        st.bind(i++);
      st.bind(i++, status);
      bind_text(st, i++, r.evidence);
      bind_text(st, i++, r.na_reason);
      st.bind(i++, r.planned_progress);
      st.bind(i++, r.progress);
      st.bind(i++, r.talks);
      st.bind(i++, r.regulations);
      st.bind(i++, static_cast<std::int64_t>(r.funds_fen));
      st.bind(i++, r.self_criticisms);
      st.bind(i++, static_cast<std::int64_t>(r.party_fees_fen));
      if (&st == &add_measure) {
        if (finished(r.status))
          st.bind(i++, now);
        else
          st.bind(i++);
        ++s.measures_created;
      } else {
        st.bind(i++, finished(r.status) ? 1 : 0);
        st.bind(i++, now);
        st.bind(i++, r.stored->id);
        ++s.measures_updated;
      }
      st.exec();
      st.reset();
    }

    boost::json::object after{{"source", options_.source},
                              {"rows", s.rows},
                              {"categories_created", s.categories_created},
                              {"problems_created", s.problems_created},
                              {"measures_created", s.measures_created},
                              {"measures_updated", s.measures_updated},
                              {"measures_unchanged", s.measures_unchanged}};
    SQLite::Statement audit(
        sql, "INSERT INTO audit(at, actor, action, entity, after) VALUES (?,?,?,?,?)");
    audit.bind(1, now);
    audit.bind(2, options_.actor);
    audit.bind(3, options_.audit_action);
    audit.bind(4, "round:" + std::to_string(s.round_id));
    audit.bind(5, boost::json::serialize(after));
    audit.exec();
    return s;
  }

  store::Database& db_;
  const LedgerImportOptions& options_;
  ErrorList errors_;
  const Header* header_ = nullptr;
  Existing existing_;
  std::map<int, ProblemInfo> problems_;  ///< by number, in the round
  std::map<std::string, int, std::less<>> title_numbers_;
  int max_problem_no_ = 0;
  std::map<LocalDate, std::string> date_text_;  ///< formatting dates is slow; few are distinct
};

}  // namespace

std::optional<LocalDate> parse_due(std::string_view text, LocalDate today) {
  text = trim(text);
  if (text.starts_with("today")) {
    auto rest = trim(text.substr(5));
    if (rest.empty())
      return today;
    const char sign = rest.front();
    if (sign != '+' && sign != '-')
      return std::nullopt;
    auto n = parse_whole(trim(rest.substr(1)), 36'500);
    if (!n)
      return std::nullopt;
    return today + date::days{sign == '+' ? *n : -*n};
  }
  if (auto d = parse_date(text))
    return d;
  // 2026/3/14, as a spreadsheet in a Chinese locale writes dates.
  auto s1 = text.find('/');
  auto s2 = s1 == std::string_view::npos ? s1 : text.find('/', s1 + 1);
  if (s2 == std::string_view::npos)
    return std::nullopt;
  auto y = parse_whole(text.substr(0, s1), 9999);
  auto m = parse_whole(text.substr(s1 + 1, s2 - s1 - 1), 12);
  auto d = parse_whole(text.substr(s2 + 1), 31);
  if (!y || !m || !d || s1 != 4)
    return std::nullopt;
  date::year_month_day ymd{date::year{static_cast<int>(*y)}, date::month{static_cast<unsigned>(*m)},
                           date::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok())
    return std::nullopt;
  return LocalDate{ymd};
}

std::optional<std::int64_t> parse_yuan(std::string_view text) {
  text = trim(text);
  auto dot = text.find('.');
  auto whole_part = text.substr(0, dot);
  auto cents = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole_part.empty() || whole_part.size() > 13 || cents.size() > 2 ||
      (dot != std::string_view::npos && cents.empty()))
    return std::nullopt;
  auto y = parse_whole(whole_part, 9'999'999'999'999);
  if (!y)
    return std::nullopt;
  std::int64_t fen = *y * 100;
  if (!cents.empty()) {
    auto c = parse_whole(cents, 99);
    if (!c)
      return std::nullopt;
    fen += cents.size() == 1 ? *c * 10 : *c;
  }
  return fen;
}

std::string format_yuan(std::int64_t fen) {
  std::string s = std::to_string(fen / 100);
  if (fen % 100 != 0) {
    auto c = fen % 100;
    s += (c < 10 ? ".0" : ".") + std::to_string(c);
  }
  return s;
}

std::string import_summary_zh(const LedgerImportSummary& s) {
  std::string out;
  if (s.encoding == TextEncoding::gb18030)
    out += "文件为 GB18030（GBK）编码，已转换为 UTF-8 读入。\n";
  out += "已导入台账 " + std::to_string(s.rows) + " 行：新增 " +
         std::to_string(s.categories_created) + " 个方面、" + std::to_string(s.problems_created) +
         " 个问题、" + std::to_string(s.measures_created) + " 条措施，更新 " +
         std::to_string(s.measures_updated) + " 条措施";
  if (s.measures_unchanged > 0)
    out += "，" + std::to_string(s.measures_unchanged) + " 条未变";
  return out + "。\n";
}

std::optional<std::size_t> ledger_column(std::string_view header) {
  const std::string name = normalise_header(header);
  auto matches = [&](std::string_view n) { return normalise_header(n) == name; };
  for (std::size_t c = 0; c < kSpecs.size(); ++c) {
    if (matches(kSpecs[c].name) ||
        std::any_of(kSpecs[c].aliases.begin(), kSpecs[c].aliases.end(), matches))
      return c;
  }
  return std::nullopt;
}

Result<LedgerImportSummary> import_ledger_records(store::Database& db,
                                                  std::vector<CsvRecord> records,
                                                  const LedgerImportOptions& options) {
  try {
    // Checks and writes share one transaction, so the ledger cannot change in between.
    return db.write([&] { return LedgerImport(db, options).run(records); });
  } catch (const std::exception& e) {
    return Error{options.source + ": cannot import, nothing was written: " + e.what()};
  }
}

Result<LedgerImportSummary> import_ledger_csv(store::Database& db, std::string_view text,
                                              const LedgerImportOptions& options) {
  auto decoded = decode_csv_text(text, options.source);
  if (!decoded)
    return decoded.error();
  auto records = read_csv(decoded->text, options.source);
  if (!records)
    return records.error();
  auto s = import_ledger_records(db, std::move(*records), options);
  if (s)
    s->encoding = decoded->encoding;
  return s;
}

Status export_ledger_csv(store::Database& db, std::ostream& out) {
  try {
    std::vector<std::string> row(kLedgerColumns.begin(), kLedgerColumns.end());
    write_csv_record(out, row);
    SQLite::Statement round(db.sql(), "SELECT id FROM rounds ORDER BY id DESC LIMIT 1");
    if (!round.executeStep())
      return ok_status();
    SQLite::Statement q(
        db.sql(),
        "SELECT c.title, p.number, p.title, coalesce(l.name, ''), m.ordinal, m.text, "
        "coalesce(o.name, ''), m.due, m.status, m.progress, m.planned_progress, m.evidence, "
        "m.na_reason, m.talks, m.regulations, m.funds_returned_fen, m.self_criticisms, "
        "m.party_fees_fen "
        "FROM problems p JOIN categories c ON c.id = p.category_id "
        "LEFT JOIN measures m ON m.problem_id = p.id "
        "LEFT JOIN people l ON l.id = p.leader_id LEFT JOIN people o ON o.id = m.owner_id "
        "WHERE c.round_id = ? ORDER BY c.ordinal, p.number, m.ordinal");
    q.bind(1, round.getColumn(0).getInt64());
    while (q.executeStep()) {
      row[kCategory] = q.getColumn(0).getString();
      row[kProblemNo] = std::to_string(q.getColumn(1).getInt());
      row[kProblem] = q.getColumn(2).getString();
      row[kLeader] = q.getColumn(3).getString();
      if (q.getColumn(4).isNull()) {  // a problem without measures
        for (std::size_t c = kMeasureNo; c < row.size(); ++c)
          row[c].clear();
      } else {
        row[kMeasureNo] = std::to_string(q.getColumn(4).getInt());
        row[kMeasure] = q.getColumn(5).getString();
        row[kOwner] = q.getColumn(6).getString();
        row[kDue] = q.getColumn(7).isNull() ? "" : q.getColumn(7).getString();
        row[kStatus] = q.getColumn(8).getString();
        row[kProgress] = std::to_string(q.getColumn(9).getInt());
        row[kPlannedProgress] = std::to_string(q.getColumn(10).getInt());
        row[kEvidence] = q.getColumn(11).getString();
        row[kNaReason] = q.getColumn(12).getString();
        row[kTalks] = std::to_string(q.getColumn(13).getInt());
        row[kRegulations] = std::to_string(q.getColumn(14).getInt());
        row[kFunds] = format_yuan(q.getColumn(15).getInt64());
        row[kSelfCriticisms] = std::to_string(q.getColumn(16).getInt());
        row[kPartyFees] = format_yuan(q.getColumn(17).getInt64());
      }
      write_csv_record(out, row);
    }
  } catch (const std::exception& e) {
    return Error{"cannot export the ledger: " + std::string(e.what())};
  }
  if (!out)
    return Error{"cannot export the ledger: the output could not be written"};
  return ok_status();
}

}  // namespace rectifyd::ledger_io
