// Ledger CSV import at scale: 100,000 measures (20,000 problems) into a fresh database, against
// two baselines measured in the same run on the same rows: only reading the CSV, and raw SQLite
// inserts of the measures with one prepared statement in one transaction. Target: ≤ 2 s.
//
//   import_bench [measures]

#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#include <SQLiteCpp/Statement.h>

#include "ledger_io/csv.h"
#include "ledger_io/ledger_csv.h"
#include "ledger_io/people_csv.h"
#include "store/database.h"
#include "store/ledger_import.h"
#include "store/people_import.h"

namespace {

using namespace rectifyd;
/// Wall time and this process's CPU time: on a shared, busy machine the CPU time is what the
/// code costs, the wall time what a user waits.
struct Stopwatch {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  struct Lap {
    double wall_s, cpu_s;
  };
  Lap lap() const {
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(),
            static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC};
  }
};

constexpr int kPeople = 200;
constexpr int kMeasuresPerProblem = 5;

std::string person_name(int i) {
  return "责任人" + std::to_string(i);
}

std::string people_csv() {
  std::string s =
      "name,title,department,email,mobile,wecom_id,dingtalk_id,feishu_id,roles,time_zone\n";
  for (int i = 0; i < kPeople; ++i) {
    s += person_name(i) + ",科长,第" + std::to_string(i % 20) + "科,p" + std::to_string(i) +
         "@example.org,138" + std::to_string(10'000'000 + i) + ",,,," +
         (i % 10 == 0 ? "leader;owner" : "owner") + ",\n";
  }
  return s;
}

std::string ledger_csv(int measures) {
  const char* categories[] = {"在贯彻落实上级决策部署方面", "在群众身边不正之风方面",
                              "在基层党组织建设方面"};
  const char* statuses[] = {"open", "in_progress", "closed", "ongoing", "done_reported"};
  std::string s =
      "category,problem_no,problem,leader,measure_no,measure,owner,due,status,progress,"
      "planned_progress,evidence,na_reason,talks,regulations,funds_returned\n";
  s.reserve(static_cast<std::size_t>(measures) * 330);
  for (int m = 0; m < measures; ++m) {
    const int problem = m / kMeasuresPerProblem + 1;
    const int ordinal = m % kMeasuresPerProblem + 1;
    s += categories[problem % 3];
    s += ',' + std::to_string(problem) + ",问题标题第" + std::to_string(problem) +
         "项，整改不到位," + person_name((problem % (kPeople / 10)) * 10) + ',' +
         std::to_string(ordinal) + ",\"健全完善制度，加强督促检查，确保“首个议题”落实到位，第" +
         std::to_string(m) + "条措施。\"," + person_name(m % kPeople) + ",today" +
         (m % 2 ? "+" : "-") + std::to_string(m % 60) + ',' + statuses[m % 5] + ',' +
         std::to_string(m % 101) + ",50," + (m % 7 == 0 ? "\"会议纪要, 照片\"" : "") + ",," +
         std::to_string(m % 3) + ",0," + (m % 11 == 0 ? "1234.50" : "") + '\n';
  }
  return s;
}

std::unique_ptr<store::Database> fresh_db(const std::filesystem::path& dir, const char* name) {
  auto db = store::Database::open((dir / name).string());
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().message.c_str());
    std::exit(1);
  }
  return std::move(*db);
}

}  // namespace

