#include "app/systemd_notifier.h"

#include <systemd/sd-daemon.h>
#include <time.h>

#include <cstdlib>

#include <spdlog/spdlog.h>

namespace rectifyd::app {
namespace {

std::uint64_t monotonic_usec() {
  struct ::timespec ts {};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1000000u +
         static_cast<std::uint64_t>(ts.tv_nsec) / 1000u;
}

/// STATUS= is one line; a newline would start a new assignment.
std::string one_line(std::string s) {
  for (auto& c : s) {
    if (c == '\n' || c == '\r')
      c = ' ';
  }
  return s;
}

}  // namespace

SystemdNotifier::SystemdNotifier() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  enabled_ = socket != nullptr && *socket != '\0';
  std::uint64_t usec = 0;
  if (::sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
    watchdog_ = std::chrono::microseconds{usec};
}

void SystemdNotifier::send(const std::string& state) {
  if (!enabled_)
    return;
  int r = ::sd_notify(0, state.c_str());
  if (r < 0)
    spdlog::warn("sd_notify failed: {}", r);
}

void SystemdNotifier::ready(const std::string& status) {
  send("READY=1\nSTATUS=" + one_line(status));
}

void SystemdNotifier::reloading() {
  send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(monotonic_usec()));
}

void SystemdNotifier::stopping(const std::string& status) {
  send("STOPPING=1\nSTATUS=" + one_line(status));
}

void SystemdNotifier::watchdog() {
  send("WATCHDOG=1");
}

void SystemdNotifier::status(const std::string& status) {
  send("STATUS=" + one_line(status));
}

}  // namespace rectifyd::app
