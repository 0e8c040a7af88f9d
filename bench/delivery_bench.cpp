// Delivery throughput against nginx on loopback, with two baselines measured in the same run
// against the same endpoint with the same body and concurrency: wrk, and a plain libcurl multi
// loop (easy handles reused, no SQLite, no JSON), driven both by curl_multi_perform/poll and by
// curl_multi_socket_action on epoll — the best the library delivery runs on can do.
// Also peak memory while 100,000 rows are queued.
//
//   delivery_bench [COUNT] [CONCURRENCY]
//
// Starts nginx (return 204) in a temporary directory, measures wrk and the libcurl loop, then
// enqueues COUNT notifications (default 100,000) on a generic channel and times the dispatcher
// draining them. Also the same requests through rectifyd's own transport alone, which splits
// the gap to the libcurl loop into what the transport costs and what the outbox and the
// formatting cost.

#include <netinet/in.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <malloc.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>
#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "core/message.h"
#include "notify/dispatcher.h"
#include "notify/generic_channel.h"
#include "notify/transport.h"
#include "store/database.h"
#include "store/outbox.h"
#include "time/clock.h"

using namespace rectifyd;
namespace fs = std::filesystem;

namespace {

long vm_hwm_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmHWM:"))
      return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int free_port() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  int port = ntohs(a.sin_port);
  close(s);
  return port;
}

Message sample(int i) {
  Message m;
  m.kind = "reminder";
  m.subject = "整改提醒：问题3 措施二 还剩 1 个工作日";
  m.text = m.subject + "\n建立健全档案数字化管理制度，请于12月4日前完成并上传佐证材料。编号 " +
           std::to_string(i);
  MessageItem it;
  it.measure_id = 12;
  it.label = "问题3 措施二";
  it.text = "建立健全档案数字化管理制度";
  it.owner = "张三";
  it.due = "2026-12-04";
  it.colour = "yellow";
  it.note = "还剩 1 个工作日";
  m.items.push_back(it);
  m.to.push_back({"张三", "zhangsan@example.org", "13800000001", "", "", ""});
  return m;
}

std::size_t discard(char* /*data*/, std::size_t size, std::size_t n, void* /*userp*/) {
  return size * n;
}

/// How the plain libcurl loop waits: curl_multi_perform + curl_multi_poll, or
/// curl_multi_socket_action on its own epoll set (what an event loop does, without the loop).
enum class CurlDrive { perform, socket_action };

/// The epoll side of curl_multi_socket_action: the set and curl's timer.
struct EpollDriver {
  int ep = -1;
  long timeout_ms = -1;

  static int on_socket(CURL*, curl_socket_t s, int what, void* self, void*) {
    int ep = static_cast<EpollDriver*>(self)->ep;
    if (what == CURL_POLL_REMOVE) {
      epoll_ctl(ep, EPOLL_CTL_DEL, s, nullptr);
      return 0;
    }
    epoll_event ev{};
    ev.data.fd = s;
    ev.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0u);
    if (epoll_ctl(ep, EPOLL_CTL_MOD, s, &ev) != 0)
      epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
    return 0;
  }
  static int on_timer(CURLM*, long timeout_ms, void* self) {
    static_cast<EpollDriver*>(self)->timeout_ms = timeout_ms;
    return 0;
  }
  /// Waits for sockets or curl's timer and tells curl what happened.
  void step(CURLM* multi) {
    int running = 0;
    if (timeout_ms == 0) {
      timeout_ms = -1;
      curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
      return;
    }
    epoll_event events[128];
    int n = epoll_wait(ep, events, 128, timeout_ms < 0 ? 1000 : static_cast<int>(timeout_ms));
    if (n <= 0) {
      timeout_ms = -1;
      curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
      return;
    }
    for (int i = 0; i < n; ++i) {
      int mask = ((events[i].events & EPOLLIN) ? CURL_CSELECT_IN : 0) |
                 ((events[i].events & EPOLLOUT) ? CURL_CSELECT_OUT : 0) |
                 ((events[i].events & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
      curl_multi_socket_action(multi, events[i].data.fd, mask, &running);
    }
  }
};

/// Requests per second of wall time and per second of this process's CPU time.
struct Rate {
  double wall = 0;
  double cpu = 0;
};

/// COUNT POSTs of `body` to `url` with `concurrency` easy handles, each re-added as soon as it
/// finishes, on one multi handle driven as `drive` says.
Rate curl_multi_rate(const std::string& url, const std::string& body, int concurrency, int count,
                     CurlDrive drive) {
  CURLM* multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(concurrency));
  EpollDriver epoll_driver;
  if (drive == CurlDrive::socket_action) {
    epoll_driver.ep = epoll_create1(EPOLL_CLOEXEC);
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &EpollDriver::on_socket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, &epoll_driver);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &EpollDriver::on_timer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, &epoll_driver);
  }
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Expect:");
  std::vector<CURL*> easies;
  int started = 0;
  int done = 0;
  int failed = 0;
  auto t0 = std::chrono::steady_clock::now();
  auto cpu0 = cpu_seconds();
  for (int i = 0; i < concurrency && started < count; ++i, ++started) {
    CURL* e = curl_easy_init();
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &discard);
    easies.push_back(e);
    curl_multi_add_handle(multi, e);
  }
  while (done < count) {
    if (drive == CurlDrive::socket_action) {
      epoll_driver.step(multi);
    } else {
      int running = 0;
      curl_multi_perform(multi, &running);
    }
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
      if (m->msg != CURLMSG_DONE)
        continue;
      ++done;
      failed += m->data.result == CURLE_OK ? 0 : 1;
      CURL* e = m->easy_handle;
      curl_multi_remove_handle(multi, e);
      if (started < count) {
        ++started;
        curl_multi_add_handle(multi, e);
      }
    }
    if (done < count && drive == CurlDrive::perform)
      curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  }
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto cpu = cpu_seconds() - cpu0;
  for (auto* e : easies) {
    curl_multi_remove_handle(multi, e);
    curl_easy_cleanup(e);
  }
  curl_slist_free_all(headers);
  curl_multi_cleanup(multi);
  if (epoll_driver.ep >= 0)
    close(epoll_driver.ep);
  if (failed > 0)
    std::fprintf(stderr, "libcurl baseline: %d of %d requests failed\n", failed, count);
  return {count / secs, count / cpu};
}

