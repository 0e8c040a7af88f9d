// Runs the real dispatcher on a database until its outbox holds nothing left to send, then
// exits 0. The crash test kills it at random moments and starts it again.
//
//   outbox_driver DB URL [WHSEC]

#include <cstdio>

#include <malloc.h>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>

#include "notify/dispatcher.h"
#include "store/database.h"
#include "store/outbox.h"
#include "time/clock.h"

using namespace rectifyd;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: outbox_driver DB URL [WHSEC]\n");
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);
  // Without this glibc gives the top of the heap back to the kernel after nearly every batch
  // and faults it in again: it more than halves delivery throughput.
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
  auto db = store::Database::open(argv[1]);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().message.c_str());
    return 1;
  }
  auto cfg = std::make_shared<config::Config>();
  config::ChannelConfig hook;
  hook.id = "hook";
  hook.type = config::ChannelType::generic;
  hook.urls = {{argv[2], "argument"}};
  if (argc > 3)
    hook.secret = {argv[3], "argument"};
  hook.concurrency = 32;
  cfg->channels = {hook};
  cfg->routing.office = {"hook"};
  cfg->delivery.retry_base = std::chrono::seconds{1};

  boost::asio::io_context io{1};  // one thread: posts from inside the loop need no wake-up
  SystemClock clock;
  store::Outbox outbox(**db);
  notify::Dispatcher d(io, **db, clock, cfg);
  d.on_idle([&] {
    auto counts = outbox.counts();
    if (counts[store::OutboxState::pending] + counts[store::OutboxState::failed] +
            counts[store::OutboxState::sending] ==
        0)
      io.stop();
  });
  if (auto st = d.start(); !st) {
    std::fprintf(stderr, "%s\n", st.error().message.c_str());
    return 1;
  }
  io.run();
  return 0;
}
