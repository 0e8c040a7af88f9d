#include "ledger_io/ledger_csv.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <vector>

#include "core/dates.h"
#include "core/names.h"
#include "ledger_io/csv_table.h"
#include "ledger_io/utf8.h"

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
  /// Set once the measure is found in the ledger.
  const LedgerImportBase::Measure* stored = nullptr;

  bool same_as(const LedgerMeasureFields& m) const {
    return measure == m.text && owner_id == m.owner_id && due == m.due && status == m.status &&
           evidence == m.evidence && na_reason == m.na_reason && progress == m.progress &&
           planned_progress == m.planned_progress && talks == m.talks &&
           regulations == m.regulations && funds_fen == m.funds_fen &&
           self_criticisms == m.self_criticisms && party_fees_fen == m.party_fees_fen;
  }

  LedgerMeasureFields fields() const {
    LedgerMeasureFields f;
    f.text = std::string(measure);
    f.owner_id = owner_id;
    f.due = due;
    f.status = status;
    f.evidence = std::string(evidence);
    f.na_reason = std::string(na_reason);
    f.progress = progress;
    f.planned_progress = planned_progress;
    f.talks = talks;
    f.regulations = regulations;
    f.funds_fen = funds_fen;
    f.self_criticisms = self_criticisms;
    f.party_fees_fen = party_fees_fen;
    return f;
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

/// The ledger as the checks look things up in it.
struct Existing {
  std::optional<Id> round_id;
  const std::map<std::string, Id, std::less<>>* people = nullptr;
  std::map<std::string, Id, std::less<>> categories;
  int max_category_ordinal = 0;
  /// (problem id, ordinal) → stored
  std::map<std::pair<Id, int>, const LedgerImportBase::Measure*> measures;
};

class LedgerCheck {
 public:
  LedgerCheck(const LedgerImportBase& base, const LedgerImportOptions& options)
      : base_(base), options_(options), errors_(options.source) {}

  Result<LedgerImportWrite> run(std::vector<CsvRecord>& records) {
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

    index_existing();
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
    return to_write(rows);
  }

 private:
  const std::string& label(Column c) const { return header_->label(c); }

  void index_existing() {
    existing_.people = &base_.people;
    existing_.round_id = base_.round_id;
    if (!existing_.round_id)
      return;
    std::map<Id, std::string> category_titles;
    for (const auto& c : base_.categories) {
      existing_.categories.emplace(c.title, c.id);
      category_titles.emplace(c.id, c.title);
      existing_.max_category_ordinal = std::max(existing_.max_category_ordinal, c.ordinal);
    }
    for (const auto& p : base_.problems) {
      ProblemInfo info;
      info.id = p.id;
      info.title = p.title;
      info.category = category_titles[p.category_id];
      info.leader_id = p.leader_id;
      info.leader_name = p.leader_name;
      max_problem_no_ = std::max(max_problem_no_, p.number);
      title_numbers_.emplace(info.title, p.number);
      problems_.emplace(p.number, std::move(info));
    }
    for (const auto& m : base_.measures) {
      auto& info = problems_[m.problem_number];
      info.measures.emplace(m.ordinal, 0);
      info.measure_texts.emplace(m.fields.text, m.ordinal);
      info.next_measure = std::max(info.next_measure, m.ordinal + 1);
      existing_.measures.emplace(std::pair{m.problem_id, m.ordinal}, &m);
    }
  }

  std::optional<Id> person(const CsvRecord& rec, Column column, std::string_view name) {
    if (name.empty())
      return std::nullopt;
    auto it = existing_.people->find(name);
    if (it == existing_.people->end()) {
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
  void keep_stored(Row& r, const LedgerMeasureFields& m) const {
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
        r.stored = s->second;
        keep_stored(r, s->second->fields);
      }
    }
    // Without the column, the reason may come from the ledger; a new measure has none.
    if (!header_->has(kNaReason) && r.status == MeasureStatus::not_applicable &&
        r.na_reason.empty())
      errors_.add(r.row, label(kNaReason),
                  "a measure that needs no action (not_applicable) must say why");
  }

  LedgerImportWrite to_write(const std::vector<Row>& rows) {
    LedgerImportWrite w;
    w.round_id = existing_.round_id;
    w.categories = std::move(existing_.categories);
    w.max_category_ordinal = existing_.max_category_ordinal;
    for (const auto& [number, p] : problems_)
      w.problems.emplace(number, LedgerImportWrite::Problem{p.id, p.leader_id, p.leader_row != 0});
    w.rows.reserve(rows.size());
    for (const auto& r : rows) {
      LedgerImportWrite::Row out;
      out.category = std::string(r.category);
      out.problem_no = r.problem_no;
      out.problem = std::string(r.problem);
      out.problem_only = r.problem_only;
      out.measure_no = r.measure_no;
      if (!r.problem_only) {
        if (r.stored != nullptr) {
          out.measure_id = r.stored->id;
          out.unchanged = r.same_as(r.stored->fields);
        }
        if (!out.unchanged)
          out.fields = r.fields();
      }
      w.rows.push_back(std::move(out));
    }
    return w;
  }

  const LedgerImportBase& base_;
  const LedgerImportOptions& options_;
  ErrorList errors_;
  const Header* header_ = nullptr;
  Existing existing_;
  std::map<int, ProblemInfo> problems_;  ///< by number, in the round
  std::map<std::string, int, std::less<>> title_numbers_;
  int max_problem_no_ = 0;
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

Result<LedgerImportWrite> check_ledger_records(std::vector<CsvRecord> records,
                                               const LedgerImportBase& base,
                                               const LedgerImportOptions& options) {
  return LedgerCheck(base, options).run(records);
}

LedgerCsvWriter::LedgerCsvWriter(std::ostream& out)
    : out_(out), row_(kLedgerColumns.begin(), kLedgerColumns.end()) {
  write_csv_record(out_, row_);
}

void LedgerCsvWriter::write(const LedgerExportRow& r) {
  row_[kCategory] = r.category;
  row_[kProblemNo] = std::to_string(r.problem_no);
  row_[kProblem] = r.problem;
  row_[kLeader] = r.leader;
  if (!r.measure_no) {
    for (std::size_t c = kMeasureNo; c < row_.size(); ++c)
      row_[c].clear();
  } else {
    row_[kMeasureNo] = std::to_string(*r.measure_no);
    row_[kMeasure] = r.measure;
    row_[kOwner] = r.owner;
    row_[kDue] = r.due;
    row_[kStatus] = r.status;
    row_[kProgress] = std::to_string(r.progress);
    row_[kPlannedProgress] = std::to_string(r.planned_progress);
    row_[kEvidence] = r.evidence;
    row_[kNaReason] = r.na_reason;
    row_[kTalks] = std::to_string(r.talks);
    row_[kRegulations] = std::to_string(r.regulations);
    row_[kFunds] = format_yuan(r.funds_fen);
    row_[kSelfCriticisms] = std::to_string(r.self_criticisms);
    row_[kPartyFees] = format_yuan(r.party_fees_fen);
  }
  write_csv_record(out_, row_);
}

}  // namespace rectifyd::ledger_io
