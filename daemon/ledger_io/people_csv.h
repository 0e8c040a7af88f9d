#pragma once
// The people CSV: who owns measures, who leads, who chairs, who runs the office, with every
// address a channel needs. Columns (header required, any order):
//
//   name,title,department,email,mobile,wecom_id,dingtalk_id,feishu_id,roles,time_zone
//
// roles: owner, leader, chief, office (or 责任人, 责任领导/分管领导, 第一责任人, 办公室), separated
// by ';' — "owner;leader". time_zone: empty for the unit's zone, or an IANA name. Import is an
// upsert by name and all or nothing: every bad row is reported and nothing is written.

#include <array>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/result.h"

namespace rectifyd::ledger_io {

inline constexpr std::array<std::string_view, 10> kPeopleColumns = {
    "name",     "title",       "department", "email", "mobile",
    "wecom_id", "dingtalk_id", "feishu_id",  "roles", "time_zone"};

struct PeopleImportOptions {
  std::string source = "people.csv";  ///< names the file in errors
  std::string actor = "import";       ///< recorded in the audit log
  Instant now{};
};

struct PeopleImportSummary {
  std::size_t rows = 0;
  std::size_t created = 0;
  std::size_t updated = 0;
};

/// Reads and checks every row. An Error lists every problem, one per line: "people.csv: row 4,
/// column email: expected an address like name@example.org, got 'zhang'". The import that
/// writes them is store::import_people_csv.
Result<std::vector<Person>> parse_people_csv(std::string_view text, const std::string& source);

/// Writes the people CSV: the header above at construction, then one record per person.
class PeopleCsvWriter {
 public:
  explicit PeopleCsvWriter(std::ostream& out);
  /// The fields in the order of kPeopleColumns; roles as stored ("owner,leader") are written
  /// as the CSV writes them.
  void write(std::span<std::string> fields);

 private:
  std::ostream& out_;
};

/// Roles as the CSV writes them: "owner;leader".
std::string roles_to_csv(Roles roles);
/// Parses "owner;leader", "owner,leader" or the Chinese names; nullopt names no bad word.
std::optional<Roles> roles_from_csv(std::string_view text, std::string* bad_word = nullptr);

}  // namespace rectifyd::ledger_io
