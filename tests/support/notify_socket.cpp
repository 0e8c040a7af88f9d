#include "notify_socket.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <sstream>
#include <stdexcept>

namespace rectifyd::testing {

NotifySocket::NotifySocket(std::string path) : path_(std::move(path)) {
  fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0)
    throw std::runtime_error("socket failed");
  struct ::sockaddr_un addr {};
  addr.sun_family = AF_UNIX;
  if (path_.size() >= sizeof addr.sun_path)
    throw std::runtime_error("socket path too long: " + path_);
  std::memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
  if (::bind(fd_, reinterpret_cast<struct ::sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("bind failed: " + std::string(std::strerror(errno)));
}

NotifySocket::~NotifySocket() {
  if (fd_ >= 0)
    ::close(fd_);
  ::unlink(path_.c_str());
}

std::optional<std::string> NotifySocket::receive(std::chrono::milliseconds timeout) {
  struct ::pollfd p {};
  p.fd = fd_;
  p.events = POLLIN;
  if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0)
    return std::nullopt;
  char buf[4096];
  ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  if (n < 0)
    return std::nullopt;
  received_.emplace_back(buf, static_cast<std::size_t>(n));
  return received_.back();
}

std::optional<std::string> NotifySocket::wait_for(
    const std::function<bool(const std::string&)>& match, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left <= std::chrono::milliseconds::zero())
      return std::nullopt;
    auto d = receive(left);
    if (!d)
      return std::nullopt;
    if (match(*d))
      return d;
  }
}

std::optional<std::string> NotifySocket::wait_for_line(const std::string& line,
                                                       std::chrono::milliseconds timeout) {
  return wait_for([&](const std::string& d) { return has_line(d, line); }, timeout);
}

bool has_line(const std::string& datagram, const std::string& line) {
  std::istringstream in(datagram);
  std::string l;
  while (std::getline(in, l)) {
    if (l == line)
      return true;
  }
  return false;
}

}  // namespace rectifyd::testing
