#include "app/delivery_service.h"

#include <set>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

namespace rectifyd::app {

DeliveryService::DeliveryService(boost::asio::io_context& io, store::Database& db,
                                 const Clock& clock, config::Snapshot config)
    : io_(io), db_(db), clock_(clock), config_(std::move(config)) {}

DeliveryService::~DeliveryService() = default;

void DeliveryService::start() {
  start_dispatcher();
}

void DeliveryService::start_dispatcher() {
  dispatcher_ = std::make_shared<notify::Dispatcher>(io_, db_, clock_, config_);
  std::set<std::string> ids;
  for (const auto& ch : config_->channels)
    ids.insert(ch.id);
  health_->retain(ids);
  dispatcher_->set_health(health_);
  if (on_result_)
    dispatcher_->on_result(on_result_);
  if (auto st = dispatcher_->start(); !st)
    spdlog::error("delivery: {}", st.error().message);
}

void DeliveryService::work_added() {
  if (dispatcher_ && !restarting_ && !stopping_)
    dispatcher_->kick();
}

void DeliveryService::reconfigure(const config::Snapshot& config) {
  config_ = config;
  if (restarting_ || stopping_ || !dispatcher_)
    return;  // the dispatcher started next picks up config_
  restarting_ = true;
  std::shared_ptr<notify::Dispatcher> old = dispatcher_;
  old->stop([this, old] {
    // Destroy the old dispatcher outside its own callback.
    boost::asio::post(io_, [old] {});
    restarting_ = false;
    if (stopping_) {
      dispatcher_.reset();
      if (stop_done_)
        std::exchange(stop_done_, nullptr)();
      return;
    }
    spdlog::info("delivery: restarted on the new configuration");
    start_dispatcher();
  });
}

void DeliveryService::stop(std::chrono::milliseconds /*grace*/, std::function<void()> done) {
  // The dispatcher applies config.delivery.shutdown_grace itself, the same value.
  stopping_ = true;
  stop_done_ = std::move(done);
  if (restarting_)
    return;  // the stopping old dispatcher calls stop_done_
  if (!dispatcher_) {
    std::exchange(stop_done_, nullptr)();
    return;
  }
  // The dispatcher lives on until this service is destroyed, after the loop has stopped.
  dispatcher_->stop([this] {
    if (stop_done_)
      std::exchange(stop_done_, nullptr)();
  });
}

}  // namespace rectifyd::app
