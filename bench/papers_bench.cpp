// The papers on a large ledger: the Excel 台账 of 100,000 measures must be written in ≤ 3 s,
// the 整改情况报告 of 1,000 problems in ≤ 1 s. Each is timed against a baseline measured in
// the same run: the same ledger written as CSV (export_ledger_csv), and the report's plain text
// without the .docx package.
//
// Usage: papers_bench [directory]   (default: a fresh directory under /tmp, removed at the end)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"
#include "ledger_io/ledger_csv.h"
#include "papers/docx.h"
#include "papers/final_report.h"
#include "papers/ledger_view.h"
#include "papers/ledger_xlsx.h"
#include "store/database.h"
#include "store/ledger_import.h"
#include "time/calendar.h"

namespace {

using namespace rectifyd;
using Clock = std::chrono::steady_clock;

constexpr int kPeople = 200;

/// `problems` problems in three categories with `per_problem` measures each.
void generate(store::Database& db, int problems, int per_problem) {
  db.write([&] {
    db.sql().exec("INSERT INTO rounds(name, feedback_date) VALUES ('巡察整改', '2026-01-10')");
    SQLite::Statement person(db.sql(),
                             "INSERT INTO people(name, title, department, roles) VALUES (?,?,?,?)");
    for (int i = 1; i <= kPeople; ++i) {
      person.bind(1, "人员" + std::to_string(i));
      person.bind(2, i % 10 == 0 ? "副局长" : "科长");
      person.bind(3, "部门" + std::to_string(i % 20 + 1));
      person.bind(4, i % 10 == 0 ? "leader,owner" : "owner");
      person.exec();
      person.reset();
    }
    const char* titles[] = {"在聚焦贯彻落实党的理论路线方针政策和党中央决策部署情况方面",
                            "在聚焦群众身边腐败问题和不正之风方面",
                            "在聚焦基层党组织领导班子和干部队伍建设方面"};
    for (int c = 1; c <= 3; ++c) {
      SQLite::Statement cat(db.sql(),
                            "INSERT INTO categories(round_id, ordinal, title) VALUES (1, ?, ?)");
      cat.bind(1, c);
      cat.bind(2, titles[c - 1]);
      cat.exec();
    }
    SQLite::Statement prob(
        db.sql(), "INSERT INTO problems(category_id, number, title, leader_id) VALUES (?,?,?,?)");
    SQLite::Statement m(db.sql(),
                        "INSERT INTO measures(problem_id, ordinal, text, owner_id, due, status, "
                        "evidence, progress, talks, regulations, funds_returned_fen, closed_at) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    const char* statuses[] = {"open", "in_progress", "closed", "closed", "ongoing", "closed"};
    const auto first_due = *parse_date("2026-01-15");
    std::uint64_t x = 88172645463325252ull;  // xorshift: the same ledger on every machine
    for (int p = 1; p <= problems; ++p) {
      prob.bind(1, (p - 1) * 3 / problems + 1);
      prob.bind(2, p);
      prob.bind(3, "问题" + std::to_string(p) + "：制度执行不到位，监督检查不够有力");
      prob.bind(4, (p % (kPeople / 10) + 1) * 10);
      prob.exec();
      prob.reset();
      for (int k = 1; k <= per_problem; ++k) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const char* status = statuses[x % 6];
        const bool finished =
            std::string_view(status) != "open" && std::string_view(status) != "in_progress";
        m.bind(1, p);
        m.bind(2, k);
        m.bind(3, "健全完善相关制度，明确工作流程和责任分工，定期组织督促检查，确保整改落实到位（" +
                      std::to_string(p) + "-" + std::to_string(k) + "）。");
        m.bind(4, static_cast<int>((x >> 8) % kPeople) + 1);
        m.bind(5, format_date(first_due + date::days{static_cast<int>((x >> 16) % 365)}));
        m.bind(6, status);
        m.bind(7, finished ? "已印发制度文件并组织学习" : "");
        m.bind(8, finished ? 100 : static_cast<int>((x >> 24) % 100));
        m.bind(9, static_cast<int>((x >> 32) % 3));
        m.bind(10, static_cast<int>((x >> 36) % 2));
        m.bind(11, static_cast<int64_t>((x >> 40) % 100000));
        if (finished)
          m.bind(12, "2026-03-01T02:00:00Z");
        else
          m.bind(12);
        m.exec();
        m.reset();
      }
    }
  });
}

/// The process's processor time (user and system), in seconds.
double cpu_s() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return s(u.ru_utime) + s(u.ru_stime);
}

