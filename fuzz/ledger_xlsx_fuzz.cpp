// The Excel ledger import against a store holding the demo people. The input is the 台账 sheet's
// XML, then a NUL byte, then the shared strings' XML; the target packs them into a workbook with
// the parts Excel writes around them. A refused workbook names the file (and the part with its
// line and column, or the sheet's row and column) and writes nothing; an accepted one exports
// to a workbook that imports into a fresh store to the same ledger.

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>

#include "fuzz_check.h"
#include "ledger_io/demo.h"
#include "ledger_io/ledger_csv.h"
#include "ledger_io/people_csv.h"
#include "papers/ledger_xlsx.h"
#include "papers/zip_writer.h"
#include "store/ledger_import.h"
#include "store/people_import.h"

using namespace rectifyd;

namespace {

const LocalDate kToday{date::year{2026} / 3 / 2};
const Instant kNow = date::sys_days{date::year{2026} / 3 / 2} + std::chrono::hours{1};
constexpr std::string_view kSource = "ledger.xlsx";
constexpr std::string_view kSheetPart = "xl/worksheets/sheet1.xml";

std::unique_ptr<store::Database> with_people() {
  auto db = fuzz::memory_db();
  auto people = store::import_people_csv(*db, ledger_io::demo_people_csv(), {});
  fuzz::require(people.ok(), "the demo people import", people ? "" : people.error().message);
  return db;
}

/// A scratch file of this process's own.
const std::string& scratch(const char* name) {
  static const std::string dir = [] {
    auto d =
        std::filesystem::temp_directory_path() / ("fuzz_ledger_xlsx." + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d.string();
  }();
  static std::map<std::string, std::string> paths;
  auto [it, added] = paths.try_emplace(name, dir + "/" + name);
  return it->second;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The workbook around the two parts.
std::string workbook(std::string_view sheet, std::string_view shared) {
  papers::ZipWriter z;
  z.add(
      "[Content_Types].xml",
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)"
      R"(<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>)"
      R"(<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>)"
      R"(</Types>)");
  z.add(
      "_rels/.rels",
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
      R"(</Relationships>)");
  z.add("xl/workbook.xml",
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
        R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
        R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
        R"(<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>)");
  z.add(
      "xl/_rels/workbook.xml.rels",
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
      R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
      R"(</Relationships>)");
  z.add(std::string(kSheetPart), std::string(sheet));
  z.add("xl/sharedStrings.xml", std::string(shared));
  const std::string& path = scratch("input.xlsx");
  auto written = z.write(path);
  fuzz::require(written.ok(), "the test workbook is written",
                written ? "" : written.error().message);
  return read_all(path);
}

/// Each line of a refusal names the file; one that names the sheet part gives a line of it.
void require_placed(std::string_view message, std::string_view sheet) {
  std::size_t start = 0;
  while (start < message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string_view::npos)
      end = message.size();
    const std::string_view line = message.substr(start, end - start);
    fuzz::require(line.starts_with(kSource), "an error names the workbook", message);
    const std::string part_prefix = std::string(kSource) + ": " + std::string(kSheetPart) + ":";
    if (line.starts_with(part_prefix)) {
      const std::string_view rest = line.substr(part_prefix.size());
      std::size_t n = 0;
      std::size_t i = 0;
      while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9')
        n = n * 10 + static_cast<std::size_t>(rest[i++] - '0');
      fuzz::require(i > 0 && n >= 1 && n <= fuzz::line_count(sheet),
                    "an XML error names a line of the sheet", message);
    }
    start = end + 1;
  }
}

ledger_io::LedgerImportOptions options() {
  ledger_io::LedgerImportOptions o;
  o.source = std::string(kSource);
  o.today = kToday;
  o.now = kNow;
  return o;
}

std::string csv_of(store::Database& db) {
  std::ostringstream out;
  auto st = store::export_ledger_csv(db, out);
  fuzz::require(st.ok(), "an imported ledger exports", st ? "" : st.error().message);
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::unique_ptr<store::Database> db = with_people();
  const std::string_view input = fuzz::as_text(data, size);
  const std::size_t nul = input.find('\0');
  const std::string_view sheet = input.substr(0, nul);
  const std::string_view shared =
      nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1);

  const long long before = fuzz::total_changes(*db);
  auto imported = papers::import_ledger_xlsx(*db, workbook(sheet, shared), options());
  if (!imported) {
    require_placed(imported.error().message, sheet);
    fuzz::require(fuzz::total_changes(*db) == before, "a refused workbook changes nothing",
                  imported.error().message);
    return 0;
  }

  const std::string first = csv_of(*db);
  const std::string& exported = scratch("export.xlsx");
  auto st = papers::export_ledger_xlsx(*db, {}, exported);
  fuzz::require(st.ok(), "an imported ledger exports to a workbook", st ? "" : st.error().message);
  auto again = with_people();
  auto reimported = papers::import_ledger_xlsx(*again, read_all(exported), options());
  fuzz::require(reimported.ok(), "an exported workbook imports into a fresh store",
                reimported ? "" : reimported.error().message);
  const std::string second = csv_of(*again);
  fuzz::require(first == second, "import → export → import gives the same ledger",
                first + "\n--- then:\n" + second);
  db = with_people();
  return 0;
}
