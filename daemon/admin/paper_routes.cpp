// /api/v1/exports/xlsx, /exports/csv, /imports/xlsx, /reports/weekly, /reports/final: the papers
// as downloads,
// made by daemon/papers as rectifyctl makes them. Thin: read the query, call, answer the bytes.

#include <unistd.h>

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "admin/routes.h"
#include "core/dates.h"
#include "ledger_io/ledger_csv.h"
#include "office/imports.h"
#include "papers/docx.h"
#include "papers/html.h"
#include "papers/ledger_xlsx.h"
#include "papers/papers.h"
#include "store/ledger_import.h"
#include "store/ledger_store.h"
#include "store/stats_queries.h"

namespace rectifyd::admin {
namespace json = boost::json;
namespace {

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// "台账.xlsx" as Content-Disposition: an ASCII name for old clients, the UTF-8 one for the rest.
std::string attachment(const std::string& ascii, const std::string& utf8) {
  std::string enc;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : utf8) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_') {
      enc += static_cast<char>(c);
    } else {
      enc += '%';
      enc += hex[c >> 4];
      enc += hex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + enc;
}

Reply file(std::string bytes, const char* type, const std::string& ascii, const std::string& utf8) {
  Reply r;
  r.text = std::move(bytes);
  r.content_type = type;
  r.headers.emplace_back("Content-Disposition", attachment(ascii, utf8));
  return r;
}

papers::PaperContext context(ApiEnv& env, const config::Config& cfg) {
  return papers::PaperContext{env.db, cfg, env.clock.now(), today(env), unit_zone(cfg)};
}

std::string query(const Call& c, const char* key) {
  auto it = c.query.find(key);
  return it == c.query.end() ? std::string() : it->second;
}

/// The paper in the format ?format= asks for: docx (default), html or text.
Reply paper_reply(ApiEnv& env, const Call& c, const papers::Paper& paper, const std::string& name) {
  const std::string format = query(c, "format");
  if (format == "html") {
    Reply r;
    r.text = papers::paper_html(paper);
    r.content_type = "text/html; charset=utf-8";
    return r;
  }
  if (format == "text") {
    Reply r;
    r.text = papers::paper_text(paper);
    r.content_type = "text/plain; charset=utf-8";
    return r;
  }
  if (!format.empty() && format != "docx")
    return error(http::status::bad_request, "format 应为 docx、html 或 text，收到“" + format + "”",
                 "?format");
  auto bytes = papers::docx_bytes(paper, env.scratch_dir);
  if (!bytes)
    return error(http::status::internal_server_error, bytes.error().message);
  return file(std::move(*bytes), kDocxType, "report.docx", name + ".docx");
}

Reply export_xlsx(ApiEnv& env, const Call&) {
  const config::Snapshot cfg = env.config();
  const auto ctx = context(env, *cfg);
  std::string path = env.scratch_dir + "/rectifyd-ledger-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0)
    return error(http::status::internal_server_error,
                 "无法创建临时文件（cannot create a file in " + env.scratch_dir + "）");
  ::close(fd);
  auto st = papers::export_ledger_xlsx(env.db, papers::view_options(ctx, ctx.today), path);
  std::ostringstream bytes;
  if (st) {
    std::ifstream in(path, std::ios::binary);
    bytes << in.rdbuf();
  }
  ::unlink(path.c_str());
  if (!st)
    return error(http::status::internal_server_error, st.error().message);
  return file(bytes.str(), kXlsxType, "ledger.xlsx", "台账-" + format_date(ctx.today) + ".xlsx");
}

/// The ledger as CSV, as `rectifyctl export csv` writes it, behind a UTF-8 byte order mark: a
/// browser's download is opened by Excel, which reads a CSV without one in the local code page.
Reply export_csv(ApiEnv& env, const Call&) {
  std::ostringstream out;
  out << "\xEF\xBB\xBF";
  if (auto st = store::export_ledger_csv(env.db, out); !st)
    return error(http::status::internal_server_error, st.error().message);
  return file(out.str(), "text/csv; charset=utf-8", "ledger.csv",
              "台账-" + format_date(today(env)) + ".csv");
}

Reply import_xlsx(ApiEnv& env, const Call& c) {
  auto it = c.query.find("source");
  const std::string source = it == c.query.end() || it->second.empty() ? "ledger.xlsx" : it->second;
  auto office = office_of(env);
  auto s = office::import_ledger_xlsx(office, actor_of(c), c.body, source);
  if (!s) {
    json::array details;
    std::istringstream lines(s.error().message);
    for (std::string line; std::getline(lines, line);)
      details.push_back(json::string(line));
    std::string first = details.empty() ? s.error().message : std::string(details[0].as_string());
    return validation_error(
        "导入失败，未写入任何数据（import failed, nothing was written）：" + first, source,
        std::move(details));
  }
  return ok(json::object{{"round_id", s->round_id},
                         {"rows", s->rows},
                         {"categories_created", s->categories_created},
                         {"problems_created", s->problems_created},
                         {"measures_created", s->measures_created},
                         {"measures_updated", s->measures_updated},
                         {"measures_unchanged", s->measures_unchanged}});
}

Reply weekly(ApiEnv& env, const Call& c) {
  const config::Snapshot cfg = env.config();
  const auto ctx = context(env, *cfg);
  LocalDate day = ctx.today;
  if (auto d = query(c, "date"); !d.empty()) {
    auto parsed = parse_date(d);
    if (!parsed)
      return error(http::status::bad_request, "date 应为 YYYY-MM-DD 格式的日期，收到“" + d + "”",
                   "?date");
    day = *parsed;
  }
  auto paper = papers::make_weekly_report(ctx, day);
  if (!paper)
    return error(http::status::internal_server_error, paper.error().message);
  return paper_reply(env, c, *paper, "通报-" + format_date(day));
}

Reply final_report(ApiEnv& env, const Call& c) {
  const config::Snapshot cfg = env.config();
  papers::FinalReportOptions o;
  o.inspection_group = query(c, "group");
  o.inspection_period = query(c, "period");
  o.authority = query(c, "authority");
  auto paper = papers::make_final_report(context(env, *cfg), o);
  if (!paper)
    return error(http::status::internal_server_error, paper.error().message);
  return paper_reply(env, c, *paper, "整改情况报告");
}

json::object tally_json(const std::string& name, const papers::Tally& t) {
  return json::object{{"name", name},
                      {"measures", t.measures},
                      {"finished", t.finished},
                      {"on_time", t.on_time},
                      {"overdue", t.overdue},
                      {"problems", t.problems},
                      {"problems_done", t.problems_done},
                      {"completion_rate", t.rate()},
                      {"on_time_rate", t.on_time_rate()}};
}

/// GET /stats/breakdown: 办结率 and 按期办结率 (finished in time / finished) overall, per
/// category and per leader, and the change of 办结率 since the last meeting held (rates are
/// fractions, 0 to 1).
Reply breakdown(ApiEnv& env, const Call&) {
  const config::Snapshot cfg = env.config();
  if (auto dated = store::LedgerStore(env.db).date_closings(unit_zone(*cfg)); !dated)
    return error(http::status::internal_server_error, dated.error().message);
  auto stats = store::compute_stats(env.db, today(env));
  if (!stats)
    return error(http::status::internal_server_error, stats.error().message);
  auto body = breakdown_body(env, *stats);
  if (!body)
    return error(http::status::internal_server_error, body.error().message);
  return ok(std::move(*body));
}

}  // namespace