/// The same POSTs through rectifyd's own transport (CurlTransport on an Asio loop), each
/// request as the generic channel prepares it (its headers and signature), prepared once per
/// slot and sent again and again: no outbox, no JSON per delivery.
Rate transport_rate(const config::ChannelConfig& hook, const Message& m, int concurrency,
                    int count) {
  boost::asio::io_context io{1};
  notify::CurlTransport transport(io);
  notify::GenericChannel channel(hook);
  std::vector<notify::Request> requests;
  for (int i = 0; i < concurrency; ++i) {
    notify::Envelope e;
    e.key = "bench/transport/" + std::to_string(i);
    e.kind = m.kind;
    e.channel = hook.id;
    e.recipient = "张三";
    e.message = m;
    auto reqs = channel.prepare(e, notify::SendContext{0, SystemClock().now()});
    if (!reqs || reqs->size() != 1)
      return {};
    requests.push_back(std::move(reqs->front()));
  }
  int started = 0;
  int done = 0;
  int failed = 0;
  std::function<void(int)> start = [&](int slot) {
    ++started;
    transport.start(requests[static_cast<std::size_t>(slot)], std::chrono::seconds{10},
                    [&, slot](notify::Response r) {
                      ++done;
                      failed += r.curl_code == CURLE_OK && r.status == 204 ? 0 : 1;
                      if (started < count)
                        start(slot);
                      else if (done == count)
                        io.stop();
                    });
  };
  auto t0 = std::chrono::steady_clock::now();
  auto cpu0 = cpu_seconds();
  for (int i = 0; i < concurrency && started < count; ++i)
    start(i);
  io.run();
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto cpu = cpu_seconds() - cpu0;
  if (failed > 0)
    std::fprintf(stderr, "transport baseline: %d of %d requests failed\n", failed, count);
  return {count / secs, count / cpu};
}

}  // namespace

