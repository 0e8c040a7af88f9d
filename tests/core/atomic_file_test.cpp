#include "core/atomic_file.h"

#include <sys/stat.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "temp_dir.h"

namespace rectifyd {
namespace {

using testing::TempDir;

std::size_t entries(const TempDir& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path()))
    ++n;
  return n;
}

TEST(AtomicFile, WritesANewFileWithItsModeAndReplacesAnOldOneWhole) {
  TempDir dir;
  const std::string path = dir.file("台账.csv");
  ASSERT_TRUE(write_file_atomically(path, "第一版\n", 0600));
  EXPECT_EQ(*read_text_file(path), "第一版\n");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);

  ASSERT_TRUE(write_file_atomically(path, std::string("二\0三", 7)));
  EXPECT_EQ(*read_text_file(path), std::string("二\0三", 7));
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  EXPECT_EQ(entries(dir), 1u) << "no temporary file is left";
}

TEST(AtomicFile, AFailedWriteNamesThePathAndLeavesTheOldFile) {
  TempDir dir;
  const std::string path = dir.file("a.txt");
  ASSERT_TRUE(write_file_atomically(path, "旧内容"));
  auto missing = write_file_atomically(dir.file("no-such-dir/b.txt"), "x");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("no-such-dir"), std::string::npos)
      << missing.error().message;

  // A directory where the file should be: the rename fails, the temporary file goes.
  std::filesystem::create_directory(dir.file("taken"));
  auto over_dir = write_file_atomically(dir.file("taken"), "x");
  ASSERT_FALSE(over_dir);
  EXPECT_NE(over_dir.error().message.find("taken"), std::string::npos);
  EXPECT_EQ(*read_text_file(path), "旧内容");
  EXPECT_EQ(entries(dir), 2u);

  auto unread = read_text_file(dir.file("absent.txt"));
  ASSERT_FALSE(unread);
  EXPECT_NE(unread.error().message.find("absent.txt"), std::string::npos);
}

}  // namespace
}  // namespace rectifyd