Result<json::object> breakdown_body(ApiEnv& env, const ledger::LedgerStats& stats) {
  const config::Snapshot cfg = env.config();
  auto b = papers::make_breakdown(context(env, *cfg), stats);
  if (!b)
    return b.error();
  json::object o = tally_json("全部", b->overall);
  json::array cats, leaders;
  for (const auto& c : b->by_category)
    cats.push_back(tally_json(c.name, c.tally));
  for (const auto& l : b->by_leader)
    leaders.push_back(tally_json(l.name, l.tally));
  o["by_category"] = std::move(cats);
  o["by_leader"] = std::move(leaders);
  o["last_meeting"] = b->last_meeting ? json::value(format_date(*b->last_meeting)) : nullptr;
  o["rate_at_last_meeting"] =
      b->rate_at_last_meeting ? json::value(*b->rate_at_last_meeting) : nullptr;
  o["as_of"] = format_date(today(env));
  return o;
}

void add_paper_routes(RouteTable& t) {
  t.add("GET", "/stats/breakdown", breakdown);
  t.add("GET", "/exports/xlsx", export_xlsx);
  t.add("GET", "/exports/csv", export_csv);
  t.add("POST", "/imports/xlsx", import_xlsx);
  t.add("GET", "/reports/weekly", weekly);
  t.add("GET", "/reports/final", final_report);
}

}  // namespace rectifyd::admin
