#pragma once
// Runs the channels' Requests. Transport is what the dispatcher needs of it (start, cancel,
// what is in flight); CurlTransport is the real one, and tests may give the dispatcher a fake
// that answers without a network.
//
// CurlTransport runs them on one curl multi handle driven by an Asio io_context: curl's
// sockets are watched through the loop (multi_socket API), its timeouts through one timer.
// Many transfers in flight on one thread; connections are kept alive in the multi handle's
// cache and reused; easy handles are recycled. A connection's socket stays registered with the
// loop while the connection lives (not only while a transfer uses it), and curl's timer is
// re-armed only when it must fire earlier: per transfer, no epoll_ctl and few timer calls.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "notify/channel.h"

namespace rectifyd::notify {

class Transport {
 public:
  using TransferId = std::uint64_t;
  /// Called on the loop when a transfer ends, with what came back (received_at left empty).
  using Done = std::function<void(Response)>;

  virtual ~Transport() = default;
  /// Starts a transfer of `req`, which must stay alive and unchanged until `done` has run or
  /// the transfer is cancelled. `done` runs later on the loop, never inside start().
  virtual TransferId start(const Request& req, std::chrono::milliseconds timeout, Done done) = 0;
  /// Aborts a transfer; its `done` is not called.
  virtual void cancel(TransferId id) = 0;
  /// Aborts every transfer.
  virtual void cancel_all() = 0;
  virtual std::size_t in_flight() const = 0;
};

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(boost::asio::io_context& io);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  TransferId start(const Request& req, std::chrono::milliseconds timeout, Done done) override;
  void cancel(TransferId id) override;
  void cancel_all() override;
  std::size_t in_flight() const override { return transfers_.size(); }

 private:
  struct Transfer;
  struct Socket;

  static int on_socket(CURL* easy, curl_socket_t s, int what, void* userp, void* socketp);
  static int on_timer(CURLM* multi, long timeout_ms, void* userp);
  static curl_socket_t on_open(void* userp, curlsocktype purpose, curl_sockaddr* address);
  static int on_close(void* userp, curl_socket_t s);
  void watch(const std::shared_ptr<Socket>& sock);
  void arm_timer(std::chrono::steady_clock::time_point at);
  void on_timer_fired();
  void action(curl_socket_t s, int ev_bitmask);
  void collect_finished();
  void finish(Transfer& t, CURLcode code);
  void release(std::unique_ptr<Transfer> t);

  boost::asio::io_context& io_;
  CURLM* multi_ = nullptr;
  boost::asio::steady_timer timer_;
  std::unordered_map<curl_socket_t, std::shared_ptr<Socket>> sockets_;
  std::unordered_map<TransferId, std::unique_ptr<Transfer>> transfers_;
  std::vector<std::unique_ptr<Transfer>> idle_;  ///< finished transfers, easy handle kept
  TransferId next_id_ = 1;
  bool timeout_posted_ = false;
  /// When curl last asked to be called (nullopt: it asked for no timeout).
  std::optional<std::chrono::steady_clock::time_point> timer_wanted_;
  /// When timer_ is set to fire (nullopt: not waiting); never later than timer_wanted_.
  std::optional<std::chrono::steady_clock::time_point> timer_armed_;
  /// Handlers posted to the loop hold a weak reference: they do nothing once this is gone.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace rectifyd::notify
