#pragma once
// Delivery (notify::Dispatcher) hosted as a daemon Service: started before the first planner
// run, kicked after each run, rebuilt on a reload (channels may have changed), stopped with
// the shutdown grace. Rows in flight during a rebuild stay in the outbox and are sent by the
// new dispatcher with the same idempotency key.

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "app/service.h"
#include "notify/dispatcher.h"
#include "store/database.h"
#include "time/clock.h"

namespace rectifyd::app {

class DeliveryService final : public Service {
 public:
  DeliveryService(boost::asio::io_context& io, store::Database& db, const Clock& clock,
                  config::Snapshot config);
  ~DeliveryService() override;

  std::string name() const override { return "delivery"; }
  void start() override;
  void reconfigure(const config::Snapshot& config) override;
  void work_added() override;
  void stop(std::chrono::milliseconds grace, std::function<void()> done) override;
  /// Passed on to every dispatcher this service starts (see notify::Dispatcher::on_result).
  void on_result(notify::Dispatcher::ResultObserver f) { on_result_ = std::move(f); }
  /// How each channel is doing; kept across reloads, so a failing spell survives a rebuild.
  std::vector<notify::ChannelStatus> channel_health() const { return health_->snapshot(); }

 private:
  void start_dispatcher();

  boost::asio::io_context& io_;
  store::Database& db_;
  const Clock& clock_;
  config::Snapshot config_;
  std::shared_ptr<notify::Dispatcher> dispatcher_;
  bool restarting_ = false;  ///< an old dispatcher is stopping for a reconfigure
  bool stopping_ = false;
  std::function<void()> stop_done_;
  notify::Dispatcher::ResultObserver on_result_;
  std::shared_ptr<notify::ChannelHealth> health_ = std::make_shared<notify::ChannelHealth>();
};

}  // namespace rectifyd::app
