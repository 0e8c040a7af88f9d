#pragma once
// A fresh directory per test, removed afterwards; real files, real SQLite databases.

#include <filesystem>
#include <string>

namespace rectifyd::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  /// Writes text to a file in the directory and returns its path.
  std::string write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

/// Reads a whole file; empty when missing.
std::string read_file(const std::string& path);

/// ../shared/<rel>, for tests that use the reference data (the programs never do).
std::string shared_path(const std::string& rel);

}  // namespace rectifyd::testing
