#include "ledger_io/plan_text.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include <SQLiteCpp/Statement.h>
#include <boost/json.hpp>

#include "core/dates.h"
#include "core/names.h"
#include "ledger_io/utf8.h"
#include "store/database.h"

namespace rectifyd::ledger_io {
namespace {

constexpr std::array<std::string_view, 10> kDigitsZh = {"一", "二", "三", "四", "五",
                                                        "六", "七", "八", "九", "十"};

/// Reads a Chinese number 1..99 (一, 十, 十一, 二十, 二十三) at the start of `s`.
std::optional<int> read_zh_number(std::string_view s, std::size_t& consumed) {
  std::vector<int> digits;
  std::size_t at = 0;
  for (;;) {
    bool matched = false;
    for (std::size_t d = 0; d < kDigitsZh.size(); ++d) {
      if (s.substr(at).starts_with(kDigitsZh[d])) {
        digits.push_back(static_cast<int>(d) + 1);
        at += kDigitsZh[d].size();
        matched = true;
        break;
      }
    }
    if (!matched || digits.size() == 3)
      break;
  }
  consumed = at;
  std::optional<int> value;
  if (digits.size() == 1) {
    value = digits[0];
  } else if (digits.size() == 2 && digits[0] == 10 && digits[1] < 10) {
    value = 10 + digits[1];
  } else if (digits.size() == 2 && digits[0] < 10 && digits[1] == 10) {
    value = digits[0] * 10;
  } else if (digits.size() == 3 && digits[0] < 10 && digits[1] == 10 && digits[2] < 10) {
    value = digits[0] * 10 + digits[2];
  }
  if (!value)
    consumed = 0;
  return value;
}

std::string zh_number(int n) {
  auto digit = [](int d) { return std::string(kDigitsZh[static_cast<std::size_t>(d - 1)]); };
  if (n <= 10)
    return digit(n);
  if (n < 20)
    return "十" + digit(n - 10);
  return digit(n / 10) + "十" + (n % 10 == 0 ? "" : digit(n % 10));
}

/// Reads ASCII or full-width decimal digits at the start of `s`.
std::optional<int> read_number(std::string_view s, std::size_t& consumed) {
  long value = 0;
  std::size_t at = 0;
  std::size_t count = 0;
  for (;;) {
    if (at < s.size() && s[at] >= '0' && s[at] <= '9') {
      value = value * 10 + (s[at] - '0');
      at += 1;
    } else if (s.substr(at).size() >= 3 && s.substr(at, 2) == "\xEF\xBC" &&
               static_cast<unsigned char>(s[at + 2]) >= 0x90 &&
               static_cast<unsigned char>(s[at + 2]) <= 0x99) {
      value = value * 10 + (static_cast<unsigned char>(s[at + 2]) - 0x90);
      at += 3;
    } else {
      break;
    }
    if (++count > 6)
      return std::nullopt;
  }
  consumed = at;
  if (count == 0)
    return std::nullopt;
  return static_cast<int>(value);
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes,
                     std::size_t& consumed) {
  for (auto p : prefixes) {
    if (s.starts_with(p)) {
      consumed = p.size();
      return true;
    }
  }
  return false;
}

bool ends_with_any(std::string_view s, std::initializer_list<std::string_view> suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(),
                     [&](std::string_view x) { return s.ends_with(x); });
}

constexpr std::string_view kNotApplicable = "无需整改";
constexpr std::string_view kDone = "已整改到位";
constexpr std::string_view kOngoing = "长期坚持";

/// A piece of a measures paragraph: where it sits in the combined text and in the file.
struct Segment {
  std::size_t combined_at = 0;
  std::size_t line = 0;
  std::string_view line_text;
  std::size_t line_offset = 0;
};

struct Marker {
  std::size_t at = 0;    ///< the marker's first byte in the paragraph
  std::size_t body = 0;  ///< the first byte after "是"
  int ordinal = 0;
};

class PlanParser {
 public:
  PlanParser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  Result<ParsedPlan> run() {
    std::string_view rest = text_.substr(bom_length(text_));
    std::size_t line_no = 0;
    while (!rest.empty()) {
      auto nl = rest.find('\n');
      std::string_view raw = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      if (!raw.empty() && raw.back() == '\r')
        raw.remove_suffix(1);
      ++line_no;
      line(line_no, raw);
    }
    close_paragraph();
    if (plan_.categories.empty() && errors_.empty())
      errors_.push_back(source_ +
                        ": no category heading such as （一）在…方面 was found; is this a plan?");
    if (!errors_.empty()) {
      std::string all;
      for (const auto& e : errors_) {
        if (!all.empty())
          all += '\n';
        all += e;
      }
      return Error{all};
    }
    return std::move(plan_);
  }

 private:
  void error(std::size_t line, std::size_t column, const std::string& what) {
    errors_.push_back(source_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                      what);
  }

