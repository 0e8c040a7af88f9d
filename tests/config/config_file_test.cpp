#include "config/config_file.h"

#include <sys/stat.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace rectifyd::config {
namespace {

using rectifyd::testing::read_file;
using rectifyd::testing::TempDir;

TEST(ConfigFileTest, ReplacesAndKeepsThePreviousAsBak) {
  TempDir dir;
  const std::string path = dir.write("rectifyd.toml", "old = 1\n");
  ::chmod(path.c_str(), 0600);
  ASSERT_TRUE(replace_file_atomically(path, "new = 2\n"));
  EXPECT_EQ(read_file(path), "new = 2\n");
  EXPECT_EQ(read_file(path + ".bak"), "old = 1\n");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  // No temporary files are left behind.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 2);
}

TEST(ConfigFileTest, RestoreBackupPutsThePreviousFileBack) {
  TempDir dir;
  const std::string path = dir.write("rectifyd.toml", "old = 1\n");
  ASSERT_TRUE(replace_file_atomically(path, "new = 2\n"));
  ASSERT_TRUE(restore_backup(path));
  EXPECT_EQ(read_file(path), "old = 1\n");
}

TEST(ConfigFileTest, AnUnwritableDirectoryIsAnErrorAndChangesNothing) {
  TempDir dir;
  const std::string path = dir.file("missing-dir/rectifyd.toml");
  auto st = replace_file_atomically(path, "x = 1\n");
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("missing-dir"), std::string::npos) << st.error().message;
}

}  // namespace
}  // namespace rectifyd::config
