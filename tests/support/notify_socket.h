#pragma once
// The systemd side of sd_notify for tests: a unix datagram socket that collects the daemon's
// notifications (READY=1, WATCHDOG=1, …) and waits for one with a deadline.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rectifyd::testing {

class NotifySocket {
 public:
  /// Binds a datagram socket at `path` (the NOTIFY_SOCKET value to give the daemon).
  explicit NotifySocket(std::string path);
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const std::string& path() const { return path_; }

  /// The next datagram, or nullopt when none arrives before the timeout.
  std::optional<std::string> receive(std::chrono::milliseconds timeout);
  /// Receives until a datagram satisfies `match` (skipping others), or nullopt at the deadline.
  std::optional<std::string> wait_for(const std::function<bool(const std::string&)>& match,
                                      std::chrono::milliseconds timeout);
  /// Receives until a datagram has the assignment `line` (e.g. "READY=1") among its lines.
  std::optional<std::string> wait_for_line(const std::string& line,
                                           std::chrono::milliseconds timeout);
  /// Every datagram received so far, in order.
  const std::vector<std::string>& received() const { return received_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::vector<std::string> received_;
};

/// True when `datagram` has `line` as one of its newline-separated assignments.
bool has_line(const std::string& datagram, const std::string& line);

}  // namespace rectifyd::testing
