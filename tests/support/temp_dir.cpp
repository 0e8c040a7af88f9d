#include "temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rectifyd::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "rectifyd-test-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
  auto p = file(name);
  std::ofstream out(p, std::ios::binary);
  out << text;
  return p;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string shared_path(const std::string& rel) {
  return std::string(RECTIFYD_SHARED_DIR) + "/" + rel;
}

}  // namespace rectifyd::testing
