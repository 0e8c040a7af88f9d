#include "fake_transport.h"

#include <boost/asio/post.hpp>

namespace rectifyd::testing {

FakeTransport::FakeTransport(boost::asio::io_context& io, std::shared_ptr<State> state)
    : io_(io), state_(std::move(state)) {}

FakeTransport::~FakeTransport() {
  cancel_all();
}

notify::Response FakeTransport::status(long code,
                                       std::vector<std::pair<std::string, std::string>> headers) {
  notify::Response r;
  r.status = code;
  r.headers = std::move(headers);
  return r;
}

notify::Response FakeTransport::refused() {
  notify::Response r;
  r.curl_code = CURLE_COULDNT_CONNECT;
  r.transport_error = "Couldn't connect to server";
  return r;
}

FakeTransport::TransferId FakeTransport::start(const notify::Request& req,
                                               std::chrono::milliseconds timeout, Done done) {
  const TransferId id = next_++;
  if (state_->on_start)
    state_->on_start(req);
  state_->started.push_back({req, timeout});
  state_->in_flight++;
  live_[id] = true;
  if (state_->hold) {
    state_->held[id] = std::move(done);
    return id;
  }
  notify::Response r = status(200);
  if (auto it = state_->scripts.find(req.url); it != state_->scripts.end() && !it->second.empty()) {
    r = std::move(it->second.front());
    it->second.pop_front();
  }
  answer(id, std::move(r), std::move(done));
  return id;
}

void FakeTransport::answer(TransferId id, notify::Response r, Done done) {
  boost::asio::post(io_, [this, id, r = std::move(r), done = std::move(done),
                          alive = std::weak_ptr<bool>(alive_)]() mutable {
    if (alive.expired())
      return;
    auto it = live_.find(id);
    if (it == live_.end())
      return;  // cancelled
    live_.erase(it);
    state_->in_flight--;
    done(std::move(r));
  });
}

void FakeTransport::release() {
  auto held = std::move(state_->held);
  state_->held.clear();
  for (auto& [id, done] : held)
    answer(id, status(200), std::move(done));
}

void FakeTransport::cancel(TransferId id) {
  if (live_.erase(id) > 0)
    state_->in_flight--;
  state_->held.erase(id);
}

void FakeTransport::cancel_all() {
  state_->in_flight -= live_.size();
  live_.clear();
  state_->held.clear();
}

}  // namespace rectifyd::testing
