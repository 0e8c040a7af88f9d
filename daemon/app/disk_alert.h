#pragma once
// Telling the office that the store's disk is full, through a way that needs no disk: the
// outbox lives on that disk, so the alert goes straight to the office's channels (their
// webhooks or mail, on the daemon's curl transport), held only in memory. Told once when the
// disk fills (again at most every hour while it stays full) and once more when space is back.
// While the disk is full it looks every few seconds whether the database's file system has
// room again (statvfs), and then calls `recovered` so the daemon plans and delivers at once.
// Nothing else changes: what is queued stays queued.

#include <chrono>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "config/config.h"
#include "core/message.h"
#include "notify/transport.h"
#include "time/clock.h"

namespace date {
class time_zone;
}

namespace rectifyd::app {

/// The message: since when, which file, what keeps working, what to do.
Message disk_full_message(const std::string& db_path, Instant since, const date::time_zone* zone);
Message disk_recovered_message(const std::string& db_path, Instant since, Instant now,
                               const date::time_zone* zone);

class DiskAlert {
 public:
  DiskAlert(boost::asio::io_context& io, const Clock& clock, std::string db_path,
            std::function<config::Snapshot()> config, std::function<void()> recovered);
  ~DiskAlert();
  DiskAlert(const DiskAlert&) = delete;
  DiskAlert& operator=(const DiskAlert&) = delete;

  /// A write failed for lack of space (`error` is logged, not sent).
  void disk_full(const std::string& error);
  /// Space is back: if the disk was full, the office hears that it is over.
  void space_returned();
  /// Whether the database's file system has room for writes again.
  bool has_room() const;
  bool full() const { return since_.has_value(); }
  /// Alerts handed to the transport so far (for tests and metrics).
  std::size_t sent() const { return sent_; }

 private:
  void send(const Message& m, const std::string& key);
  void watch();

  notify::CurlTransport transport_;
  boost::asio::steady_timer watch_;
  std::function<void()> recovered_;
  const Clock& clock_;
  std::string db_path_;
  std::function<config::Snapshot()> config_;
  std::optional<Instant> since_;
  std::optional<Instant> last_told_;
  bool told_this_time_ = false;
  std::list<notify::Request> in_flight_;
  std::size_t sent_ = 0;
};

}  // namespace rectifyd::app