int main(int argc, char** argv) {
  const int measures = argc > 1 ? std::atoi(argv[1]) : 100'000;
  char tmpl[] = "/tmp/rectifyd-import-bench-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr)
    return 1;
  const std::filesystem::path dir = tmpl;
  const std::string people = people_csv();
  const std::string ledger = ledger_csv(measures);
  const LocalDate today{date::year{2026} / 3 / 2};
  const Instant now = date::sys_days{date::year{2026} / 3 / 2};
  std::printf("ledger CSV: %d measures, %.1f MB\n", measures,
              static_cast<double>(ledger.size()) / 1e6);

  // Baseline 1: only reading the CSV.
  Stopwatch t0;
  std::size_t fields = 0;
  {
    ledger_io::CsvReader reader(ledger, "bench.csv");
    ledger_io::CsvRecord record;
    while (true) {
      auto more = reader.next(record);
      if (!more || !*more)
        break;
      fields += record.fields.size();
    }
  }
  const auto parse = t0.lap();

  // Baseline 2: raw inserts of the same measures, one prepared statement, one transaction.
  auto raw = fresh_db(dir, "raw.db");
  Stopwatch::Lap raw_lap{};
  {
    auto& sql = raw->sql();
    sql.exec("INSERT INTO rounds(name) VALUES ('r')");
    sql.exec("INSERT INTO categories(round_id, ordinal, title) VALUES (1, 1, 'c')");
    sql.exec("INSERT INTO people(name) VALUES ('p')");
    std::vector<ledger_io::CsvRecord> rows;
    ledger_io::CsvReader reader(ledger, "bench.csv");
    ledger_io::CsvRecord record;
    while (true) {
      auto more = reader.next(record);
      if (!more || !*more)
        break;
      rows.push_back(record);
    }
    Stopwatch t1;
    raw->write([&] {
      SQLite::Statement problem(sql,
                                "INSERT INTO problems(category_id, number, title) VALUES (1,?,?)");
      SQLite::Statement measure(sql,
                                "INSERT INTO measures(problem_id, ordinal, text, owner_id, due, "
                                "status, progress) VALUES (?,?,?,1,?,?,?)");
      Id problem_id = 0;
      for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& f = rows[i].fields;
        if (f[4] == "1") {
          problem.bind(1, std::atoi(f[1].c_str()));
          problem.bind(2, f[2]);
          problem.exec();
          problem.reset();
          problem_id = sql.getLastInsertRowid();
        }
        measure.bind(1, problem_id);
        measure.bind(2, std::atoi(f[4].c_str()));
        measure.bind(3, f[5]);
        measure.bind(4, "2026-03-02");
        measure.bind(5, f[8]);
        measure.bind(6, std::atoi(f[9].c_str()));
        measure.exec();
        measure.reset();
      }
    });
    raw_lap = t1.lap();
  }

  // The importer: validation of every row, then one transaction.
  auto db = fresh_db(dir, "import.db");
  auto p = store::import_people_csv(*db, people, {"people.csv", "bench", now});
  if (!p) {
    std::fprintf(stderr, "%s\n", p.error().message.c_str());
    return 1;
  }
  ledger_io::LedgerImportOptions options;
  options.source = "bench.csv";
  options.today = today;
  options.now = now;
  Stopwatch t2;
  auto s = store::import_ledger_csv(*db, ledger, options);
  const auto imported = t2.lap();
  if (!s) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    return 1;
  }
  const long stored =
      static_cast<long>(db->sql().execAndGet("SELECT count(*) FROM measures").getInt64());

  std::printf("                       wall s    cpu s\n");
  std::printf("read CSV only        %7.3f  %7.3f  (%zu fields)\n", parse.wall_s, parse.cpu_s,
              fields);
  std::printf("raw SQLite inserts   %7.3f  %7.3f\n", raw_lap.wall_s, raw_lap.cpu_s);
  std::printf("import_ledger_csv    %7.3f  %7.3f  (%zu measures created, %ld stored)\n",
              imported.wall_s, imported.cpu_s, s->measures_created, stored);
  std::printf("ratio import / raw inserts (cpu): %.2f\n", imported.cpu_s / raw_lap.cpu_s);
  std::printf("ratio import / read only (cpu):   %.2f\n", imported.cpu_s / parse.cpu_s);
  if (measures == 100'000) {
    std::printf("target 100,000 measures in <= 2 s: %s (cpu %.2f s, wall %.2f s)\n",
                imported.cpu_s <= 2.0 ? "met" : "MISSED", imported.cpu_s, imported.wall_s);
  }
  std::filesystem::remove_all(dir);
  return stored == measures ? 0 : 1;
}
