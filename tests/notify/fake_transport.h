#pragma once
// A Transport for dispatcher tests that answers without a network: every request is recorded,
// and answered on the loop (never inside start()) by a scripted Response per URL, in order,
// or 200 when nothing is scripted. Held transfers stay in flight until released, for tests of
// stopping and of what is in flight.

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "notify/transport.h"

namespace rectifyd::testing {

class FakeTransport final : public notify::Transport {
 public:
  struct Started {
    notify::Request request;  ///< a copy, as it was when started
    std::chrono::milliseconds timeout{0};
  };
  /// The state the fake shares with the test after the dispatcher took ownership of it.
  struct State {
    std::map<std::string, std::deque<notify::Response>> scripts;  ///< by URL
    std::vector<Started> started;
    bool hold = false;  ///< keep new transfers in flight until release()
    std::map<TransferId, Done> held;
    std::size_t in_flight = 0;
    /// Called inside start(), before anything is answered (to look at the database then).
    std::function<void(const notify::Request&)> on_start;
  };

  explicit FakeTransport(boost::asio::io_context& io,
                         std::shared_ptr<State> state = std::make_shared<State>());
  ~FakeTransport() override;

  TransferId start(const notify::Request& req, std::chrono::milliseconds timeout,
                   Done done) override;
  void cancel(TransferId id) override;
  void cancel_all() override;
  std::size_t in_flight() const override { return state_->in_flight; }

  const std::shared_ptr<State>& state() const { return state_; }

  /// A response with this status (and headers).
  static notify::Response status(long code,
                                 std::vector<std::pair<std::string, std::string>> headers = {});
  /// A transport failure (connection refused).
  static notify::Response refused();
  /// Answers every held transfer with 200, on the loop.
  void release();

 private:
  void answer(TransferId id, notify::Response r, Done done);

  boost::asio::io_context& io_;
  std::shared_ptr<State> state_;
  TransferId next_ = 1;
  std::map<TransferId, bool> live_;  ///< started, neither answered nor cancelled
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace rectifyd::testing
