#pragma once
// The daemon's side of the systemd notify protocol (sd_notify): READY, RELOADING, STOPPING,
// WATCHDOG and STATUS. Without NOTIFY_SOCKET (not started by systemd) every call does nothing.

#include <chrono>
#include <optional>
#include <string>

namespace rectifyd::app {

class SystemdNotifier {
 public:
  /// Reads NOTIFY_SOCKET / WATCHDOG_USEC / WATCHDOG_PID from the environment once.
  SystemdNotifier();

  /// Start-up (or a reload) finished; `status` becomes the STATUS= line.
  void ready(const std::string& status);
  /// A reload begins: RELOADING=1 with MONOTONIC_USEC, as systemd's Type=notify-reload expects.
  void reloading();
  void stopping(const std::string& status);
  void watchdog();
  void status(const std::string& status);

  /// The watchdog interval systemd expects pings within; nullopt when the watchdog is off.
  std::optional<std::chrono::microseconds> watchdog_interval() const { return watchdog_; }
  bool enabled() const { return enabled_; }

 private:
  void send(const std::string& state);

  bool enabled_ = false;
  std::optional<std::chrono::microseconds> watchdog_;
};

}  // namespace rectifyd::app
