#include "store/ledger_store.h"

#include <exception>
#include <string>
#include <utility>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"
#include "core/names.h"
#include "time/zone.h"

namespace rectifyd::store {

using ledger::Colour;
namespace {

/// Runs f, turning SQLite's exceptions into an Error that says what was being done.
template <class F>
auto guard(std::string_view what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return Error{"数据库操作失败：" + std::string(what) + "（" + e.what() + "）"};
  }
}

void bind_date(SQLite::Statement& st, int i, const std::optional<LocalDate>& d) {
  if (d)
    st.bind(i, format_date(*d));
  else
    st.bind(i);
}

void bind_instant(SQLite::Statement& st, int i, const std::optional<Instant>& t) {
  if (t)
    st.bind(i, format_instant_utc(*t));
  else
    st.bind(i);
}

void bind_id(SQLite::Statement& st, int i, const std::optional<Id>& id) {
  if (id)
    st.bind(i, static_cast<int64_t>(*id));
  else
    st.bind(i);
}

std::optional<LocalDate> col_date(const SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  if (c.isNull())
    return std::nullopt;
  return parse_date(c.getString());
}

std::optional<Instant> col_instant(const SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  if (c.isNull())
    return std::nullopt;
  return parse_instant(c.getString());
}

std::optional<Id> col_id(const SQLite::Statement& st, int i) {
  auto c = st.getColumn(i);
  if (c.isNull())
    return std::nullopt;
  return c.getInt64();
}

// ---- people ----------------------------------------------------------------------------------

constexpr const char* kPersonColumns =
    "id, name, title, department, email, mobile, wecom_id, dingtalk_id, feishu_id, roles, "
    "time_zone, active";

Person read_person(const SQLite::Statement& st, int c = 0) {
  Person p;
  p.id = st.getColumn(c + 0).getInt64();
  p.name = st.getColumn(c + 1).getString();
  p.title = st.getColumn(c + 2).getString();
  p.department = st.getColumn(c + 3).getString();
  p.email = st.getColumn(c + 4).getString();
  p.mobile = st.getColumn(c + 5).getString();
  p.wecom_id = st.getColumn(c + 6).getString();
  p.dingtalk_id = st.getColumn(c + 7).getString();
  p.feishu_id = st.getColumn(c + 8).getString();
  p.roles = parse_roles(st.getColumn(c + 9).getString()).value_or(Roles{});
  p.time_zone = st.getColumn(c + 10).getString();
  p.active = st.getColumn(c + 11).getInt() != 0;
  return p;
}

void bind_person_fields(SQLite::Statement& st, const Person& p) {
  st.bind(1, p.name);
  st.bind(2, p.title);
  st.bind(3, p.department);
  st.bind(4, p.email);
  st.bind(5, p.mobile);
  st.bind(6, p.wecom_id);
  st.bind(7, p.dingtalk_id);
  st.bind(8, p.feishu_id);
  st.bind(9, roles_to_string(p.roles));
  st.bind(10, p.time_zone);
  st.bind(11, p.active ? 1 : 0);
}

Error name_taken(const std::string& name) {
  return Error{"已有名为“" + name + "”的人员，姓名不能重复（a person named \"" + name +
               "\" exists already）"};
}

// ---- measures --------------------------------------------------------------------------------

constexpr const char* kMeasureColumns =
    "m.id, m.problem_id, m.ordinal, m.text, m.owner_id, m.due, m.original_due, m.status, "
    "m.evidence, m.na_reason, m.planned_progress, m.progress, m.talks, m.regulations, "
    "m.funds_returned_fen, m.last_progress_at, m.closed_at, m.closed_on";
constexpr int kMeasureColumnCount = 18;

Measure read_measure(const SQLite::Statement& st) {
  Measure m;
  m.id = st.getColumn(0).getInt64();
  m.problem_id = st.getColumn(1).getInt64();
  m.ordinal = st.getColumn(2).getInt();
  m.text = st.getColumn(3).getString();
  m.owner_id = col_id(st, 4);
  m.due = col_date(st, 5);
  m.original_due = col_date(st, 6);
  m.status = parse_measure_status(st.getColumn(7).getString()).value_or(MeasureStatus::open);
  m.evidence = st.getColumn(8).getString();
  m.na_reason = st.getColumn(9).getString();
  m.planned_progress = st.getColumn(10).getInt();
  m.progress = st.getColumn(11).getInt();
  m.talks = st.getColumn(12).getInt();
  m.regulations = st.getColumn(13).getInt();
  m.funds_returned_fen = st.getColumn(14).getInt64();
  m.last_progress_at = col_instant(st, 15);
  m.closed_at = col_instant(st, 16);
  m.closed_on = col_date(st, 17);
  return m;
}

/// Binds the 17 fields after the id, starting at parameter 1.
void bind_measure_fields(SQLite::Statement& st, const Measure& m) {
  st.bind(1, static_cast<int64_t>(m.problem_id));
  st.bind(2, m.ordinal);
  st.bind(3, m.text);
  bind_id(st, 4, m.owner_id);
  bind_date(st, 5, m.due);
  bind_date(st, 6, m.original_due);
  st.bind(7, std::string(to_string(m.status)));
  st.bind(8, m.evidence);
  st.bind(9, m.na_reason);
  st.bind(10, m.planned_progress);
  st.bind(11, m.progress);
  st.bind(12, m.talks);
  st.bind(13, m.regulations);
  st.bind(14, static_cast<int64_t>(m.funds_returned_fen));
  bind_instant(st, 15, m.last_progress_at);
  bind_instant(st, 16, m.closed_at);
  bind_date(st, 17, m.closed_on);
}

// ---- extensions ------------------------------------------------------------------------------

constexpr const char* kExtensionColumns =
    "id, measure_id, requested_at, requested_by, old_due, new_due, reason, state, decided_at, "
    "decided_by";

Extension read_extension(const SQLite::Statement& st) {
  Extension e;
  e.id = st.getColumn(0).getInt64();
  e.measure_id = st.getColumn(1).getInt64();
  e.requested_at = parse_instant(st.getColumn(2).getString()).value_or(Instant{});
  e.requested_by = st.getColumn(3).getString();
  e.old_due = parse_date(st.getColumn(4).getString()).value_or(LocalDate{});
  e.new_due = parse_date(st.getColumn(5).getString()).value_or(LocalDate{});
  e.reason = st.getColumn(6).getString();
  e.state = parse_extension_state(st.getColumn(7).getString()).value_or(ExtensionState::pending);
  e.decided_at = col_instant(st, 8);
  e.decided_by = st.getColumn(9).getString();
  return e;
}

Result<std::vector<Extension>> query_extensions(Database& db, const std::string& where,
                                                std::optional<Id> measure_id) {
  return guard("读取延期申请", [&]() -> Result<std::vector<Extension>> {
    SQLite::Statement st(db.sql(), std::string("SELECT ") + kExtensionColumns +
                                       " FROM extensions WHERE " + where + " ORDER BY id");
    if (measure_id)
      st.bind(1, static_cast<int64_t>(*measure_id));
    std::vector<Extension> out;
    while (st.executeStep())
      out.push_back(read_extension(st));
    return out;
  });
}

}  // namespace

