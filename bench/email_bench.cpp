// Email throughput to a local SMTP server: the smtp channel on the dispatcher's curl multi
// (connections reused) against a baseline, in the same run, that starts one `curl` process per
// message with the identical message file.
//
// The server is postfix's smtp-sink (/usr/sbin/smtp-sink, a C program: scripts/install-deps.sh
// --bench) on a loopback port, so the client rather than the server is measured; without it,
// tests/support/smtp_sink.py --fast (Python, slower, and it shares the CPU with the client).
//
//   email_bench [COUNT] [CONCURRENCY] [BASELINE_COUNT] [--python-sink]
//
// COUNT emails (default 500) through the channel with CONCURRENCY transfers in flight
// (default 4); BASELINE_COUNT curl processes (default COUNT), one after another. Prints
// messages/s for both, the ratio (target >= 20), and how many SMTP connections each opened.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "core/message.h"
#include "notify/dispatcher.h"
#include "notify/smtp_channel.h"
#include "store/database.h"
#include "store/outbox.h"
#include "time/clock.h"

using namespace rectifyd;
namespace fs = std::filesystem;

namespace {

constexpr const char* kFrom = "office@archives.example.org";

Message sample(int i) {
  Message m;
  m.kind = "reminder";
  m.subject = "【整改提醒】问题3 措施二 还剩 1 个工作日";
  m.text = m.subject + "\n建立健全档案数字化管理制度，请于12月4日17:00前完成并上传佐证材料。编号 " +
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
  Addressee a;
  a.name = "张三";
  a.email = "zhangsan@example.org";
  m.to.push_back(a);
  return m;
}

config::ChannelConfig channel(const std::string& url, int concurrency) {
  config::ChannelConfig c;
  c.id = "email";
  c.type = config::ChannelType::smtp;
  c.smtp_url = {url, "bench"};
  c.from_address = kFrom;
  c.from_name = "巡察整改工作领导小组办公室";
  c.tls = config::SmtpTls::none;
  c.concurrency = concurrency;
  c.timeout = std::chrono::seconds{30};
  return c;
}

/// Starts `args` (argv[0] a path); with `quiet`, its stderr goes to /dev/null and its stdout to
/// `out` (or /dev/null too).
pid_t spawn(std::vector<std::string> args, bool quiet, const char* out = "/dev/null") {
  pid_t pid = fork();
  if (pid == 0) {
    if (quiet) {
      std::FILE* stdout_file = std::fopen(out, "w");
      std::FILE* null = std::fopen("/dev/null", "w");
      if (stdout_file && null) {
        dup2(fileno(stdout_file), STDOUT_FILENO);
        dup2(fileno(null), STDERR_FILENO);
      }
    }
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

double cpu_seconds(int who) {
  rusage u{};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

constexpr const char* kSmtpSink = "/usr/sbin/smtp-sink";

/// A port nothing listens on now (the kernel's choice), for a server that cannot report its own.
int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  close(fd);
  return port;
}

bool accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

/// The SMTP server under the benchmark, and what it counted.
class Sink {
 public:
  virtual ~Sink() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  int port() const { return port_; }
  virtual const char* name() const = 0;
  /// Connections closed so far (smtp-sink) or opened so far (smtp_sink.py).
  virtual int connections() const = 0;
  virtual int messages() const = 0;
  /// Waits (a little) until the server has counted `n` messages and every connection closed.
  void settle(int n) const {
    int last = -1;
    for (int i = 0; i < 300; ++i) {
      int c = connections();
      if (messages() >= n && c == last)
        return;
      last = c;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

 protected:
  pid_t pid_ = -1;
  int port_ = 0;
};

/// postfix's smtp-sink; `-c` writes "sess=N quit=N mesg=N" to stdout (CR-separated) as it goes.
class CSink final : public Sink {
 public:
  explicit CSink(const fs::path& dir) : counters_(dir / "smtp-sink.counters") {
    for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
      int port = free_port();
      std::vector<std::string> args = {kSmtpSink, "-c"};
      if (geteuid() == 0)
        args.insert(args.end(), {"-u", "nobody"});  // it refuses to keep root privileges
      args.insert(args.end(), {"127.0.0.1:" + std::to_string(port), "1024"});
      pid_ = spawn(std::move(args), true, counters_.c_str());
      for (int i = 0; i < 500; ++i) {
        if (accepts(port)) {
          port_ = port;
          break;
        }
        if (waitpid(pid_, nullptr, WNOHANG) == pid_) {  // the port was taken meanwhile
          pid_ = -1;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      if (port_ == 0 && pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
      }
    }
  }
  const char* name() const override { return "postfix smtp-sink"; }
  int connections() const override { return last("sess="); }
  int messages() const override { return last("mesg="); }

 private:
  int last(const std::string& key) const {
    std::ifstream in(counters_);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    auto pos = text.rfind(key);
    return pos == std::string::npos ? 0 : std::atoi(text.c_str() + pos + key.size());
  }
  fs::path counters_;
};

/// tests/support/smtp_sink.py --fast: one JSON line per connection and per message.
class PythonSink final : public Sink {
 public:
  explicit PythonSink(const fs::path& dir) : log_(dir / "sink.jsonl") {
    const fs::path port_file = dir / "sink.port";
    pid_ = spawn({"/usr/bin/python3", RECTIFYD_SOURCE_DIR "/tests/support/smtp_sink.py", "serve",
                  "--fast", "--port-file", port_file.string(), "--log", log_.string()},
                 true);
    for (int i = 0; i < 2000 && port_ == 0; ++i) {
      std::ifstream in(port_file);
      if (!(in >> port_))
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  const char* name() const override { return "smtp_sink.py --fast (Python)"; }
  int connections() const override { return count("\"event\": \"connect\""); }
  int messages() const override { return count("\"event\": \"message\""); }

 private:
  int count(const std::string& what) const {
    std::ifstream in(log_);
    std::string line;
    int n = 0;
    while (std::getline(in, line))
      n += line.find(what) != std::string::npos ? 1 : 0;
    return n;
  }
  fs::path log_;
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> positional;
  bool python_sink = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--python-sink")
      python_sink = true;
    else
      positional.emplace_back(argv[i]);
  }
  auto arg = [&](std::size_t i, int fallback) {
    return positional.size() > i ? std::atoi(positional[i].c_str()) : fallback;
  };
  const int count = arg(0, 500);
  const int concurrency = arg(1, 4);
  const int baseline_count = arg(2, count);
  spdlog::set_level(spdlog::level::warn);
  auto tmp = fs::temp_directory_path() / ("email-bench-" + std::to_string(getpid()));
  fs::create_directories(tmp);
  std::unique_ptr<Sink> sink;
  if (!python_sink && access(kSmtpSink, X_OK) == 0)
    sink = std::make_unique<CSink>(tmp);
  else
    sink = std::make_unique<PythonSink>(tmp);
  if (sink->port() == 0) {
    std::fprintf(stderr, "%s did not start\n", sink->name());
    return 1;
  }
  const std::string url = "smtp://127.0.0.1:" + std::to_string(sink->port());
  sink->settle(0);
  const int probe_conns = sink->connections();  // smtp-sink counts the readiness probe
  SystemClock clock;

  // Baseline: the same message bytes, one curl process per message.
  notify::SmtpChannel formatter(channel(url, 1));
  notify::Envelope env;
  env.key = "bench/baseline";
  env.kind = "reminder";
  env.channel = "email";
  env.recipient = "张三";
  env.message = sample(0);
  auto reqs = formatter.prepare(env, notify::SendContext{0, clock.now()});
  if (!reqs) {
    std::fprintf(stderr, "%s\n", reqs.error().message.c_str());
    return 1;
  }
  const fs::path mail_file = tmp / "mail.eml";
  std::ofstream(mail_file, std::ios::binary) << reqs->front().body;
  int baseline_ok = 0;
  const double baseline_cpu0 = cpu_seconds(RUSAGE_CHILDREN);
  auto b0 = std::chrono::steady_clock::now();
  for (int i = 0; i < baseline_count; ++i) {
    pid_t p = spawn({"/usr/bin/curl", "-s", url, "--mail-from", kFrom, "--mail-rcpt",
                     "zhangsan@example.org", "-T", mail_file.string()},
                    true);
    int status = 0;
    waitpid(p, &status, 0);
    baseline_ok += WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 1 : 0;
  }
  const double baseline_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - b0).count();
  const double baseline_cpu = cpu_seconds(RUSAGE_CHILDREN) - baseline_cpu0;
  sink->settle(baseline_ok);
  const int baseline_conns = sink->connections() - probe_conns;

  // The channel: COUNT outbox rows drained by the dispatcher on one curl multi.
  auto db = store::Database::open((tmp / "bench.db").string());
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().message.c_str());
    return 1;
  }
  store::Outbox outbox(**db);
  (*db)->write([&] {
    for (int i = 0; i < count; ++i) {
      auto m = sample(i);
      outbox.enqueue({"bench/" + std::to_string(i), "reminder", "email", "张三", m.subject,
                      boost::json::serialize(to_json(m)), clock.now(), false},
                     clock.now());
    }
  });
  auto cfg = std::make_shared<config::Config>();
  cfg->channels = {channel(url, concurrency)};
  double channel_s = 0;
  double channel_cpu = 0;
  {
    boost::asio::io_context io;
    notify::Dispatcher d(io, **db, clock, cfg);
    d.on_idle([&] { io.stop(); });
    const double channel_cpu0 = cpu_seconds(RUSAGE_SELF);
    auto t0 = std::chrono::steady_clock::now();
    if (!d.start()) {
      std::fprintf(stderr, "dispatcher did not start\n");
      return 1;
    }
    io.run();
    channel_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    channel_cpu = cpu_seconds(RUSAGE_SELF) - channel_cpu0;
  }  // the dispatcher closes its connections, so smtp-sink counts them
  const int sent = outbox.counts()[store::OutboxState::sent];
  sink->settle(baseline_ok + sent);
  const int channel_conns = sink->connections() - probe_conns - baseline_conns;
  const char* sink_name = sink->name();
  sink.reset();
  fs::remove_all(tmp);

  const double baseline_rate = baseline_ok / baseline_s;
  const double channel_rate = sent / channel_s;
  const double baseline_per_cpu = baseline_ok / baseline_cpu;
  const double channel_per_cpu = sent / channel_cpu;
  std::printf("email bench: %d emails (%zu bytes each) to a local SMTP sink (%s)\n", count,
              reqs->front().body.size(), sink_name);
  std::printf(
      "  curl process per message: %d/%d in %.2f s = %.1f messages/s, %d connections, "
      "%.0f messages per CPU second\n",
      baseline_ok, baseline_count, baseline_s, baseline_rate, baseline_conns, baseline_per_cpu);
  std::printf(
      "  smtp channel (one multi): %d/%d in %.2f s = %.1f messages/s, %d connections "
      "(concurrency %d), %.0f messages per CPU second\n",
      sent, count, channel_s, channel_rate, channel_conns, concurrency, channel_per_cpu);
  std::printf("  ratio, wall clock:        %.1fx (target >= 20x)\n",
              baseline_rate > 0 ? channel_rate / baseline_rate : 0.0);
  std::printf(
      "  ratio, CPU per message:   %.1fx (independent of the machine's load; the sink's "
      "CPU is in neither)\n",
      baseline_per_cpu > 0 ? channel_per_cpu / baseline_per_cpu : 0.0);
  return sent == count && baseline_ok == baseline_count ? 0 : 1;
}
