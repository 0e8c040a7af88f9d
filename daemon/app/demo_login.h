#pragma once
// The demo's office login: created with the demo database, for a person of the demo ledger who
// works in the office, with a generated password stored hashed in the database and kept in
// clear in a file beside it (mode 0600), so that each start of `rectifyd --demo` can print it.

#include <string>

#include "config/config.h"
#include "core/result.h"
#include "store/database.h"
#include "time/clock.h"

namespace rectifyd::app {

inline constexpr const char* kDemoLoginName = "李婷婷";

struct DemoLogin {
  std::string name;
  std::string password;
};

/// The login, created (or its password renewed when the file is gone) as needed. The file is
/// `<database>.login`.
Result<DemoLogin> demo_login(store::Database& db, const Clock& clock, config::Snapshot config);

/// "控制台 http://127.0.0.1:8377/ 账号 李婷婷 密码 …": the console's address (the listen
/// address) and the login.
std::string demo_login_line(const config::Config& c, const DemoLogin& login);

}  // namespace rectifyd::app