  ParsedProblem* current_problem() {
    if (plan_.categories.empty() || plan_.categories.back().problems.empty())
      return nullptr;
    return &plan_.categories.back().problems.back();
  }

  void line(std::size_t no, std::string_view raw) {
    std::string_view t = trim(raw);
    if (t.empty())
      return;
    const std::size_t col = char_column(raw, static_cast<std::size_t>(t.data() - raw.data()));

    if (category_heading(no, col, t) || problem_line(no, col, t) || lead_in(no, raw, t))
      return;
    if (paragraph_open_ && starts_with_marker(t)) {
      add_segment(no, raw, t);
      return;
    }
    if (status_line(t))
      return;
    if (paragraph_open_ && paragraph_.empty()) {
      // The lead-in stood alone on its line; its measures follow.
      add_segment(no, raw, t);
      return;
    }
    close_paragraph();  // narrative
  }

  bool category_heading(std::size_t no, std::size_t col, std::string_view t) {
    std::size_t n = 0;
    if (!starts_with_any(t, {"（", "("}, n))
      return false;
    std::size_t digits = 0;
    auto ordinal = read_zh_number(t.substr(n), digits);
    if (!ordinal)
      return false;
    std::size_t close = 0;
    if (!starts_with_any(t.substr(n + digits), {"）", ")"}, close))
      return false;
    std::string_view title = trim(t.substr(n + digits + close));
    // A heading stands alone: the report's first part also has "（一）提高思想认识，…。"
    // paragraphs.
    if (!title.ends_with("方面") || title.find("。") != std::string_view::npos)
      return false;
    close_paragraph();
    int expected = static_cast<int>(plan_.categories.size()) + 1;
    if (*ordinal != expected) {
      error(no, col,
            "category （" + zh_number(*ordinal) + "） follows " +
                (expected == 1 ? std::string("nothing") : "（" + zh_number(expected - 1) + "）") +
                "; expected （" + zh_number(expected) + "）");
    }
    ParsedCategory c;
    c.ordinal = expected;
    c.title = std::string(title);
    c.line = no;
    plan_.categories.push_back(std::move(c));
    return true;
  }

  bool problem_line(std::size_t no, std::size_t col, std::string_view t) {
    if (!t.starts_with("问题"))
      return false;
    std::string_view after = t.substr(std::string_view("问题").size());
    std::size_t digits = 0;
    auto number = read_number(after, digits);
    if (!number)
      return false;
    std::size_t colon = 0;
    if (!starts_with_any(after.substr(digits), {"：", ":"}, colon))
      return false;
    close_paragraph();
    std::string_view title = trim(after.substr(digits + colon));
    while (ends_with_any(title, {"。", "."}))
      title = trim(title.substr(0, title.size() - (title.ends_with(".") ? 1 : 3)));
    if (plan_.categories.empty()) {
      error(no, col,
            "问题" + std::to_string(*number) +
                " comes before any category heading such as （一）在…方面");
      return true;
    }
    if (auto [it, fresh] = numbers_.insert({*number, no}); !fresh) {
      error(no, col,
            "问题" + std::to_string(*number) + " appears twice (first on line " +
                std::to_string(it->second) + ")");
    }
    if (title.empty())
      error(no, col, "问题" + std::to_string(*number) + " has no title after the colon");
    ParsedProblem p;
    p.number = *number;
    p.title = std::string(title);
    p.line = no;
    plan_.categories.back().problems.push_back(std::move(p));
    has_lead_in_ = false;
    return true;
  }

  bool lead_in(std::size_t no, std::string_view raw, std::string_view t) {
    if (!t.starts_with("整改措施"))
      return false;
    auto colon = t.find("：");
    std::size_t colon_len = 3;
    if (colon == std::string_view::npos || t.find(":") < colon) {
      colon = t.find(":");
      colon_len = 1;
    }
    if (colon == std::string_view::npos || colon > 30 ||
        t.substr(0, colon).find("。") != std::string_view::npos)
      return false;
    close_paragraph();
    const std::size_t col = char_column(raw, static_cast<std::size_t>(t.data() - raw.data()));
    auto* p = current_problem();
    if (p == nullptr) {
      error(no, col, "整改措施 comes before any problem (问题N：…)");
      return true;
    }
    if (has_lead_in_) {
      error(no, col, "问题" + std::to_string(p->number) + " already has its 整改措施");
      return true;
    }
    has_lead_in_ = true;
    paragraph_open_ = true;
    std::string_view body = trim(t.substr(colon + colon_len));
    if (!body.empty())
      add_segment(no, raw, body);
    return true;
  }