/// Median of `runs` timed calls (after one warm-up call), in seconds; `cpu`, if given, gets the
/// median processor time of a call, which another program on the machine disturbs less.
double median_s(int runs, const std::function<void()>& f, double* cpu = nullptr) {
  f();
  std::vector<double> t;
  std::vector<double> c;
  for (int i = 0; i < runs; ++i) {
    const double cpu_start = cpu_s();
    auto start = Clock::now();
    f();
    t.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    c.push_back(cpu_s() - cpu_start);
  }
  std::sort(t.begin(), t.end());
  std::sort(c.begin(), c.end());
  if (cpu != nullptr)
    *cpu = c[c.size() / 2];
  return t[t.size() / 2];
}

/// The process's peak resident memory so far, in MB.
double peak_rss_mb() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

papers::ViewOptions view_options() {
  papers::ViewOptions o;
  o.colouring.today = *parse_date("2026-03-02");
  o.colouring.calendar = Calendar::with_builtin_holidays();
  return o;
}

bool check(const Status& st) {
  if (!st)
    std::fprintf(stderr, "papers_bench: %s\n", st.error().message.c_str());
  return static_cast<bool>(st);
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const bool own_dir = argc < 2;
  fs::path dir = own_dir
                     ? fs::temp_directory_path() / ("papers_bench." + std::to_string(::getpid()))
                     : fs::path(argv[1]);
  fs::create_directories(dir);
  int failures = 0;
  {
    auto db = store::Database::open((dir / "xlsx.db").string());
    if (!db) {
      std::fprintf(stderr, "papers_bench: %s\n", db.error().message.c_str());
      return 1;
    }
    generate(**db, 1000, 100);
    const std::string csv = (dir / "ledger.csv").string();
    const std::string xlsx = (dir / "ledger.xlsx").string();
    bool ok = true;
    double csv_cpu = 0;
    const double csv_s = median_s(
        3,
        [&] {
          std::ofstream out(csv, std::ios::binary | std::ios::trunc);
          ok = check(store::export_ledger_csv(**db, out)) && ok;
        },
        &csv_cpu);
    const double rss_before = peak_rss_mb();
    double load_s = 0;
    double xlsx_cpu = 0;
    const double xlsx_s = median_s(
        3,
        [&] {
          auto start = Clock::now();
          auto view = papers::load_ledger_view(**db, view_options());
          load_s = std::chrono::duration<double>(Clock::now() - start).count();
          ok = view && check(papers::write_ledger_xlsx(*view, *parse_date("2026-03-02"), xlsx)) &&
               ok;
        },
        &xlsx_cpu);
    std::printf(
        "xlsx export, 100,000 measures: %.2f s (processor %.2f s; reading the ledger %.2f s), "
        "%.1f MB, peak memory %.0f MB (%.0f MB before); target <= 3 s: %s\n",
        xlsx_s, xlsx_cpu, load_s, static_cast<double>(fs::file_size(xlsx)) / 1e6, peak_rss_mb(),
        rss_before, xlsx_s <= 3.0 ? "met" : "NOT MET");
    std::printf(
        "  baseline, the same rows as CSV: %.2f s (processor %.2f s), %.1f MB (xlsx / csv = %.1fx, "
        "processor time %.1fx)\n",
        csv_s, csv_cpu, static_cast<double>(fs::file_size(csv)) / 1e6, xlsx_s / csv_s,
        xlsx_cpu / csv_cpu);
    failures += (xlsx_s <= 3.0 && ok) ? 0 : 1;
  }
  {
    auto db = store::Database::open((dir / "report.db").string());
    if (!db)
      return 1;
    generate(**db, 1000, 5);
    const std::string docx = (dir / "report.docx").string();
    bool ok = true;
    std::size_t text_bytes = 0;
    const double text_s = median_s(5, [&] {
      auto view = papers::load_ledger_view(**db, view_options());
      papers::FinalReportInput in{*view, *parse_date("2026-03-02"), "", "", "", {}};
      text_bytes = papers::paper_text(papers::final_report(in)).size();
    });
    const double docx_s = median_s(5, [&] {
      auto view = papers::load_ledger_view(**db, view_options());
      papers::FinalReportInput in{*view, *parse_date("2026-03-02"), "", "", "", {}};
      ok = check(papers::write_docx(papers::final_report(in), docx)) && ok;
    });
    std::printf(
        "final report, 1,000 problems / 5,000 measures: %.3f s, %.2f MB .docx; "
        "target <= 1 s: %s\n",
        docx_s, static_cast<double>(fs::file_size(docx)) / 1e6, docx_s <= 1.0 ? "met" : "NOT MET");
    std::printf(
        "  baseline, the same report as plain text (no package): %.3f s, %.2f MB "
        "(docx / text = %.1fx)\n",
        text_s, static_cast<double>(text_bytes) / 1e6, docx_s / text_s);
    failures += (docx_s <= 1.0 && ok) ? 0 : 1;
  }
  if (own_dir)
    fs::remove_all(dir);
  return failures == 0 ? 0 : 1;
}