int main(int argc, char** argv) {
  int count = argc > 1 ? std::atoi(argv[1]) : 100000;
  int concurrency = argc > 2 ? std::atoi(argv[2]) : 64;
  spdlog::set_level(spdlog::level::warn);
  // Without this glibc gives the top of the heap back to the kernel after nearly every batch
  // and faults it in again: it more than halves delivery throughput.
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
  auto tmp = fs::temp_directory_path() / ("delivery-bench-" + std::to_string(getpid()));
  fs::create_directories(tmp / "logs");
  int port = free_port();
  {
    std::ofstream conf(tmp / "nginx.conf");
    conf << "worker_processes 1;\ndaemon off;\npid " << (tmp / "nginx.pid").string()
         << ";\nerror_log " << (tmp / "logs/error.log").string()
         << ";\nevents { worker_connections 4096; }\nhttp {\n  access_log off;\n"
         << "  client_body_temp_path " << (tmp / "body").string() << ";\n"
         << "  keepalive_requests 10000000;\n"
         << "  server { listen 127.0.0.1:" << port << "; location / { return 204; } }\n}\n";
  }
  pid_t nginx = fork();
  if (nginx == 0) {
    execl("/usr/sbin/nginx", "nginx", "-p", tmp.c_str(), "-c", (tmp / "nginx.conf").c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // nginx start-up
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hook";

  // The body as the generic channel sends it, for wrk.
  auto body = boost::json::serialize(to_json(sample(0)));
  {
    std::ofstream lua(tmp / "post.lua");
    lua << "wrk.method = \"POST\"\nwrk.body = " << boost::json::serialize(boost::json::value(body))
        << "\nwrk.headers[\"Content-Type\"] = \"application/json\"\n";
  }
  std::string cmd = "wrk -t1 -c" + std::to_string(concurrency) + " -d5s -s " +
                    (tmp / "post.lua").string() + " " + url + " 2>&1";
  double wrk_rate = 0;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[512];
    while (fgets(buf, sizeof buf, p)) {
      std::string line(buf);
      if (line.starts_with("Requests/sec:"))
        wrk_rate = std::strtod(line.c_str() + 13, nullptr);
    }
    pclose(p);
  }
  const Rate curl_perform = curl_multi_rate(url, body, concurrency, count, CurlDrive::perform);
  const Rate curl_socket = curl_multi_rate(url, body, concurrency, count, CurlDrive::socket_action);
  const double curl_perform_rate = curl_perform.wall;
  const double curl_socket_rate = curl_socket.wall;
  const double curl_rate = std::max(curl_perform_rate, curl_socket_rate);
  const double curl_cpu_rate =
      curl_perform_rate >= curl_socket_rate ? curl_perform.cpu : curl_socket.cpu;

  config::ChannelConfig hook;
  hook.id = "hook";
  hook.type = config::ChannelType::generic;
  hook.urls = {{url, "bench"}};
  hook.secret = {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "bench"};
  hook.concurrency = concurrency;
  const Rate transport = transport_rate(hook, sample(0), concurrency, count);

  auto db = store::Database::open((tmp / "bench.db").string());
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().message.c_str());
    return 1;
  }
  SystemClock clock;
  store::Outbox outbox(**db);
  auto t_enqueue = std::chrono::steady_clock::now();
  (*db)->write([&] {
    for (int i = 0; i < count; ++i) {
      auto m = sample(i);
      outbox.enqueue({"bench/" + std::to_string(i), "reminder", "hook", "张三", m.subject,
                      boost::json::serialize(to_json(m)), clock.now(), false},
                     clock.now());
    }
  });
  auto enqueue_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t_enqueue).count();

  auto cfg = std::make_shared<config::Config>();
  cfg->channels = {hook};
  boost::asio::io_context io{1};  // one thread: posts from inside the loop need no wake-up
  notify::Dispatcher d(io, **db, clock, cfg);
  d.on_idle([&] { io.stop(); });
  auto t0 = std::chrono::steady_clock::now();
  auto cpu0 = cpu_seconds();
  if (!d.start()) {
    std::fprintf(stderr, "dispatcher did not start\n");
    return 1;
  }
  io.run();
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto cpu = cpu_seconds() - cpu0;
  auto sent = outbox.counts()[store::OutboxState::sent];

  kill(nginx, SIGTERM);
  waitpid(nginx, nullptr, 0);
  fs::remove_all(tmp);

  double rate = sent / secs;
  std::printf("delivery bench: %d notifications, concurrency %d\n", count, concurrency);
  std::printf("  enqueue:            %.2f s (one transaction)\n", enqueue_s);
  std::printf("  delivered:          %d in %.2f s = %.0f /s (target >= 10000 /s)\n", sent, secs,
              rate);
  std::printf("  delivery CPU time:  %.2f s = %.0f deliveries per CPU second (load-independent)\n",
              cpu, sent / cpu);
  std::printf("  wrk baseline:       %.0f requests/s (same body, same endpoint, -c%d)\n", wrk_rate,
              concurrency);
  std::printf("  ratio to wrk:       %.2f (target >= 0.50)\n",
              wrk_rate > 0 ? rate / wrk_rate : 0.0);
  std::printf(
      "  libcurl multi loop: %.0f requests/s with curl_multi_perform/poll, %.0f with "
      "curl_multi_socket_action/epoll (same body, same endpoint, %d handles reused)\n",
      curl_perform_rate, curl_socket_rate, concurrency);
  std::printf("  libcurl / wrk:      %.2f (the faster loop: what the library allows at best)\n",
              wrk_rate > 0 ? curl_rate / wrk_rate : 0.0);
  std::printf("  ratio to libcurl:   %.2f (target >= 0.50)\n",
              curl_rate > 0 ? rate / curl_rate : 0.0);
  std::printf("  per CPU second:     rectifyd %.0f, the faster libcurl loop %.0f requests = %.2f\n",
              sent / cpu, curl_cpu_rate, curl_cpu_rate > 0 ? (sent / cpu) / curl_cpu_rate : 0.0);
  std::printf(
      "  transport alone:    %.0f requests/s, %.0f per CPU second (rectifyd's CurlTransport "
      "with the generic channel's requests, no outbox, no JSON) = %.2f of the libcurl loop\n",
      transport.wall, transport.cpu, curl_rate > 0 ? transport.wall / curl_rate : 0.0);
  std::printf("  peak RSS (VmHWM):   %.1f MB (target <= 30 MB)\n", vm_hwm_kb() / 1024.0);
  std::printf("  attempts %llu, retried %llu, dead %llu\n",
              static_cast<unsigned long long>(d.stats().attempts),
              static_cast<unsigned long long>(d.stats().retried),
              static_cast<unsigned long long>(d.stats().dead));
  return sent == count ? 0 : 1;
}
