#include "app/wall_timer.h"

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include <boost/asio/error.hpp>

namespace rectifyd::app {
namespace {

// Far enough to never expire, near enough for every kernel's ktime: 2200-01-01T00:00:00Z.
constexpr std::chrono::seconds kNever{7258118400};

struct ::timespec to_timespec(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  auto ns = duration_cast<nanoseconds>(when.time_since_epoch());
  if (ns <= nanoseconds::zero())
    ns = nanoseconds{1};  // a zero it_value would disarm the timer instead of expiring it
  struct ::timespec ts {};
  ts.tv_sec = static_cast<time_t>(duration_cast<seconds>(ns).count());
  ts.tv_nsec = static_cast<long>((ns % seconds{1}).count());
  return ts;
}

}  // namespace

struct WallTimer::Shared {
  int fd = -1;
  std::uint64_t generation = 0;
  bool waiting = false;
};

Result<std::unique_ptr<WallTimer>> WallTimer::create(boost::asio::io_context& io) {
  int fd = ::timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (fd < 0)
    return Error{std::string("timerfd_create failed: ") + std::strerror(errno)};
  return std::unique_ptr<WallTimer>(new WallTimer(io, fd));
}

WallTimer::WallTimer(boost::asio::io_context& io, int fd)
    : fd_(io, fd), shared_(std::make_shared<Shared>()) {
  shared_->fd = fd;
}

WallTimer::~WallTimer() {
  cancel();
  shared_->fd = -1;
}

bool WallTimer::waiting() const {
  return shared_->waiting;
}

Status WallTimer::arm(std::chrono::system_clock::time_point when) {
  struct ::itimerspec spec {};
  spec.it_value = to_timespec(when);
  if (::timerfd_settime(fd_.native_handle(), TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec,
                        nullptr) != 0) {
    return Error{std::string("timerfd_settime failed: ") + std::strerror(errno)};
  }
  return ok_status();
}

Status WallTimer::async_wait_until(std::chrono::system_clock::time_point when, Handler handler) {
  cancel();
  if (auto st = arm(when); !st)
    return st;
  start_read(std::move(handler));
  return ok_status();
}

Status WallTimer::async_wait_for_clock_change(Handler handler) {
  return async_wait_until(std::chrono::system_clock::time_point{kNever}, std::move(handler));
}

void WallTimer::cancel() {
  if (!shared_->waiting)
    return;
  shared_->waiting = false;
  ++shared_->generation;
  fd_.cancel();
}

void WallTimer::start_read(Handler handler) {
  shared_->waiting = true;
  std::uint64_t generation = ++shared_->generation;
  // The handler holds the shared state, not `this`: a completion that was already queued when
  // the timer was cancelled or destroyed must find out that it is stale without touching it.
  fd_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                 [this, shared = shared_, generation,
                  handler = std::move(handler)](const boost::system::error_code& ec) mutable {
                   if (ec || shared->generation != generation || shared->fd < 0) {
                     handler(Outcome::cancelled);
                     return;
                   }
                   std::uint64_t ticks = 0;
                   ssize_t n = ::read(shared->fd, &ticks, sizeof ticks);
                   if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
                     start_read(std::move(handler));  // woken without an expiry: keep waiting
                     return;
                   }
                   bool changed = n < 0 && errno == ECANCELED;
                   shared->waiting = false;
                   handler(changed ? Outcome::clock_changed : Outcome::expired);
                 });
}

}  // namespace rectifyd::app