  bool status_line(std::string_view t) {
    auto* p = current_problem();
    if (p == nullptr)
      return false;
    bool ongoing = t.find(kOngoing) != std::string_view::npos;
    bool done = t.find(kDone) != std::string_view::npos;
    if (!ongoing && !done)
      return false;
    close_paragraph();
    for (auto& m : p->measures) {
      if (m.status != MeasureStatus::not_applicable)
        m.status = ongoing ? MeasureStatus::ongoing : MeasureStatus::closed;
    }
    return true;
  }

  bool starts_with_marker(std::string_view t) const {
    std::size_t n = 0;
    return read_zh_number(t, n).has_value() && t.substr(n).starts_with("是");
  }

  void add_segment(std::size_t no, std::string_view raw, std::string_view t) {
    segments_.push_back(
        Segment{paragraph_.size(), no, raw, static_cast<std::size_t>(t.data() - raw.data())});
    paragraph_ += t;
  }

  /// File position of a byte of the paragraph.
  std::pair<std::size_t, std::size_t> where(std::size_t at) const {
    const Segment* s = &segments_.front();
    for (const auto& seg : segments_) {
      if (seg.combined_at <= at)
        s = &seg;
    }
    return {s->line, char_column(s->line_text, s->line_offset + (at - s->combined_at))};
  }

  bool at_segment_start(std::size_t at) const {
    return std::any_of(segments_.begin(), segments_.end(),
                       [&](const Segment& s) { return s.combined_at == at; });
  }

  std::vector<Marker> find_markers() const {
    std::vector<Marker> out;
    const std::string_view text = paragraph_;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
        continue;
      std::size_t n = 0;
      auto ordinal = read_zh_number(text.substr(i), n);
      if (!ordinal || !text.substr(i + n).starts_with("是"))
        continue;
      // A marker opens a sentence: "…。二是…". Inside a sentence "是" is just a word.
      const std::string_view before = text.substr(0, i);
      if (!(at_segment_start(i) ||
            ends_with_any(before, {"。", "；", "！", "？", "：", ";", " ", "\xE3\x80\x80"})))
        continue;
      out.push_back(Marker{i, i + n + std::string_view("是").size(), *ordinal});
      i += n - 1;
    }
    return out;
  }

  static std::string reason_sentence(std::string_view text, std::size_t at) {
    std::size_t start = 0;
    for (std::string_view end : {"。", "！", "？", "；"}) {
      auto p = text.substr(0, at).rfind(end);
      if (p != std::string_view::npos)
        start = std::max(start, p + end.size());
    }
    std::size_t stop = text.size();
    for (std::string_view end : {"。", "！", "？", "；"}) {
      auto p = text.find(end, at);
      if (p != std::string_view::npos)
        stop = std::min(stop, p + end.size());
    }
    return std::string(trim(text.substr(start, stop - start)));
  }

  void add_measure(ParsedProblem& p, int ordinal, std::string_view body, std::size_t at) {
    auto [line, column] = where(at);
    ParsedMeasure m;
    m.ordinal = ordinal;
    m.text = std::string(trim(body));
    m.line = line;
    m.column = column;
    if (m.text.empty())
      error(line, column,
            "问题" + std::to_string(p.number) + " 措施" + zh_number(ordinal) + " has no text");
    if (auto na = m.text.find(kNotApplicable); na != std::string::npos) {
      m.status = MeasureStatus::not_applicable;
      m.na_reason = reason_sentence(m.text, na);
    }
    p.measures.push_back(std::move(m));
  }

  void close_paragraph() {
    if (!paragraph_open_)
      return;
    paragraph_open_ = false;
    auto* p = current_problem();
    const std::string_view text = trim(paragraph_);
    if (p != nullptr && !text.empty() && text != "（略）" && text != "(略)" && text != "略") {
      auto markers = find_markers();
      if (markers.empty()) {
        add_measure(*p, 1, paragraph_, 0);
      } else {
        if (!trim(std::string_view(paragraph_).substr(0, markers.front().at)).empty()) {
          auto [line, column] = where(0);
          error(line, column,
                "问题" + std::to_string(p->number) +
                    ": text before 一是; measures are listed as 一是…二是…");
        }
        int expected = 1;
        for (std::size_t k = 0; k < markers.size(); ++k) {
          const auto& m = markers[k];
          if (m.ordinal != expected) {
            auto [line, column] = where(m.at);
            error(line, column,
                  "问题" + std::to_string(p->number) + ": expected " + zh_number(expected) +
                      "是, found " + zh_number(m.ordinal) + "是");
          }
          std::size_t end = k + 1 < markers.size() ? markers[k + 1].at : paragraph_.size();
          add_measure(*p, m.ordinal, std::string_view(paragraph_).substr(m.body, end - m.body),
                      m.at);
          expected = m.ordinal + 1;
        }
      }
    }
    paragraph_.clear();
    segments_.clear();
  }

