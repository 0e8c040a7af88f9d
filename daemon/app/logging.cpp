#include "app/logging.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/systemd_sink.h>
#include <spdlog/spdlog.h>

namespace rectifyd::app {
namespace {

/// JOURNAL_STREAM is "device:inode" of the journal's stream; it only counts when it is still
/// our stderr (a child that inherited the variable may have been redirected).
bool stderr_is_journal_stream() {
  const char* js = std::getenv("JOURNAL_STREAM");
  if (js == nullptr || *js == '\0')
    return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(js, "%llu:%llu", &dev, &ino) != 2)
    return false;
  struct ::stat st {};
  if (::fstat(STDERR_FILENO, &st) != 0)
    return false;
  return static_cast<unsigned long long>(st.st_dev) == dev &&
         static_cast<unsigned long long>(st.st_ino) == ino;
}

}  // namespace

LogTarget detect_log_target() {
  if (stderr_is_journal_stream())
    return LogTarget::journal;
  const char* invocation = std::getenv("INVOCATION_ID");
  if (invocation != nullptr && *invocation != '\0' && ::isatty(STDERR_FILENO) == 0)
    return LogTarget::journal;
  return LogTarget::console;
}

void setup_logging(LogTarget target) {
  std::shared_ptr<spdlog::logger> logger;
  if (target == LogTarget::journal) {
    // The journal stamps time, unit and priority itself.
    auto sink = std::make_shared<spdlog::sinks::systemd_sink_mt>("rectifyd");
    logger = std::make_shared<spdlog::logger>("rectifyd", sink);
    logger->set_pattern("%v");
  } else {
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    logger = std::make_shared<spdlog::logger>("rectifyd", sink);
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  }
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

Status set_log_level(const std::string& level) {
  auto l = spdlog::level::from_str(level);
  // from_str answers `off` for any name it does not know.
  if (l == spdlog::level::off && level != "off")
    return Error{"unknown log level \"" + level + "\""};
  spdlog::set_level(l);
  return ok_status();
}

}  // namespace rectifyd::app
