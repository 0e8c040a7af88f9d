#include "app/demo_login.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "office/users.h"
#include "store/users.h"

namespace rectifyd::app {
namespace {

std::string read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (in)
    std::getline(in, line);
  return line;
}

Status write_secret_file(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return Error{"无法写入 " + path + "（cannot write the demo login file）"};
  ::fchmod(fd, 0600);
  const std::string line = text + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(fd);
  if (!ok)
    return Error{"无法写入 " + path + "（cannot write the demo login file）"};
  return ok_status();
}

}  // namespace

Result<DemoLogin> demo_login(store::Database& db, const Clock& clock, config::Snapshot config) {
  const std::string file = db.path() + ".login";
  office::Office o(db, clock, [config] { return config; });
  const office::Actor actor{"demo"};
  auto existing = store::Users(db).by_name(kDemoLoginName);
  if (!existing)
    return existing.error();
  std::string password = read_first_line(file);
  if (*existing && !password.empty() && !(*existing)->disabled) {
    if (office::check_password(o, kDemoLoginName, password))
      return DemoLogin{kDemoLoginName, password};
  }
  password = office::generate_password();
  if (*existing) {
    if (auto r = office::set_password(o, actor, kDemoLoginName, password); !r)
      return r.error();
  } else {
    if (auto r = office::add_user(o, actor, kDemoLoginName, office::Role::office, password); !r)
      return r.error();
  }
  if (auto st = write_secret_file(file, password); !st)
    return st.error();
  return DemoLogin{kDemoLoginName, password};
}

std::string demo_login_line(const config::Config& c, const DemoLogin& login) {
  const std::string address =
      c.admin.listen.starts_with("unix:") ? c.admin.listen : "http://" + c.admin.listen + "/";
  return "控制台 " + address + " 账号 " + login.name + " 密码 " + login.password;
}

}  // namespace rectifyd::app
