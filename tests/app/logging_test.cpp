#include "app/logging.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

namespace rectifyd::app {
namespace {

/// Sets an environment variable for one test and restores it afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name))
      old_ = old;
    if (value)
      ::setenv(name, value->c_str(), 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::string stderr_device_inode() {
  struct ::stat st {};
  EXPECT_EQ(::fstat(STDERR_FILENO, &st), 0);
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

TEST(LogTarget, TheJournalWhenJournalStreamIsOurStderr) {
  ScopedEnv invocation("INVOCATION_ID", std::nullopt);
  ScopedEnv stream("JOURNAL_STREAM", stderr_device_inode());
  EXPECT_EQ(detect_log_target(), LogTarget::journal);
}

TEST(LogTarget, TheConsoleWhenJournalStreamIsSomeoneElses) {
  ScopedEnv invocation("INVOCATION_ID", std::nullopt);
  ScopedEnv stream("JOURNAL_STREAM", "1:2");
  EXPECT_EQ(detect_log_target(), LogTarget::console);
}

TEST(LogTarget, TheConsoleOutsideSystemd) {
  ScopedEnv invocation("INVOCATION_ID", std::nullopt);
  ScopedEnv stream("JOURNAL_STREAM", std::nullopt);
  EXPECT_EQ(detect_log_target(), LogTarget::console);
}

TEST(LogTarget, TheJournalUnderSystemdWhenStderrIsNoTerminal) {
  if (::isatty(STDERR_FILENO))
    GTEST_SKIP() << "stderr is a terminal here";
  ScopedEnv invocation("INVOCATION_ID", "0123456789abcdef0123456789abcdef");
  ScopedEnv stream("JOURNAL_STREAM", std::nullopt);
  EXPECT_EQ(detect_log_target(), LogTarget::journal);
}

TEST(LogLevel, KnownNamesApplyUnknownOnesAreRefused) {
  setup_logging(LogTarget::console);
  ASSERT_TRUE(set_log_level("debug"));
  EXPECT_EQ(spdlog::get_level(), spdlog::level::debug);
  auto bad = set_log_level("verbose");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("verbose"), std::string::npos);
  EXPECT_EQ(spdlog::get_level(), spdlog::level::debug);  // unchanged
  ASSERT_TRUE(set_log_level("off"));
  EXPECT_EQ(spdlog::get_level(), spdlog::level::off);
  ASSERT_TRUE(set_log_level("info"));
}

}  // namespace
}  // namespace rectifyd::app