  std::string_view text_;
  const std::string& source_;
  ParsedPlan plan_;
  std::vector<std::string> errors_;
  std::map<int, std::size_t> numbers_;  ///< problem number → line
  bool has_lead_in_ = false;
  bool paragraph_open_ = false;
  std::string paragraph_;
  std::vector<Segment> segments_;
};

}  // namespace

std::size_t ParsedPlan::problem_count() const {
  std::size_t n = 0;
  for (const auto& c : categories)
    n += c.problems.size();
  return n;
}

std::size_t ParsedPlan::measure_count() const {
  std::size_t n = 0;
  for (const auto& c : categories) {
    for (const auto& p : c.problems)
      n += p.measures.size();
  }
  return n;
}

Result<ParsedPlan> parse_plan_text(std::string_view text, const std::string& source) {
  if (auto bad = invalid_utf8_at(text)) {
    std::size_t line = 1 + static_cast<std::size_t>(std::count(
                               text.begin(), text.begin() + static_cast<long>(*bad), '\n'));
    const std::size_t nl = *bad == 0 ? std::string_view::npos : text.rfind('\n', *bad - 1);
    const std::size_t from = nl == std::string_view::npos ? 0 : nl + 1;
    return Error{source + ":" + std::to_string(line) + ":" +
                 std::to_string(char_column(text.substr(from), *bad - from)) +
                 ": text is not valid UTF-8 (save the file as UTF-8)"};
  }
  return PlanParser(text, source).run();
}

Result<PlanImportSummary> import_plan(store::Database& db, const ParsedPlan& plan,
                                      std::string_view actor, Instant now,
                                      std::string_view round_name) {
  try {
    return db.write([&]() -> Result<PlanImportSummary> {
      auto& sql = db.sql();
      SQLite::Statement exists(sql, "SELECT id FROM rounds WHERE name = ?");
      exists.bind(1, std::string(round_name));
      if (exists.executeStep()) {
        return Error{"a round named '" + std::string(round_name) + "' exists already (id " +
                     std::to_string(exists.getColumn(0).getInt64()) +
                     "); import the plan under another name"};
      }
      SQLite::Statement round(sql, "INSERT INTO rounds(name) VALUES (?)");
      round.bind(1, std::string(round_name));
      round.exec();
      PlanImportSummary s;
      s.round_id = sql.getLastInsertRowid();

      SQLite::Statement cat(sql, "INSERT INTO categories(round_id, ordinal, title) VALUES (?,?,?)");
      SQLite::Statement prob(sql,
                             "INSERT INTO problems(category_id, number, title) VALUES (?,?,?)");
      SQLite::Statement meas(sql,
                             "INSERT INTO measures(problem_id, ordinal, text, status, na_reason, "
                             "progress, closed_at) VALUES (?,?,?,?,?,?,?)");
      const std::string closed_at = format_instant_utc(now);
      for (const auto& c : plan.categories) {
        cat.bind(1, s.round_id);
        cat.bind(2, c.ordinal);
        cat.bind(3, c.title);
        cat.exec();
        cat.reset();
        const Id category_id = sql.getLastInsertRowid();
        ++s.categories;
        for (const auto& p : c.problems) {
          prob.bind(1, category_id);
          prob.bind(2, p.number);
          prob.bind(3, p.title);
          prob.exec();
          prob.reset();
          const Id problem_id = sql.getLastInsertRowid();
          ++s.problems;
          for (const auto& m : p.measures) {
            const bool finished = m.status == MeasureStatus::closed ||
                                  m.status == MeasureStatus::ongoing ||
                                  m.status == MeasureStatus::not_applicable;
            meas.bind(1, problem_id);
            meas.bind(2, m.ordinal);
            meas.bind(3, m.text);
            meas.bind(4, std::string(to_string(m.status)));
            meas.bind(5, m.na_reason);
            meas.bind(6, finished && m.status != MeasureStatus::not_applicable ? 100 : 0);
            if (finished)
              meas.bind(7, closed_at);
            else
              meas.bind(7);
            meas.exec();
            meas.reset();
            ++s.measures;
          }
        }
      }
      boost::json::object after{{"round", std::string(round_name)},
                                {"categories", s.categories},
                                {"problems", s.problems},
                                {"measures", s.measures}};
      SQLite::Statement audit(
          sql, "INSERT INTO audit(at, actor, action, entity, after) VALUES (?,?,?,?,?)");
      audit.bind(1, closed_at);
      audit.bind(2, std::string(actor));
      audit.bind(3, "ledger.import_plan");
      audit.bind(4, "round:" + std::to_string(s.round_id));
      audit.bind(5, boost::json::serialize(after));
      audit.exec();
      return s;
    });
  } catch (const std::exception& e) {
    return Error{"cannot import the plan, nothing was written: " + std::string(e.what())};
  }
}

}  // namespace rectifyd::ledger_io
