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
#include <string>
#include <string_view>

#include "core/model.h"
#include "core/result.h"

namespace rectifyd::store {
class Database;
}

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

/// Validates every row, then creates or updates the people in one transaction. An Error lists
/// every problem, one per line: "people.csv: row 4, column email: expected an address like
/// name@example.org, got 'zhang'".
Result<PeopleImportSummary> import_people_csv(store::Database& db, std::string_view text,
                                              const PeopleImportOptions& options);

/// Writes every active person with the header above, ordered by name.
Status export_people_csv(store::Database& db, std::ostream& out);

/// Roles as the CSV writes them: "owner;leader".
std::string roles_to_csv(Roles roles);
/// Parses "owner;leader", "owner,leader" or the Chinese names; nullopt names no bad word.
std::optional<Roles> roles_from_csv(std::string_view text, std::string* bad_word = nullptr);

}  // namespace rectifyd::ledger_io