// ---- people ----------------------------------------------------------------------------------

Result<Id> LedgerStore::add_person(const Person& p) {
  return guard("添加人员", [&]() -> Result<Id> {
    return db_.write([&]() -> Result<Id> {
      SQLite::Statement exists(db_.sql(), "SELECT 1 FROM people WHERE name = ?");
      exists.bind(1, p.name);
      if (exists.executeStep())
        return name_taken(p.name);
      SQLite::Statement st(db_.sql(),
                           "INSERT INTO people(name, title, department, email, mobile, wecom_id, "
                           "dingtalk_id, feishu_id, roles, time_zone, active) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
      bind_person_fields(st, p);
      st.exec();
      return db_.sql().getLastInsertRowid();
    });
  });
}

Status LedgerStore::update_person(const Person& p) {
  return guard("修改人员", [&]() -> Status {
    return db_.write([&]() -> Status {
      SQLite::Statement exists(db_.sql(), "SELECT 1 FROM people WHERE name = ? AND id <> ?");
      exists.bind(1, p.name);
      exists.bind(2, static_cast<int64_t>(p.id));
      if (exists.executeStep())
        return name_taken(p.name);
      SQLite::Statement st(db_.sql(),
                           "UPDATE people SET name=?, title=?, department=?, email=?, mobile=?, "
                           "wecom_id=?, dingtalk_id=?, feishu_id=?, roles=?, time_zone=?, "
                           "active=? WHERE id=?");
      bind_person_fields(st, p);
      st.bind(12, static_cast<int64_t>(p.id));
      if (st.exec() != 1)
        return Error{"没有编号为 " + std::to_string(p.id) + " 的人员（no person " +
                     std::to_string(p.id) + "）"};
      return ok_status();
    });
  });
}

Result<std::optional<Person>> LedgerStore::person(Id id) {
  return guard("读取人员", [&]() -> Result<std::optional<Person>> {
    SQLite::Statement st(db_.sql(),
                         std::string("SELECT ") + kPersonColumns + " FROM people WHERE id = ?");
    st.bind(1, static_cast<int64_t>(id));
    if (!st.executeStep())
      return std::optional<Person>{};
    return std::optional<Person>{read_person(st)};
  });
}

Result<std::optional<Person>> LedgerStore::person_by_name(std::string_view name) {
  return guard("读取人员", [&]() -> Result<std::optional<Person>> {
    SQLite::Statement st(db_.sql(),
                         std::string("SELECT ") + kPersonColumns + " FROM people WHERE name = ?");
    st.bind(1, std::string(name));
    if (!st.executeStep())
      return std::optional<Person>{};
    return std::optional<Person>{read_person(st)};
  });
}

Result<std::vector<Person>> LedgerStore::people() {
  return guard("读取人员", [&]() -> Result<std::vector<Person>> {
    SQLite::Statement st(db_.sql(),
                         std::string("SELECT ") + kPersonColumns + " FROM people ORDER BY id");
    std::vector<Person> out;
    while (st.executeStep())
      out.push_back(read_person(st));
    return out;
  });
}

// ---- rounds, categories, problems ------------------------------------------------------------

Result<Id> LedgerStore::add_round(const Round& r) {
  return guard("添加巡察轮次", [&]() -> Result<Id> {
    return db_.write([&]() -> Result<Id> {
      SQLite::Statement st(
          db_.sql(),
          "INSERT INTO rounds(name, feedback_date, plan_due, report_due) VALUES (?,?,?,?)");
      st.bind(1, r.name);
      bind_date(st, 2, r.feedback_date);
      bind_date(st, 3, r.plan_due);
      bind_date(st, 4, r.report_due);
      st.exec();
      return db_.sql().getLastInsertRowid();
    });
  });
}

Result<std::vector<Round>> LedgerStore::rounds() {
  return guard("读取巡察轮次", [&]() -> Result<std::vector<Round>> {
    SQLite::Statement st(
        db_.sql(), "SELECT id, name, feedback_date, plan_due, report_due FROM rounds ORDER BY id");
    std::vector<Round> out;
    while (st.executeStep()) {
      Round r;
      r.id = st.getColumn(0).getInt64();
      r.name = st.getColumn(1).getString();
      r.feedback_date = col_date(st, 2);
      r.plan_due = col_date(st, 3);
      r.report_due = col_date(st, 4);
      out.push_back(std::move(r));
    }
    return out;
  });
}

Result<Id> LedgerStore::add_category(const Category& c) {
  return guard("添加问题方面", [&]() -> Result<Id> {
    return db_.write([&]() -> Result<Id> {
      SQLite::Statement st(db_.sql(),
                           "INSERT INTO categories(round_id, ordinal, title) VALUES (?,?,?)");
      st.bind(1, static_cast<int64_t>(c.round_id));
      st.bind(2, c.ordinal);
      st.bind(3, c.title);
      st.exec();
      return db_.sql().getLastInsertRowid();
    });
  });
}

Result<std::vector<Category>> LedgerStore::categories() {
  return guard("读取问题方面", [&]() -> Result<std::vector<Category>> {
    SQLite::Statement st(
        db_.sql(),
        "SELECT id, round_id, ordinal, title FROM categories ORDER BY round_id, ordinal");
    std::vector<Category> out;
    while (st.executeStep()) {
      Category c;
      c.id = st.getColumn(0).getInt64();
      c.round_id = st.getColumn(1).getInt64();
      c.ordinal = st.getColumn(2).getInt();
      c.title = st.getColumn(3).getString();
      out.push_back(std::move(c));
    }
    return out;
  });
}

Result<Id> LedgerStore::add_problem(const Problem& p) {
  return guard("添加问题", [&]() -> Result<Id> {
    return db_.write([&]() -> Result<Id> {
      SQLite::Statement st(
          db_.sql(),
          "INSERT INTO problems(category_id, number, title, leader_id) VALUES (?,?,?,?)");
      st.bind(1, static_cast<int64_t>(p.category_id));
      st.bind(2, p.number);
      st.bind(3, p.title);
      bind_id(st, 4, p.leader_id);
      st.exec();
      return db_.sql().getLastInsertRowid();
    });
  });
}

namespace {
Problem read_problem(const SQLite::Statement& st) {
  Problem p;
  p.id = st.getColumn(0).getInt64();
  p.category_id = st.getColumn(1).getInt64();
  p.number = st.getColumn(2).getInt();
  p.title = st.getColumn(3).getString();
  p.leader_id = col_id(st, 4);
  return p;
}
}  // namespace

Result<std::optional<Problem>> LedgerStore::problem(Id id) {
  return guard("读取问题", [&]() -> Result<std::optional<Problem>> {
    SQLite::Statement st(db_.sql(),
                         "SELECT id, category_id, number, title, leader_id FROM problems "
                         "WHERE id = ?");
    st.bind(1, static_cast<int64_t>(id));
    if (!st.executeStep())
      return std::optional<Problem>{};
    return std::optional<Problem>{read_problem(st)};
  });
}

Result<std::vector<Problem>> LedgerStore::problems() {
  return guard("读取问题", [&]() -> Result<std::vector<Problem>> {
    SQLite::Statement st(db_.sql(),
                         "SELECT id, category_id, number, title, leader_id FROM problems "
                         "ORDER BY category_id, number, id");
    std::vector<Problem> out;
    while (st.executeStep())
      out.push_back(read_problem(st));
    return out;
  });
}

// ---- measures --------------------------------------------------------------------------------

Result<Id> LedgerStore::add_measure(const Measure& m) {
  return guard("添加整改措施", [&]() -> Result<Id> {
    return db_.write([&]() -> Result<Id> {
      SQLite::Statement st(db_.sql(),
                           "INSERT INTO measures(problem_id, ordinal, text, owner_id, due, "
                           "original_due, status, evidence, na_reason, planned_progress, "
                           "progress, talks, regulations, funds_returned_fen, last_progress_at, "
                           "closed_at, closed_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      bind_measure_fields(st, m);
      st.exec();
      return db_.sql().getLastInsertRowid();
    });
  });
}

Result<std::optional<Measure>> LedgerStore::measure(Id id) {
  return guard("读取整改措施", [&]() -> Result<std::optional<Measure>> {
    SQLite::Statement st(
        db_.sql(), std::string("SELECT ") + kMeasureColumns + " FROM measures m WHERE m.id = ?");
    st.bind(1, static_cast<int64_t>(id));
    if (!st.executeStep())
      return std::optional<Measure>{};
    return std::optional<Measure>{read_measure(st)};
  });
}

Status LedgerStore::update_measure(const Measure& m) {
  return guard("修改整改措施", [&]() -> Status {
    return db_.write([&]() -> Status {
      SQLite::Statement st(db_.sql(),
                           "UPDATE measures SET problem_id=?, ordinal=?, text=?, owner_id=?, "
                           "due=?, original_due=?, status=?, evidence=?, na_reason=?, "
                           "planned_progress=?, progress=?, talks=?, regulations=?, "
                           "funds_returned_fen=?, last_progress_at=?, closed_at=?, closed_on=? "
                           "WHERE id=?");
      bind_measure_fields(st, m);
      st.bind(18, static_cast<int64_t>(m.id));
      if (st.exec() != 1)
        return Error{"没有编号为 " + std::to_string(m.id) + " 的整改措施（no measure " +
                     std::to_string(m.id) + "）"};
      return ok_status();
    });
  });
}

namespace {

/// The FROM and WHERE of a measure filter, shared by the list and its count.
std::string measure_where(const MeasureFilter& f) {
  // The problem is joined only for the filters that need it: a count of every measure, or of
  // every measure of one owner, then reads the measures alone.
  std::string sql = f.leader_id || f.category_id
                        ? " FROM measures m JOIN problems p ON p.id = m.problem_id WHERE 1"
                        : " FROM measures m WHERE 1";
  if (f.owner_id)
    sql += " AND m.owner_id = :owner";
  if (f.leader_id)
    sql += " AND p.leader_id = :leader";
  if (f.problem_id)
    sql += " AND m.problem_id = :problem";
  if (f.category_id)
    sql += " AND p.category_id = :category";
  if (!f.statuses.empty()) {
    sql += " AND m.status IN (";
    for (std::size_t i = 0; i < f.statuses.size(); ++i)
      sql += (i ? ",:s" : ":s") + std::to_string(i);
    sql += ")";
  }
  if (f.overdue_as_of) {
    sql +=
        " AND m.status IN ('open','in_progress','done_reported') AND m.due IS NOT NULL"
        " AND m.due < :overdue";
  }
  if (f.due_within)
    sql += " AND m.due >= :within_from AND m.due <= :within_to";
  if (f.colour) {
    // colour_of, as SQL: finished is green; then overdue is red; then due within the yellow
    // window, or behind the planned progress, is yellow; the rest is green.
    // Open work is named by its statuses (not as "not finished") so that SQLite reads it
    // through the partial indexes on open work's due dates.
    static const std::string kFinished = "m.status IN ('closed','ongoing','not_applicable')";
    static const std::string kOpen = "m.status IN ('open','in_progress','done_reported')";
    static const std::string kRed = "(m.due IS NOT NULL AND m.due < :c_today)";
    static const std::string kYellow =
        "((m.due IS NOT NULL AND m.due <= :c_until) OR m.progress < m.planned_progress)";
    // Yellow as two disjoint index ranges: open work due within the window (measures_open_due),
    // and open work behind the planned progress due after it or undated (measures_open_behind).
    static const std::string kYellowRows =
        "m.id IN (SELECT id FROM measures INDEXED BY measures_open_due "
        "WHERE status IN ('open','in_progress','done_reported') "
        "AND due >= :c_today AND due <= :c_until "
        "UNION ALL SELECT id FROM measures INDEXED BY measures_open_behind "
        "WHERE status IN ('open','in_progress','done_reported') "
        "AND progress < planned_progress AND (due IS NULL OR due > :c_until))";
    switch (f.colour->colour) {
      case Colour::red:
        sql += " AND " + kOpen + " AND " + kRed;
        break;
      case Colour::yellow:
        sql += " AND " + kYellowRows;
        break;
      case Colour::green:
        sql += " AND (" + kFinished + " OR (NOT " + kRed + " AND NOT " + kYellow + "))";
        break;
    }
  }
  return sql;
}

void bind_measure_filter(SQLite::Statement& st, const MeasureFilter& f) {
  if (f.owner_id)
    st.bind(":owner", static_cast<int64_t>(*f.owner_id));
  if (f.leader_id)
    st.bind(":leader", static_cast<int64_t>(*f.leader_id));
  if (f.problem_id)
    st.bind(":problem", static_cast<int64_t>(*f.problem_id));
  if (f.category_id)
    st.bind(":category", static_cast<int64_t>(*f.category_id));
  for (std::size_t i = 0; i < f.statuses.size(); ++i)
    st.bind(":s" + std::to_string(i), std::string(to_string(f.statuses[i])));
  if (f.overdue_as_of)
    st.bind(":overdue", format_date(*f.overdue_as_of));
  if (f.due_within) {
    st.bind(":within_from", format_date(f.due_within->from));
    st.bind(":within_to", format_date(f.due_within->from + date::days{f.due_within->days}));
  }
  if (f.colour) {
    st.bind(":c_today", format_date(f.colour->today));
    if (f.colour->colour != Colour::red)
      st.bind(":c_until", format_date(f.colour->yellow_until));
  }
}

}  // namespace

Result<std::vector<Measure>> LedgerStore::measures(const MeasureFilter& f) {
  return guard("读取整改措施", [&]() -> Result<std::vector<Measure>> {
    std::string sql = std::string("SELECT ") + kMeasureColumns + measure_where(f) +
                      " ORDER BY m.due IS NULL, m.due, m.id";
    if (f.limit > 0)
      sql += " LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset);
    SQLite::Statement st(db_.sql(), sql);
    bind_measure_filter(st, f);
    std::vector<Measure> out;
    while (st.executeStep())
      out.push_back(read_measure(st));
    return out;
  });
}

Result<std::size_t> LedgerStore::count_measures(const MeasureFilter& f) {
  return guard("统计整改措施", [&]() -> Result<std::size_t> {
    auto count = [&](const MeasureFilter& g) {
      SQLite::Statement st(db_.sql(), "SELECT count(*)" + measure_where(g));
      bind_measure_filter(st, g);
      st.executeStep();
      return static_cast<std::size_t>(st.getColumn(0).getInt64());
    };
    if (!f.colour || f.colour->colour != Colour::green)
      return count(f);
    // The colours split every set of measures: green is what red and yellow leave, counted
    // from three index reads instead of a scan of every row.
    MeasureFilter any = f, red = f, yellow = f;
    any.colour.reset();
    red.colour->colour = Colour::red;
    yellow.colour->colour = Colour::yellow;
    return count(any) - count(red) - count(yellow);
  });
}

Result<ColourCounts> LedgerStore::count_colours(const MeasureFilter& f) {
  MeasureFilter g = f;
  if (!g.colour)
    return Error{"count_colours: the filter names no colour day", ErrorKind::internal};
  ColourCounts n;
  g.colour->colour = Colour::red;
  auto red = count_measures(g);
  if (!red)
    return red.error();
  g.colour->colour = Colour::yellow;
  auto yellow = count_measures(g);
  if (!yellow)
    return yellow.error();
  g.colour.reset();
  auto all = count_measures(g);
  if (!all)
    return all.error();
  n.red = *red;
  n.yellow = *yellow;
  n.green = *all - *red - *yellow;
  return n;
}

// ---- progress updates ------------------------------------------------------------------------

Result<Id> LedgerStore::add_progress_update(const ProgressUpdate& u) {
  return guard("记录进度", [&]() -> Result<Id> {
    return db_.write([&]() -> Result<Id> {
      SQLite::Statement st(db_.sql(),
                           "INSERT INTO progress_updates(measure_id, at, actor, progress, note) "
                           "VALUES (?,?,?,?,?)");
      st.bind(1, static_cast<int64_t>(u.measure_id));
      st.bind(2, format_instant_utc(u.at));
      st.bind(3, u.actor);
      st.bind(4, u.progress);
      st.bind(5, u.note);
      st.exec();
      return db_.sql().getLastInsertRowid();
    });
  });
}

Result<std::vector<ProgressUpdate>> LedgerStore::progress_updates(Id measure_id) {
  return guard("读取进度", [&]() -> Result<std::vector<ProgressUpdate>> {
    SQLite::Statement st(db_.sql(),
                         "SELECT id, measure_id, at, actor, progress, note FROM progress_updates "
                         "WHERE measure_id = ? ORDER BY at, id");
    st.bind(1, static_cast<int64_t>(measure_id));
    std::vector<ProgressUpdate> out;
    while (st.executeStep()) {
      ProgressUpdate u;
      u.id = st.getColumn(0).getInt64();
      u.measure_id = st.getColumn(1).getInt64();
      u.at = parse_instant(st.getColumn(2).getString()).value_or(Instant{});
      u.actor = st.getColumn(3).getString();
      u.progress = st.getColumn(4).getInt();
      u.note = st.getColumn(5).getString();
      out.push_back(std::move(u));
    }
    return out;
  });
}

// ---- extensions ------------------------------------------------------------------------------

Result<Id> LedgerStore::add_extension(const Extension& e) {
  return guard("记录延期申请", [&]() -> Result<Id> {
    return db_.write([&]() -> Result<Id> {
      SQLite::Statement st(db_.sql(),
                           "INSERT INTO extensions(measure_id, requested_at, requested_by, "
                           "old_due, new_due, reason, state, decided_at, decided_by) "
                           "VALUES (?,?,?,?,?,?,?,?,?)");
      st.bind(1, static_cast<int64_t>(e.measure_id));
      st.bind(2, format_instant_utc(e.requested_at));
      st.bind(3, e.requested_by);
      st.bind(4, format_date(e.old_due));
      st.bind(5, format_date(e.new_due));
      st.bind(6, e.reason);
      st.bind(7, std::string(to_string(e.state)));
      bind_instant(st, 8, e.decided_at);
      st.bind(9, e.decided_by);
      st.exec();
      return db_.sql().getLastInsertRowid();
    });
  });
}

Status LedgerStore::update_extension(const Extension& e) {
  return guard("修改延期申请", [&]() -> Status {
    return db_.write([&]() -> Status {
      SQLite::Statement st(db_.sql(),
                           "UPDATE extensions SET state=?, decided_at=?, decided_by=?, reason=?, "
                           "new_due=? WHERE id=?");
      st.bind(1, std::string(to_string(e.state)));
      bind_instant(st, 2, e.decided_at);
      st.bind(3, e.decided_by);
      st.bind(4, e.reason);
      st.bind(5, format_date(e.new_due));
      st.bind(6, static_cast<int64_t>(e.id));
      if (st.exec() != 1)
        return Error{"没有编号为 " + std::to_string(e.id) + " 的延期申请（no extension " +
                     std::to_string(e.id) + "）"};
      return ok_status();
    });
  });
}

Result<std::optional<Extension>> LedgerStore::extension(Id id) {
  auto r = query_extensions(db_, "id = ?", id);
  if (!r)
    return r.error();
  if (r->empty())
    return std::optional<Extension>{};
  return std::optional<Extension>{r->front()};
}

Result<std::vector<Extension>> LedgerStore::extensions(Id measure_id) {
  return query_extensions(db_, "measure_id = ?", measure_id);
}

Result<std::vector<Extension>> LedgerStore::pending_extensions() {
  return query_extensions(db_, "state = 'pending'", std::nullopt);
}

// ---- the planner's view ----------------------------------------------------------------------

Result<OpenWork> LedgerStore::load_open_work() {
  return guard("读取在办措施", [&]() -> Result<OpenWork> {
    OpenWork w;
    auto people = this->people();
    if (!people)
      return people.error();
    w.people = std::move(*people);
    // The WHERE clause repeats the partial index's, so SQLite walks measures_open_due in due
    // order and never sorts; undated rows (NULL due) come first in the index and are moved
    // last below.
    SQLite::Statement st(db_.sql(), std::string("SELECT ") + kMeasureColumns +
                                        ", p.number, p.leader_id FROM measures m INDEXED BY "
                                        "measures_open_due JOIN problems p ON p.id = m.problem_id "
                                        "WHERE m.status IN ('open','in_progress','done_reported') "
                                        "ORDER BY m.due, m.id");
    std::vector<OpenMeasure> undated;
    while (st.executeStep()) {
      OpenMeasure om{read_measure(st), st.getColumn(kMeasureColumnCount).getInt(),
                     col_id(st, kMeasureColumnCount + 1)};
      (om.measure.due ? w.measures : undated).push_back(std::move(om));
    }
    for (auto& om : undated)
      w.measures.push_back(std::move(om));
    return w;
  });
}

Result<std::size_t> LedgerStore::date_closings(const date::time_zone* zone) {
  return guard("记录办结日期", [&]() -> Result<std::size_t> {
    // Read first, outside any transaction: normally there is nothing to date, and a reader
    // must not take the write lock for nothing.
    SQLite::Statement undated(db_.sql(),
                              "SELECT id, closed_at FROM measures INDEXED BY "
                              "measures_closed_undated WHERE closed_at IS NOT NULL AND "
                              "closed_on IS NULL");
    std::vector<std::pair<Id, std::string>> days;
    while (undated.executeStep()) {
      if (auto at = parse_instant(undated.getColumn(1).getString()))
        days.emplace_back(undated.getColumn(0).getInt64(), format_date(local_date(zone, *at)));
    }
    if (days.empty())
      return std::size_t{0};
    return db_.write([&]() -> Result<std::size_t> {
      SQLite::Statement set(db_.sql(),
                            "UPDATE measures SET closed_on = ? WHERE id = ? AND closed_on IS NULL");
      for (const auto& [id, day] : days) {
        set.bind(1, day);
        set.bind(2, static_cast<int64_t>(id));
        set.exec();
        set.reset();
      }
      return days.size();
    });
  });
}

}  // namespace rectifyd::store
